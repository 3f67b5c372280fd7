import Litmus
import Models
import Operational

/// What `litmus simulate` prints: random runs or the exhaustive exploration of an operational
/// machine, every line labelled as simulated so nobody mistakes it for hardware.
public struct SimulationReport {
    public var program: Program
    public var file: String?
    public var architecture: Architecture
    public enum Body {
        case random(Simulation, seed: UInt64)
        case exhaustive(Exploration, seconds: Double)
    }
    public var body: Body

    public init(program: Program, file: String?, architecture: Architecture, body: Body) {
        self.program = program
        self.file = file
        self.architecture = architecture
        self.body = body
    }

    static let label = "simulated"

    /// Rows of the histogram: state, count (nil when exhaustive), whether the condition holds.
    var rows: [(state: FinalState, count: Int?, satisfies: Bool)] {
        let p = program.condition.proposition
        switch body {
        case let .random(s, _): return s.counts.map { ($0.state, $0.count, $0.state.satisfies(p)) }
        case let .exhaustive(e, _): return e.states.map { ($0, nil, $0.satisfies(p)) }
        }
    }

    /// The condition holds in the sense of the quantifier over what was reached.
    var validated: Bool {
        let positive = rows.filter(\.satisfies).count, negative = rows.count - positive
        switch program.condition.quantifier {
        case .exists: return positive > 0
        case .notExists: return positive == 0
        case .forall: return negative == 0 && positive > 0
        }
    }

    public func humanText(style: Style = .plain) -> String {
        var lines: [String] = []
        lines.append(style.bold("Test \(program.name)") + (file.map { " (\($0))" } ?? ""))
        lines.append("Machine: the \(architecture.displayName) (a simulation, not this CPU)")
        lines.append("Condition: \(program.herdCondition)" + (program.expectedResult.map { "    Result: \($0)" } ?? ""))
        switch body {
        case let .random(s, seed):
            lines.append("\(Text.plural(s.runs, "run")), seed \(seed), in \(Text.fixed(s.seconds, 2)) s"
                + (s.filtered > 0 ? "; \(s.filtered) filtered out" : "")
                + (s.restarts > 0 ? "; \(Text.plural(s.restarts, "stuck run")) started again" : ""))
        case let .exhaustive(e, seconds):
            lines.append("Exhaustive: \(Text.plural(e.states.count, "final state")) reachable, "
                + "\(Text.grouped(e.visited)) machine states visited in \(Text.fixed(seconds, 2)) s")
        }
        let rows = self.rows
        let stateWidth = max(5, rows.map { program.render($0.state).count }.max() ?? 0)
        let countWidth = max(5, rows.map { $0.count.map(Text.grouped)?.count ?? 0 }.max() ?? 0)
        lines.append(style.dim("     " + Text.padLeft("count", countWidth) + "  state"))
        for row in rows {
            lines.append("  " + (row.satisfies ? "* " : "  ") + " " + Text.padLeft(row.count.map(Text.grouped) ?? "-", countWidth)
                + "  " + Text.pad(program.render(row.state), stateWidth))
        }
        let total = rows.reduce(0) { $0 + ($1.count ?? 0) }
        let witnesses = rows.filter(\.satisfies).reduce(0) { $0 + ($1.count ?? 0) }
        switch body {
        case .random:
            if rows.isEmpty {
                lines.append(style.yellow("No run finished: every run got stuck (a deadlock?)."))
            } else {
                lines.append("Condition reached in \(Text.grouped(witnesses)) of \(Text.plural(total, "run")) (\(Text.fraction(witnesses, of: total))).")
            }
        case .exhaustive:
            let reachable = rows.contains(where: \.satisfies)
            lines.append(rows.isEmpty ? style.yellow("No run finishes (every run deadlocks).")
                : reachable ? "The machine can reach the condition's state." : "The machine cannot reach the condition's state.")
        }
        let label = style.dim(Self.label)
        return lines.map { "\(label)  \($0)".trimmingTrailingSpaces }.joined(separator: "\n") + "\n"
    }

    /// herd7's result block (exhaustive: `States`, like `litmus check`) or litmus7's histogram
    /// (random runs), after a `%` comment line (scripts skip them) saying it is simulated.
    public func herdText() -> String {
        var lines = ["% \(Self.label): \(architecture.displayName), not hardware"]
        let name = program.name
        lines.append("Test \(name) \(program.condition.herdKind)")
        let rows = self.rows
        let verdict: Verdict
        let positive: Int, negative: Int
        switch body {
        case let .exhaustive(e, seconds):
            positive = rows.filter(\.satisfies).count
            negative = rows.count - positive
            lines.append("States \(rows.count)")
            for row in rows { lines.append(program.render(row.state)) }
            lines.append(validated ? "Ok" : "No")
            lines.append("Witnesses")
            lines.append("Positive: \(positive) Negative: \(negative)")
            lines.append("Condition \(program.herdCondition)")
            verdict = positive == 0 ? .never : negative == 0 ? .always : .sometimes
            lines.append("Observation \(name) \(verdict.rawValue) \(positive) \(negative)")
            lines.append("Time \(name) \(Text.fixed(seconds, 2))")
            _ = e
        case let .random(s, _):
            lines.append("Histogram (\(rows.count) states)")
            for row in rows {
                let number = String(row.count ?? 0)
                lines.append(number + String(repeating: " ", count: max(0, 6 - number.count))
                    + (row.satisfies ? "*>" : ":>") + program.render(row.state))
            }
            positive = rows.filter(\.satisfies).reduce(0) { $0 + ($1.count ?? 0) }
            negative = s.runs - positive
            lines.append(validated ? "Ok" : "No")
            lines.append("")
            lines.append("Witnesses")
            lines.append("Positive: \(positive), Negative: \(negative)")
            lines.append("Condition \(program.herdCondition) is \(validated ? "validated" : "NOT validated")")
            verdict = positive == 0 ? .never : negative == 0 ? .always : .sometimes
            lines.append("Observation \(name) \(verdict.rawValue) \(positive) \(negative)")
            lines.append("Time \(name) \(Text.fixed(s.seconds, 2))")
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    public var json: JSONValue {
        let p = program.condition.proposition
        var fields: [(String, JSONValue)] = [
            ("test", .string(program.name)), ("file", file.map(JSONValue.string) ?? .null),
            ("simulated", .bool(true)), ("machine", .string(architecture.rawValue)),
            ("condition", .string(program.herdCondition)),
        ]
        switch body {
        case let .random(s, seed):
            fields += [
                ("mode", .string("random")), ("seed", .string(String(seed))), ("runs", .number(s.runs)),
                ("filtered", .number(s.filtered)), ("restarts", .number(s.restarts)),
                ("histogram", .array(s.counts.map {
                    .object([("state", .string(program.render($0.state))), ("count", .number($0.count)),
                             ("condition", .bool($0.state.satisfies(p)))])
                })),
            ]
        case let .exhaustive(e, _):
            fields += [
                ("mode", .string("exhaustive")), ("machine_states", .number(e.visited)),
                ("states", .array(e.states.map {
                    .object([("state", .string(program.render($0))), ("condition", .bool($0.satisfies(p)))])
                })),
            ]
        }
        fields.append(("condition_reached", .bool(rows.contains(where: \.satisfies))))
        return .object(fields)
    }
}
