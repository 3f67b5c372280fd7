import Advice
import Litmus
import Models

extension RunReport {
    /// Whether the run calls for a computed fix: the hardware showed an outcome the test's
    /// `Result:` or the LKMM forbids, or the author expects `Never` and the LKMM allows it.
    public var wantsAdvice: Bool {
        if findings.contains(where: { $0.kind == .contradictsResult || $0.kind == .forbiddenByLKMM }) { return true }
        guard let asWritten = variants.first(where: \.isAsWritten) else { return false }
        return run.program.expectedVerdict == .never && asWritten.models.allowsCondition(under: .lkmm) == true
    }

    /// The models whose fix is worth printing: the LKMM and this CPU's own model.
    public var adviceModels: [ModelKind] {
        [.lkmm] + (cpuModel.map { $0 == .lkmm ? [] : [$0] } ?? [])
    }

    /// The computed fixes, short: per model the cheapest fix's changes and the axiom that then
    /// forbids the outcome, or why there is none (`litmus fix` prints the diffs).
    public func adviceText(_ reports: [ModelKind: FixReport], style: Style = .plain) -> String {
        var lines = [style.bold("Suggested fix") + " (computed by `litmus fix`, each checked by the model on the changed test):"]
        for model in adviceModels {
            let name = model.displayName
            guard let report = reports[model] else {
                lines.append("  \(name): no fix computed (the model gave up)")
                continue
            }
            switch report.status {
            case .alreadyForbidden:
                lines.append("  \(name): already forbids the outcome as written; nothing to add for it")
            case .allowedBySC:
                lines.append("  \(name): an interleaving produces the outcome (SC allows it), so no barrier can forbid it")
            case let .noFix(reason):
                lines.append("  \(name): no fix in the search space (\(reason))")
            case let .fixed(fixes):
                guard let fix = fixes.first else { continue }
                let axiom = fix.forbiddingAxiom.map { ", then forbidden by \($0.axiom) (\($0.kind.rawValue) \($0.relationName))" } ?? ""
                lines.append("  \(name) (cost \(fix.cost) on \(report.costModel.rawValue)\(axiom)):")
                lines += fix.changes.map { "    " + $0.summary }
                if fixes.count > 1 { lines.append("    (\(fixes.count - 1) more of the same cost: litmus fix \(file ?? report.file) --model \(model.rawValue))") }
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension RunReport {
    /// ``json`` with the computed fixes under `advice`, one object per advice model, as
    /// `litmus fix --format json` writes them.
    public func json(advice reports: [ModelKind: FixReport]) -> JSONValue {
        guard case var .object(fields) = json else { return json }
        fields.append(("advice", .array(adviceModels.map { model in
            reports[model]?.json ?? .object([("model", .string(model.rawValue)), ("result", .string("gave_up"))])
        })))
        return .object(fields)
    }
}
