import Litmus
import Models

/// A JSON value with keys kept in insertion order, so machine output is stable byte for byte.
public indirect enum JSONValue: Sendable {
    case string(String), number(Int), double(Double), bool(Bool), null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case let .string(s): return Self.quote(s)
        case let .number(n): return String(n)
        case let .double(d): return String(d)
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        case let .array(items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(end)]"
        case let .object(fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { pad + Self.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(end)}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension Explanation {
    public var json: JSONValue {
        .object([
            ("axiom", .string(axiom)),
            ("requires", .string("\(kind.rawValue) \(relationName)")),
            ("cycle", .array(steps.map { .object([("event", .string($0.description)), ("edge", .string($0.edge))]) })),
            ("text", .string(text)),
        ])
    }
}

extension CheckResult {
    /// Per test and model: verdict (herd7's word), allowed states, counts, flags, explanation.
    /// snake_case keys and numbers as numbers, as `run --format json` writes them; the old
    /// camelCase keys (`conditionHolds`, `satisfiesCondition`, `loopPathsCut`) stay for this
    /// release, deprecated (README).
    public var json: JSONValue {
        .object([
            ("test", .string(program.name)),
            ("model", .string(modelName)),
            ("condition", .string(program.herdCondition)),
            ("verdict", .string(verdict.rawValue)),
            ("condition_holds", .bool(conditionHolds)),
            ("conditionHolds", .bool(conditionHolds)),
            ("expected", program.expectedResult.map { .string($0) } ?? .null),
            ("positive", .number(positive)),
            ("negative", .number(negative)),
            ("states", .array(states.map { s in
                .object([
                    ("state", .string(program.render(s.state))),
                    ("values", .object(s.state.entries.map { entry in
                        if case let .integer(n) = entry.value { return (program.render(entry.location), .number(n)) }
                        return (program.render(entry.location), .string(program.render(entry.value)))
                    })),
                    ("satisfies_condition", .bool(s.satisfiesCondition)),
                    ("satisfiesCondition", .bool(s.satisfiesCondition)),
                    ("executions", .number(s.executions)),
                ])
            })),
            ("flags", .array(flags.map { .string($0) })),
            ("loop_paths_cut", .number(loopPathsCut)),
            ("loopPathsCut", .number(loopPathsCut)),
            ("explanation", conditionExplanation?.json ?? .null),
        ])
    }

    /// Human-readable: allowed states, verdict, and why a never-satisfied condition is forbidden.
    public var humanText: String {
        var lines = ["Test \(program.name) under \(modelName): \(states.count) allowed final state\(states.count == 1 ? "" : "s")"]
        for s in states {
            lines.append("  \(program.render(s.state))\(s.satisfiesCondition ? "   <- satisfies the condition" : "")")
        }
        lines.append("Condition \(program.herdCondition): \(verdict.rawValue) (\(positive) of \(positive + negative) allowed executions satisfy it); \(conditionHolds ? "Ok" : "No")")
        if model == .lkmm, let expected = program.expectedVerdict {  // Result: lines are LKMM verdicts
            lines.append(expected == verdict ? "Matches the test's Result: \(program.expectedResult ?? "")"
                : "Differs from the test's Result: \(program.expectedResult ?? "")")
        }
        if let explanation = conditionExplanation {
            lines.append("Why: \(explanation.text)")
        } else if positive == 0 {
            lines.append("Why: no candidate execution reaches the condition's states at all")
        }
        for flag in flags { lines.append("Flag \(flag)") }
        for note in notes { lines.append("Note: \(note)") }
        if loopPathsCut > 0 {
            lines.append("Note: the loop bound (\(loopBound) iterations, --unroll) cut \(loopPathsCut) thread path\(loopPathsCut == 1 ? "" : "s") still looping; results cover bounded executions only")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
