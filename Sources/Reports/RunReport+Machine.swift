import Harness
import Litmus
import Models

extension RunReport {
    /// The run as JSON: the harness's object (``HardwareReport/json(_:)``, keys unchanged),
    /// with the models' verdicts added beside them: `allowed_by` per histogram entry, `label`,
    /// `models` and `findings` per variant, and `file`, `result`, `architecture`, `cpu_model`,
    /// `status`, `findings` per test.
    public var json: JSONValue {
        guard case var .object(fields) = HardwareReport.json(run) else { return HardwareReport.json(run) }
        if let index = fields.firstIndex(where: { $0.0 == "variants" }), case let .array(items) = fields[index].1 {
            fields[index].1 = .array(zip(items, variants).map { item, variant in extend(item, variant) })
        }
        fields += [
            ("file", file.map(JSONValue.string) ?? .null),
            ("result", run.program.expectedResult.map(JSONValue.string) ?? .null),
            ("architecture", .string(architecture)),
            ("cpu_model", cpuModel.map { .string($0.rawValue) } ?? .null),
            ("status", .string(status.rawValue)),
            ("inconclusive_reasons", .array(inconclusiveReasons.map(JSONValue.string))),
            ("findings", .array(findings.map(findingJSON))),
        ]
        return .object(fields)
    }

    private func findingJSON(_ f: Finding) -> JSONValue {
        .object([
            ("kind", .string(f.kind.rawValue)), ("variant", .string(f.variant)), ("state", .string(f.state)),
            ("count", .number(f.count)), ("message", .string(f.message)),
        ])
    }

    /// Adds the models' view to one variant object of the harness's JSON.
    private func extend(_ item: JSONValue, _ variant: VariantReport) -> JSONValue {
        guard case var .object(fields) = item else { return item }
        let states = variant.observed.histogram.keys.sorted()  // the harness's histogram order
        if let index = fields.firstIndex(where: { $0.0 == "histogram" }), case let .array(entries) = fields[index].1 {
            fields[index].1 = .array(zip(entries, states).map { entry, state in
                guard case var .object(entryFields) = entry else { return entry }
                entryFields.append(("allowed_by", .object(models.map { model in
                    (model.rawValue, variant.models.allows(state, under: model).map(JSONValue.bool) ?? .null)
                })))
                return .object(entryFields)
            })
        }
        let verdicts: [(String, JSONValue)] = models.map { model in
            guard let result = variant.models.results[model] else {
                return (model.rawValue, .object([("error", .string(variant.models.failures[model] ?? "not checked"))]))
            }
            return (model.rawValue, .object([
                ("verdict", .string(result.verdict.rawValue)),
                ("condition_allowed", .bool(result.positive > 0)),
                ("flags", .array(result.flags.map(JSONValue.string))),
            ]))
        }
        fields += [
            ("label", .string(variant.label)),
            ("models", .object(verdicts)),
            ("findings", .array(variant.findings.map(findingJSON))),
        ]
        return .object(fields)
    }

    /// litmus7's result block for the test as written: the harness's format; with `--check`
    /// the verdict comes first as `%` comment lines, which litmus7's readers skip.
    public func herdText(withStatus: Bool = false) -> String {
        guard withStatus else { return HardwareReport.herd(run) }
        var lines = ["% status: \(status.rawValue)"]
        lines += inconclusiveReasons.map { "% inconclusive: \($0)" }
        lines += findings.map { "% \($0.kind.rawValue): " + $0.message }
        return lines.joined(separator: "\n") + "\n" + HardwareReport.herd(run)
    }
}
