import Litmus
import Models

extension RunReport {
    /// DOT for the run: the observed state the condition names that was seen most often (or,
    /// when the condition was never seen, the most frequent state), drawn as an execution of
    /// the test as written under this CPU's model (the LKMM where no model covers the CPU).
    /// When that model forbids the state, the forbidding cycle is drawn in bold.
    public func graph() -> String? {
        guard let variant = variants.first(where: \.isAsWritten) else { return nil }
        let seen = variant.rows.filter { $0.count > 0 }
        guard let row = seen.filter(\.satisfiesCondition).max(by: { $0.count < $1.count })
            ?? seen.max(by: { $0.count < $1.count }) else { return nil }
        let model = cpuModel ?? .lkmm
        guard let result = variant.models.results[model] else { return nil }
        let program = variant.program
        let state = program.render(row.state)
        let times = "observed \(Text.plural(row.count, "time")) on \(architecture)"
        if let execution = result.execution(for: row.state) {
            return ExecutionGraph.dot(execution, program: program,
                                      title: "\(program.name): \(state) \(times); \(model.displayName) allows it")
        }
        if let explanation = result.explanation(for: row.state) {
            return ExecutionGraph.dot(explanation.execution, program: program,
                                      title: "\(program.name): \(state) \(times); \(model.displayName) forbids it (\(explanation.axiom))",
                                      explanation: explanation)
        }
        return nil
    }
}
