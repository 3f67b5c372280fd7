import Litmus
import Models

extension RunReport {
    /// The run as JSON: the harness's keys (`test`, `parameters`, `variants` with `removed`,
    /// `iterations`, `witnesses`, `seconds`, `histogram`), then the models' verdicts beside them
    /// (`allowed_by` per state, `models` per variant, `cpu_model`, `findings`, `status`).
    public var json: JSONValue {
        let program = run.program
        var fields: [(String, JSONValue)] = [
            ("test", .string(program.name)),
            ("parameters", .object(run.parameters)),
            ("variants", .array(variants.map(variantJSON))),
        ]
        fields += [
            ("file", run.file.map(JSONValue.string) ?? .null),
            ("condition", .string(program.herdCondition)),
            ("result", program.expectedResult.map(JSONValue.string) ?? .null),
            ("architecture", .string(architecture)),
            ("cpu_model", cpuModel.map { .string($0.rawValue) } ?? .null),
            ("interrupted", .bool(run.interrupted)),
            ("status", .string(passed ? "pass" : "fail")),
            ("findings", .array(findings.map { f in
                .object([
                    ("kind", .string(f.kind.rawValue)), ("variant", .string(f.variant)), ("state", .string(f.state)),
                    ("count", .number(f.count)), ("message", .string(f.message)),
                ])
            })),
        ]
        return .object(fields)
    }

    private func variantJSON(_ variant: VariantReport) -> JSONValue {
        let program = variant.observed.program
        let histogram: [JSONValue] = variant.rows.map { row in
            .object([
                ("state", .object(row.state.entries.map { (program.render($0.location), valueJSON($0.value, program)) })),
                ("count", .number(row.count)),
                ("satisfies_condition", .bool(row.satisfiesCondition)),
                ("allowed_by", .object(models.map { ($0.rawValue, (row.allowed[$0] ?? nil).map(JSONValue.bool) ?? .null) })),
            ])
        }
        let modelVerdicts: [(String, JSONValue)] = models.map { model in
            guard let result = variant.models.results[model] else {
                return (model.rawValue, .object([("error", .string(variant.models.failures[model] ?? "not checked"))]))
            }
            return (model.rawValue, .object([
                ("verdict", .string(result.verdict.rawValue)),
                ("condition_allowed", .bool(result.positive > 0)),
            ]))
        }
        return .object([
            ("removed", .array(variant.observed.removed.map { .string($0.description) })),
            ("iterations", .number(variant.observed.iterations)),
            ("witnesses", .number(variant.observed.witnesses)),
            ("seconds", .double(variant.observed.seconds)),
            ("histogram", .array(histogram)),
            ("label", .string(variant.label)),
            ("verdict", .string(variant.observed.verdict.rawValue)),
            ("models", .object(modelVerdicts)),
            ("findings", .number(variant.findings.count)),
        ])
    }

    private func valueJSON(_ value: Value, _ program: Program) -> JSONValue {
        if case let .integer(n) = value { return .number(n) }
        return .string(program.render(value))
    }

    /// litmus7's result block for the test as written, so scripts that read litmus7 output
    /// read ours: `Test`, `Histogram`, the states (`*>` marks the condition's), `Ok`/`No`,
    /// `Witnesses`, `Positive: P, Negative: N`, the condition's validation, `Observation`,
    /// `Time`. No `Hash=` line (litmus7's digest of its own C code).
    public func herdText() -> String {
        guard let variant = variants.first(where: \.isAsWritten) ?? variants.first else { return "" }
        let program = variant.observed.program
        let positive = variant.observed.witnesses, negative = variant.observed.iterations - positive
        var lines = ["Test \(program.name) \(program.condition.herdKind)"]
        let rows = variant.rows.sorted { $0.state < $1.state }
        lines.append("Histogram (\(rows.count) state\(rows.count == 1 ? "" : "s"))")
        for row in rows {
            let count = String(row.count)
            lines.append(count + String(repeating: " ", count: max(0, 6 - count.count))
                + (row.satisfiesCondition ? "*>" : ":>") + program.render(row.state))
        }
        let holds: Bool
        switch program.condition.quantifier {
        case .exists: holds = positive > 0
        case .notExists: holds = positive == 0
        case .forall: holds = negative == 0
        }
        lines.append(holds ? "Ok" : "No")
        lines.append("")
        lines.append("Witnesses")
        lines.append("Positive: \(positive), Negative: \(negative)")
        lines.append("Condition \(program.herdCondition) is \(holds ? "" : "NOT ")validated")
        lines.append("Observation \(program.name) \(variant.observed.verdict.rawValue) \(positive) \(negative)")
        lines.append("Time \(program.name) \(Text.fixed(variant.observed.seconds, 2))")
        return lines.joined(separator: "\n") + "\n\n"
    }
}
