import Foundation
import Testing
import Litmus
import Reports
@testable import Models

/// herd7 text, JSON, human text and DOT graphs of check results; limits and loop bounds.
@Suite struct OutputFormatTests {
    func program(_ name: String, _ folder: String = "classic") throws -> Program {
        try Fixtures.program(Fixtures.directory.appendingPathComponent("\(folder)/\(name).litmus"))
    }

    @Test func herdBlockHasHerdsLinesInHerdsOrder() throws {
        let result = try ModelChecker.check(try program("SB"), model: .tso)
        let lines = result.herdText(time: 0.01).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            "Test SB Allowed", "States 4",
            "0:r0=0; 1:r0=0;", "0:r0=0; 1:r0=1;", "0:r0=1; 1:r0=0;", "0:r0=1; 1:r0=1;",
            "Ok", "Witnesses", "Positive: 1 Negative: 3",
            "Condition exists (0:r0=0 /\\ 1:r0=0)", "Observation SB Sometimes 1 3", "Time SB 0.01", "", "",
        ])
    }

    @Test func herdPrintsConditionsWithItsParenthesesAndQuantifiers() {
        let x = StateLocation.variable(name: "x"), r = StateLocation.register(thread: 0, name: "r0")
        let one = StateOperand.value(.integer(1))
        var p = Program(name: "T", variables: [Variable(name: "x")], threads: [],
                        condition: FinalCondition(quantifier: .notExists,
                                                  proposition: .and(.or(.equals(x, one), .equals(r, one)), .not(.equals(r, one)))))
        #expect(p.herdCondition == "~exists (([x]=1 \\/ 0:r0=1) /\\ not (0:r0=1))")
        #expect(p.condition.herdKind == "Forbidden")
        p.condition = FinalCondition(quantifier: .forall, proposition: .or(.and(.equals(x, one), .equals(r, one)), .equals(r, one)))
        #expect(p.herdCondition == "forall ([x]=1 /\\ 0:r0=1 \\/ 0:r0=1)")
        #expect(p.condition.herdKind == "Required")
    }

    @Test func jsonCarriesVerdictStatesAndExplanation() throws {
        let result = try ModelChecker.check(try program("SB+mbs"), model: .lkmm)
        let json = result.json.rendered()
        #expect(json.contains("\"verdict\": \"Never\""))
        #expect(json.contains("\"state\": \"0:r0=1; 1:r0=1;\""))
        #expect(json.contains("\"axiom\": \"propagation\""))
        #expect(json.contains("\"edge\": \"po+smp_mb()\""))
    }

    @Test func humanTextExplainsAForbiddenCondition() throws {
        let result = try ModelChecker.check(try program("MP+release+acquire"), model: .armv8)
        #expect(result.humanText.contains("Never"))
        #expect(result.humanText.contains("Why: forbidden by external (acyclic ob):"))
    }

    @Test func dotGraphDrawsTheWitness() throws {
        let result = try ModelChecker.check(try program("SB+mbs"), model: .lkmm)
        let execution = try #require(result.conditionExecution)
        let dot = ExecutionGraph.dot(execution, program: result.program, title: "SB+mbs", explanation: result.conditionExplanation)
        #expect(dot.hasPrefix("digraph \"SB+mbs\" {"))
        #expect(dot.contains("label=\"fr\""))
        #expect(dot.contains("color=purple"))
        #expect(dot.contains("P0: WRITE_ONCE(*x, 1)"))
    }

    @Test func explosionIsAnErrorWithSizes() throws {
        var options = CheckOptions()
        options.maxCandidates = 3
        #expect(throws: ModelError.self) { try ModelChecker.check(try program("IRIW"), model: .lkmm, options: options) }
        do {
            _ = try ModelChecker.check(try program("IRIW"), model: .lkmm, options: options)
        } catch {
            #expect("\(error)".contains("candidate executions"))
        }
    }

    @Test func loopsAreUnrolledAndTheCutIsReported() throws {
        let source = """
            C spin
            {}
            P0(int *x) { WRITE_ONCE(*x, 1); }
            P1(int *x) { int r0; r0 = READ_ONCE(*x); while (r0 == 0) r0 = READ_ONCE(*x); }
            exists (1:r0=1)
            """
        let program = try Program.parse(source: source, file: "spin.litmus")
        let result = try ModelChecker.check(program)
        #expect(result.loopPathsCut == 1)
        #expect(result.positive == 3)  // read 1 on the first, second or third try
        #expect(result.herdText().contains("\nLoop Ok\n"))
        var options = CheckOptions()
        options.loopUnrolling = 0
        #expect(try ModelChecker.check(program, options: options).positive == 1)
    }
}
