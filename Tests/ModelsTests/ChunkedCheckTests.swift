import Litmus
import Reports
import Testing
@testable import Models

/// One test's candidates split over several threads (``ChunkedCheck``) give what one thread
/// gives: the same states in the same order, execution counts, flags and verdict.
@Suite struct ChunkedCheckTests {
    /// An RCU chain (scripts/gen-rcu-chains' shape): thread i reads x_i and writes x_{i+1},
    /// as a reader (R) inside a critical section or an updater (G) around synchronize_rcu().
    static func chain(_ pattern: String) throws -> Program {
        let n = pattern.count
        var text = "C chain-\(pattern)\n\n{}\n"
        for (i, kind) in pattern.enumerated() {
            let next = (i + 1) % n
            text += "\nP\(i)(int *x\(i), int *x\(next))\n{\n\tint r0;\n\n"
            text += kind == "R"
                ? "\trcu_read_lock();\n\tr0 = READ_ONCE(*x\(i));\n\tWRITE_ONCE(*x\(next), 1);\n\trcu_read_unlock();\n"
                : "\tr0 = READ_ONCE(*x\(i));\n\tsynchronize_rcu();\n\tWRITE_ONCE(*x\(next), 1);\n"
            text += "}\n"
        }
        text += "\nexists (" + (0 ..< n).map { "\($0):r0=1" }.joined(separator: " /\\ ") + ")\n"
        return try Program.parse(source: text, file: "chain-\(pattern).litmus")
    }

    static func check(_ program: Program, _ model: ModelKind, workers: Int) throws -> CheckResult {
        var options = CheckOptions()
        options.explain = false
        options.workers = workers
        return try ModelChecker.check(program, model: model, options: options)
    }

    @Test(arguments: ["RGRGRGRGRGRG", "RRRRRRRRRRRG", "RRGRGRRGRGRG"])
    func chainsGiveTheSameResultOnSeveralThreads(_ pattern: String) throws {
        let program = try Self.chain(pattern)
        for model in [ModelKind.lkmm, .armv8] {
            let one = try Self.check(program, model, workers: 1)
            for workers in [2, 3] {
                let split = try Self.check(program, model, workers: workers)
                #expect(ModelInvariantTests.summary(split) == ModelInvariantTests.summary(one), "\(pattern) \(model) on \(workers) threads")
                #expect(split.verdict == one.verdict)
            }
            // The LKMM allows every combination but all-ones; all-ones exactly when G < R.
            let grace = pattern.filter { $0 == "G" }.count
            if model == .lkmm { #expect(one.states.count == (1 << pattern.count) - (grace >= pattern.count - grace ? 1 : 0)) }
        }
    }

    @Test func lockTestsGiveTheSameResultOnSeveralThreads() throws {
        for url in Fixtures.files("locks") where url.lastPathComponent.hasSuffix("4.litmus") {
            let program = try Fixtures.program(url)
            var options = CheckOptions()
            options.explain = false
            options.splitThreshold = 1
            let one = try ModelChecker.check(program, model: .lkmm, options: options)
            options.workers = 2
            let split = try ModelChecker.check(program, model: .lkmm, options: options)
            #expect(ModelInvariantTests.summary(split) == ModelInvariantTests.summary(one), "\(url.lastPathComponent)")
        }
    }

    /// Enough states (32 768) that the ranks and the herd lines are built in slices on every
    /// core: the states still come in herd7's order and each line is the state's own rendering.
    @Test func manyStatesSortAndPrintInHerdOrder() throws {
        let program = try Self.chain("RGRGRGRGRGRGRGR")
        let result = try Self.check(program, .lkmm, workers: 2)
        #expect(result.states.count == 1 << 15)  // 7 grace periods, 8 readers: every state
        let inOrder = zip(result.states, result.states.dropFirst()).allSatisfy { program.herdPrecedes($0.state, $1.state) }
        #expect(inOrder)
        let lines = result.herdText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1] == "States \(result.states.count)")
        let printed = Array(lines[2 ..< 2 + result.states.count])
        #expect(printed == result.states.map { program.render($0.state) })
    }
}
