import Litmus
import Models

/// `litmus explain --conf F.cfg` / `--cat F.cat`: what a model read from files says about a
/// test, in its own words (axiom names from the cat file), and what each barrier changes.
public struct FileModelExplanation: Sendable {
    public var result: CheckResult
    /// Each barrier variant (a barrier removed): whether the model allows the condition then,
    /// nil when the check gave up.
    public var variants: [(removed: [BarrierSite], allows: Bool?)]
    /// When SC forbids the outcome: each program-order step of SC's cycle, and the relations
    /// the model's files define that contain it (empty: nothing the model defines orders it).
    public var programOrder: [(from: String, to: String, orderedBy: [String])]

    public init(result: CheckResult, variants: [(removed: [BarrierSite], allows: Bool?)],
                programOrder: [(from: String, to: String, orderedBy: [String])] = []) {
        self.result = result
        self.variants = variants
        self.programOrder = programOrder
    }

    public func text(style: Style = .plain) -> String {
        let r = result
        var lines = [style.bold("Under \(r.modelName) (a model read from files):")]
        let allowed = r.positive > 0
        lines.append("  \(r.program.herdCondition): \(r.verdict.rawValue) (\(r.positive) of \(r.positive + r.negative) allowed executions satisfy it); "
            + (allowed ? "the outcome is allowed" : "the outcome is forbidden"))
        if !allowed {
            if let why = r.conditionExplanation {
                lines.append("  Forbidden by \(why.axiom) (\(why.kind.rawValue) \(why.relationName)):")
                lines.append("    " + why.steps.map { $0.edge.isEmpty ? $0.description : "\($0.description) —\($0.edge)→" }.joined(separator: " "))
            } else {
                lines.append("  No candidate execution reaches the condition's states at all.")
            }
        }
        for flag in r.flags { lines.append("  Flag \(flag)") }
        if !programOrder.isEmpty {
            lines.append("  SC forbids the outcome by a cycle; its program-order steps under \(r.modelName):")
            for step in programOrder {
                let by = step.orderedBy.isEmpty ? "no relation the model defines holds them"
                    : "in " + step.orderedBy.prefix(4).joined(separator: ", ") + (step.orderedBy.count > 4 ? " (and \(step.orderedBy.count - 4) more)" : "")
                lines.append("    \(step.from) → \(step.to): \(by)")
            }
        }
        if !variants.isEmpty {
            lines.append("  Without each barrier:")
            let width = variants.map { Self.name($0.removed).count }.max() ?? 0
            for v in variants {
                let verdict = v.allows.map { $0 ? "allowed" : "forbidden" } ?? "gave up"
                lines.append("    " + Text.pad(Self.name(v.removed), width) + "  " + verdict)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func name(_ removed: [BarrierSite]) -> String {
        "without " + removed.map(\.description).joined(separator: ", ")
    }
}
