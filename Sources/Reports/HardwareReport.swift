import Foundation
import Harness
import Litmus
import Models

/// Formats a hardware run (`litmus run`) for machines: litmus7's result block and JSON
/// (the human text is ``RunReport``, which puts the models beside the hardware).
/// Pure functions of a ``TestRunResult``, so each format is tested byte for byte.
public enum HardwareReport {
    /// litmus7's block for the test as written, so scripts that read litmus7 output read this.
    /// (Parameters are not part of it; ``parameterSummary(_:)`` gives them.)
    public static func herd(_ run: TestRunResult) -> String {
        guard let variant = run.variants.first else { return "" }
        let program = run.program
        let proposition = program.condition.proposition
        var lines: [String] = []
        if run.setup.perpetual != nil {
            // litmus7 prints `%` comment lines too; scripts skip them.
            lines.append("% perpetual: counts are instances found (one iteration per thread), not iterations")
        }
        lines.append("Test \(program.name) \(program.condition.herdKind)")
        lines.append("Histogram (\(variant.histogram.count) states)")
        for (state, count) in variant.histogram.sorted(by: { $0.key < $1.key }) {
            let number = String(count)
            let padded = number + String(repeating: " ", count: max(0, 6 - number.count))
            lines.append("\(padded)\(state.satisfies(proposition) ? "*>" : ":>")\(program.render(state))")
        }
        let positive = variant.witnesses
        let negative = variant.perpetual == nil
            ? variant.iterations - variant.witnesses
            : variant.histogram.reduce(0) { $0 + ($1.key.satisfies(proposition) ? 0 : $1.value) }
        let validated = conditionValidated(program.condition.quantifier, positive: positive, negative: negative)
        lines.append(validated ? "Ok" : "No")
        lines.append("")
        lines.append("Witnesses")
        lines.append("Positive: \(positive), Negative: \(negative)")
        lines.append("Condition \(program.herdCondition) is \(validated ? "validated" : "NOT validated")")
        lines.append("Observation \(program.name) \(variant.verdict.rawValue) \(positive) \(negative)")
        lines.append("Time \(program.name) \(String(format: "%.2f", variant.seconds))")
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// One JSON object per test; see the README's "`litmus run` JSON" section for the schema.
    public static func json(_ run: TestRunResult) -> JSONValue {
        let program = run.program
        let setup = run.setup
        return .object([
            ("test", .string(program.name)),
            ("parameters", .object([
                ("iterations", .number(setup.iterations)),
                ("batch_size", .number(setup.batchSize)),
                ("cpus", .array(setup.cpus.map { .number($0) })),
                ("pinned", .bool(setup.pinned)),
                ("layout", .string(setup.layout.rawValue)),
                ("shuffle", .bool(setup.shuffle)),
                ("sync", .string(setup.synchronisation.description)),
                ("placement", .array(setup.placement.map { .array($0.map { .number($0) }) })),
            ] + perpetualParameters(setup))),
            ("condition", .string(program.herdCondition)),
            ("interrupted", .bool(run.interrupted)),
            ("notes", .array(run.notes.map { .string($0) })),
            ("variants", .array(run.variants.map { variant in
                .object([
                    ("removed", .array(variant.removed.map { .string($0.description) })),
                    // What was done to each barrier removed ("P0: xchg() weakened to xchg_relaxed()").
                    ("change", variant.removed.isEmpty ? .null : .string(variant.removed.map(\.change).joined(separator: ", "))),
                    ("iterations", .number(variant.iterations)),
                    ("witnesses", .number(variant.witnesses)),
                    ("verdict", .string(variant.verdict.rawValue)),
                    ("seconds", .double(variant.seconds)),
                    ("abandoned", .number(variant.abandoned)),
                    ("filtered_out", .number(variant.filteredOut)),
                ] + perpetualFields(variant) + [
                    ("histogram", .array(variant.histogram.sorted { $0.key < $1.key }.map { state, count in
                        .object([
                            ("state", .object(state.entries.map { entry in
                                (jsonKey(entry.location), jsonValue(entry.value, program))
                            })),
                            ("count", .number(count)),
                            ("satisfies_condition", .bool(state.satisfies(program.condition.proposition))),
                        ])
                    })),
                ])
            })),
        ])
    }

    // MARK: - Pieces

    public static func parameterSummary(_ setup: RunSetup) -> String {
        let placement = setup.placement.enumerated().map { worker, threads in
            "CPU \(setup.cpus[worker]): " + threads.map { "P\($0)" }.joined(separator: "+")
        }.joined(separator: ", ")
        if let perpetual = setup.perpetual {
            return "-n \(setup.iterations), batch \(setup.batchSize), perpetual (no per-iteration sync, decoding \(perpetual.decoding.rawValue)), "
                + (setup.pinned ? "pinned" : "not pinned") + " (\(placement))"
        }
        return "-n \(setup.iterations), batch \(setup.batchSize), layout \(setup.layout.rawValue)"
            + (setup.shuffle ? " shuffled" : "") + ", sync \(setup.synchronisation.description), "
            + (setup.pinned ? "pinned" : "not pinned") + " (\(placement))"
    }

    static func variantName(_ variant: VariantResult, total: Int) -> String {
        BarrierSite.label(removing: variant.removed, of: total)
    }

    static func conditionValidated(_ quantifier: FinalCondition.Quantifier, positive: Int, negative: Int) -> Bool {
        switch quantifier {
        case .exists: return positive > 0
        case .notExists: return positive == 0
        case .forall: return negative == 0
        }
    }

    static func jsonKey(_ location: StateLocation) -> String {
        switch location {
        case let .register(thread, name): return "\(thread):\(name)"
        case let .variable(name): return name
        }
    }

    static func jsonValue(_ value: Value, _ program: Program) -> JSONValue {
        switch value {
        case let .integer(n): return .number(n)
        case .address: return .string(program.render(value))
        }
    }
}
