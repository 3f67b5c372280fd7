import Advice
import Litmus
import Models

extension FixReport {
    /// One model's search as JSON (`fix --format json`, `advice` in `run --format json`):
    /// snake_case keys, the same facts as ``text``, the changed test's source per fix.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("file", .string(file)), ("test", .string(name)), ("model", .string(model.rawValue)),
            ("cost_model", .string(costModel.rawValue)), ("as_written", .string(original.verdict.rawValue)),
        ]
        switch status {
        case .alreadyForbidden: fields.append(("result", .string("already_forbidden")))
        case .allowedBySC: fields.append(("result", .string("allowed_by_sc")))
        case let .noFix(reason): fields += [("result", .string("no_fix")), ("reason", .string(reason))]
        case let .fixed(fixes):
            fields += [
                ("result", .string("fixed")), ("minimal", .bool(minimal)), ("limit", limit.map(JSONValue.string) ?? .null),
                ("fixes", .array(fixes.map(fixJSON))),
                ("not_enough", .array(insufficient.map { attempt in
                    .object([("cost", .number(attempt.cost)), ("changes", .array(attempt.changes.map(changeJSON))),
                             ("verdict", .string(attempt.result.verdict.rawValue))])
                })),
                ("dependency_notes", .array(dependencyNotes.map(JSONValue.string))),
            ]
        }
        fields += [("searched", .string(space)), ("checks", .number(checks)), ("seconds", .double((seconds * 10_000).rounded() / 10_000))]
        return .object(fields)
    }

    private func fixJSON(_ fix: Fix) -> JSONValue {
        .object([
            ("cost", .number(fix.cost)),
            ("instructions", .array(fix.changes.map { .string(costModel.instruction($0.option)) })),
            ("changes", .array(fix.changes.map(changeJSON))),
            ("verdict", .string(fix.result.verdict.rawValue)),
            ("forbidden_by", fix.forbiddingAxiom.map { axiom in
                .object([("axiom", .string(axiom.axiom)), ("kind", .string(axiom.kind.rawValue)),
                         ("relation", .string(axiom.relationName)), ("cycle", .string(axiom.cycleText))])
            } ?? .null),
            ("source", .string(fix.source)),
        ])
    }

    private func changeJSON(_ change: Change) -> JSONValue {
        .object([("thread", .number(change.slot.thread)), ("summary", .string(change.summary))])
    }
}
