import Foundation
import Harness
import Litmus
import Models

/// Formats a hardware run (`litmus run`): the human table, litmus7's result block, JSON.
/// Pure functions of a ``TestRunResult``, so each format is tested byte for byte.
public enum HardwareReport {
    /// Parameters, the ablation table, then each variant's histogram.
    public static func human(_ run: TestRunResult) -> String {
        var lines: [String] = []
        let program = run.program
        lines.append("Test \(program.name)" + (program.expectedResult.map { " (Result: \($0))" } ?? ""))
        lines.append("Condition \(program.herdCondition)")
        lines.append("Parameters: " + parameterSummary(run.setup))
        for note in run.notes { lines.append("Note: \(note)") }
        if run.interrupted { lines.append("Interrupted: partial results below.") }
        lines.append("")
        if run.setup.perpetual != nil { return perpetualHuman(run, lines) }
        let rows = run.variants.map { variant in
            [variantName(variant, total: program.barriers.count), String(variant.iterations), String(variant.witnesses),
             percentage(variant.witnesses, of: variant.iterations), variant.verdict.rawValue,
             rate(variant.iterationsPerSecond)]
        }
        lines += table(header: ["variant", "iterations", "witnesses", "rate", "verdict", "iterations/s"], rows: rows)
        for variant in run.variants {
            lines.append("")
            lines.append("\(variantName(variant, total: program.barriers.count)): \(variant.verdict.rawValue), \(variant.witnesses) of \(variant.iterations) iterations satisfy the condition, \(rate(variant.iterationsPerSecond)) iterations/s")
            let states = conditionFirst(variant.histogram, program)
            let width = states.map { String($0.count).count }.max() ?? 1
            for (state, count, marked) in states {
                let number = String(count)
                lines.append("  \(marked ? "*" : " ") \(String(repeating: " ", count: width - number.count))\(number)  \(program.render(state))")
            }
            if variant.abandoned > 0 {
                let why = variant.problems.isEmpty ? "a loop or lock wait exceeded its budget" : "see the notes above"
                lines.append("  \(variant.abandoned) iterations abandoned: \(why) (not in the histogram)")
            }
            if variant.filteredOut > 0 {
                lines.append("  \(variant.filteredOut) iterations removed by the filter (not in the histogram)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

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
        if variant.removed.isEmpty { return "as written" }
        if variant.removed.count > 1 && variant.removed.count == total { return "without all \(total) barriers" }
        return "without " + variant.removed.map(\.description).joined(separator: ", ")
    }

    static func percentage(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "-" }
        if part == 0 { return "0%" }
        let value = 100 * Double(part) / Double(whole)
        return value >= 0.01 ? String(format: "%.2f%%", value) : String(format: "%.1e%%", value)
    }

    static func rate(_ perSecond: Double) -> String {
        switch perSecond {
        case 1e6...: return String(format: "%.2fM", perSecond / 1e6)
        case 1e3...: return String(format: "%.1fK", perSecond / 1e3)
        default: return String(format: "%.0f", perSecond)
        }
    }

    static func conditionValidated(_ quantifier: FinalCondition.Quantifier, positive: Int, negative: Int) -> Bool {
        switch quantifier {
        case .exists: return positive > 0
        case .notExists: return positive == 0
        case .forall: return negative == 0
        }
    }

    /// States satisfying the condition first (marked), each group in herd7's order.
    static func conditionFirst(_ histogram: [FinalState: Int], _ program: Program) -> [(FinalState, count: Int, marked: Bool)] {
        let proposition = program.condition.proposition
        return histogram.map { ($0.key, count: $0.value, marked: $0.key.satisfies(proposition)) }
            .sorted { a, b in a.marked != b.marked ? a.marked : a.0 < b.0 }
    }

    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
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
