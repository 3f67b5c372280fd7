import Foundation
import Testing

/// `litmus step` and `litmus simulate` end to end, the interactive mode driven through stdin.
@Suite struct StepCommandTests {
    static let mp = Binary.tests.appendingPathComponent("OperationalTests/Fixtures/classic/MP.litmus").path

    @Test func interactiveSessionThroughStdin() throws {
        let result = try Binary.run(["step", Self.mp, "--model", "armv8"], input: "2\nu\n1\n1\n1\n1\nq\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Transitions:\n  1. "))
        #expect(result.stdout.contains("Final state: 1:r"))
        #expect(result.stdout.contains("What the axiomatic models say of this state: SC "))
    }

    @Test func toConditionTellsAStoryOnARMAndNamesTheAxiomOnTSO() throws {
        let arm = try Binary.run(["step", Self.mp, "--model", "armv8", "--to-condition"])
        #expect(arm.status == 0)
        #expect(arm.stdout.contains("  1. "))
        #expect(arm.stdout.contains("Final state: 1:r0=1; 1:r1=0;"))
        let tso = try Binary.run(["step", Self.mp, "--model", "tso", "--to-condition"])
        #expect(tso.status == 1)
        #expect(tso.stdout.contains("cannot reach"))
        #expect(tso.stdout.contains("forbidden by tso (acyclic ghb)"))
    }

    @Test func choicesOutOfRangeExit2() throws {
        let result = try Binary.run(["step", Self.mp, "--model", "tso", "--choices", "1,99"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("error: choice 2 is 99"))
        #expect(try Binary.run(["step", Self.mp, "--model", "tso", "--choices", "a,b"]).status == 2)
    }

    @Test func simulateLabelsEveryLineAndMatchesCheckExhaustively() throws {
        let human = try Binary.run(["simulate", Self.mp, "--model", "armv8", "-n", "500"])
        #expect(human.status == 0)
        #expect(human.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("simulated") })
        let simulated = try Binary.run(["simulate", Self.mp, "--model", "tso", "--exhaustive", "--format", "herd"])
        let checked = try Binary.run(["check", Self.mp, "--model", "tso", "--format", "herd"])
        func states(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { !$0.hasPrefix("Time") && !$0.hasPrefix("%") }
        }
        #expect(states(simulated.stdout) == states(checked.stdout))
    }

    @Test func rcuTestsAreRefused() throws {
        let rcu = Binary.tests.appendingPathComponent("OperationalTests/Fixtures/kernel/RCU+sync+read.litmus").path
        let result = try Binary.run(["simulate", rcu, "--model", "armv8"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("do not model RCU"))
    }
}
