import Advice
import Litmus
import Models

extension FixReport {
    /// The report for people: the verdict as written, each minimal fix with its cost, the axiom
    /// that now forbids the outcome and the diff of the test, what cheaper changes were
    /// checked and found not enough, and how many checks it took.
    public var text: String {
        var lines = ["\(name) under \(model.displayName) (costs: \(costModel.rawValue))"]
        let verdict = original.verdict.rawValue
        switch status {
        case .alreadyForbidden:
            lines.append("  \(original.program.herdCondition): \(verdict) as written; \(model.displayName) already forbids the outcome, nothing to fix.")
        case .allowedBySC:
            lines.append("  \(original.program.herdCondition): \(verdict) as written, and SC allows the outcome too: some interleaving "
                + "produces it, so no fence or stronger access can forbid it (the algorithm has to change).")
        case let .noFix(reason):
            lines.append("  \(original.program.herdCondition): \(verdict) as written.")
            lines.append("  Searched: \(space).")
            lines.append("  No fix: \(reason).")
        case let .fixed(fixes):
            lines.append("  \(original.program.herdCondition): \(verdict) as written.")
            lines.append("  Searched: \(space).")
            let level = fixes.first?.cost ?? 0
            if minimal {
                lines.append("  \(fixes.count == 1 ? "The cheapest fix" : "\(fixes.count) cheapest fixes") (cost \(level) on \(costModel.rawValue)), each checked on the changed test:")
            } else {
                lines.append("  A fix (cost \(level) on \(costModel.rawValue)), checked on the changed test; not proven the cheapest: \(limit ?? "")")
            }
            for (i, fix) in fixes.enumerated() {
                let instructions = fix.changes.map { costModel.instruction($0.option) }.joined(separator: " + ")
                lines.append("  Fix \(i + 1) (\(instructions)): now \(fix.result.verdict.rawValue)"
                    + (fix.forbiddingAxiom.map { ", forbidden by \($0.axiom) (\($0.kind.rawValue) \($0.relationName))" } ?? ""))
                for change in fix.changes { lines.append("    \(change.summary)") }
                if let axiom = fix.forbiddingAxiom { lines.append("    cycle: \(axiom.cycleText)") }
                lines += SourceText(originalSource).diff(to: fix.source, name: file).split(separator: "\n").map { "    " + $0 }
            }
            if !insufficient.isEmpty {
                lines.append("  Not enough (checked, the outcome stays allowed):")
                for attempt in insufficient { lines += notEnoughLines(attempt, fix: fixes.first).map { "    " + $0 } }
            }
            for note in dependencyNotes { lines.append("  Also: " + note + ".") }
        }
        lines.append("  \(checks) check\(checks == 1 ? "" : "s") in \(Self.seconds(seconds)) s.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One tab-separated line for tables: file, model, result, checks, seconds.
    public var summaryLine: String {
        let result: String
        switch status {
        case .alreadyForbidden: result = "already forbidden"
        case .allowedBySC: result = "none possible: SC allows it"
        case let .noFix(reason): result = "none: \(reason)"
        case let .fixed(fixes):
            result = "cost \(fixes[0].cost): " + fixes[0].changes.map(\.summary).joined(separator: "; ")
                + (fixes.count > 1 ? " (+\(fixes.count - 1) of the same cost)" : "") + (minimal ? "" : " (greedy, may not be the cheapest)")
        }
        return [file, model.rawValue, result, String(checks), Self.seconds(seconds)].joined(separator: "\t")
    }

    /// Why a cheaper attempt fails, from the checks: an execution reaching the outcome that no
    /// axiom rejects, and the axiom that rejects it once the fix is made.
    func notEnoughLines(_ attempt: InsufficientChange, fix: Fix?) -> [String] {
        var lines = ["cost \(attempt.cost): " + attempt.changes.map(\.summary).joined(separator: "; ")]
        var why = "  still \(attempt.result.verdict.rawValue)"
        let wanted = attempt.result.program.condition.quantifier != .forall
        if let state = attempt.result.states.first(where: { $0.satisfiesCondition == wanted }) {
            why += ": \(attempt.result.program.render(state.state)) is reached by an execution no \(model.displayName) axiom rejects"
        }
        lines.append(why)
        if let axiom = fix?.forbiddingAxiom {
            lines.append("  \(axiom.axiom) (\(axiom.kind.rawValue) \(axiom.relationName)) rejects it only once the fix is made")
        }
        return lines
    }

    static func seconds(_ s: Double) -> String {
        let hundredths = Int((s * 100).rounded())
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100)." + (fraction.count == 1 ? "0" + fraction : fraction)
    }
}
