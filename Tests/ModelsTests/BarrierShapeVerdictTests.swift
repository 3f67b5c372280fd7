import Foundation
import Testing
import Litmus
@testable import Models

/// Classic shapes with fences, acquire/release, dependencies, RMWs and locks: each fixture's
/// `Expected:` line gives the verdict per model, derived from the models' axioms (the LKMM's cat
/// file, the ARMv8 ob relation, x86-TSO's ghb) and checked against the literature.
@Suite struct BarrierShapeVerdictTests {
    static let files = Fixtures.files("barriers")

    @Test func everyFixtureHasAVerdictPerModel() throws {
        #expect(Self.files.count >= 70)
        for url in Self.files {
            #expect(try Fixtures.expectations(url).count == 4, "\(url.lastPathComponent) lacks a verdict per model")
        }
    }

    @Test(arguments: files)
    func verdictsFollowTheAxioms(_ url: URL) throws {
        _ = try Fixtures.checkExpectedVerdicts(url)
    }

    /// Only the LKMM tells these apart from arm64: shapes whose verdicts differ between the two.
    @Test func theLKMMIsWeakerThanARMv8WhereMultiCopyAtomicityMatters() throws {
        for name in ["IRIW+rmbs", "WRC+data+addr", "R+wmb+mb", "2+2W+wmbs", "RWC+rmb+mb", "LB+rmbs"] {
            let url = Fixtures.directory.appendingPathComponent("barriers/\(name).litmus")
            let program = try Fixtures.program(url)
            #expect(try ModelChecker.check(program, model: .armv8).verdict == .never, "\(name)")
            #expect(try ModelChecker.check(program, model: .lkmm).verdict == .sometimes, "\(name)")
        }
    }
}

/// Inputs that once crashed or hung `litmus check`.
@Suite struct CheckRobustnessTests {
    func check(_ body: String, condition: String, model: ModelKind = .lkmm) throws -> CheckResult {
        let program = try Program.parse(source: "C t\n{}\n\(body)\n\(condition)\n", file: "t.litmus")
        return try ModelChecker.check(program, model: model)
    }

    @Test func divisionOverflowAndByZeroDoNotTrap() throws {
        // Int.min / -1 trapped; x / 0 dropped the path, so `run` flagged the hardware's 0 as forbidden.
        // Shifts mask their count as the harness does: 1 << 200 is 256, 1 >> -1 is 0.
        let body = "P0(int *x) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*x, (-9223372036854775807 - 1) / -1); WRITE_ONCE(*x, 5 / r0 + 7 % r0 + (1 << 200) + (1 >> -1)); }"
        for model in ModelKind.allCases {
            let result = try check(body, condition: "exists (x=256)", model: model)
            #expect(result.states.count == 1, "\(model)")
            #expect(result.verdict == .always, "\(model)")
        }
    }

    @Test func manyWritersToOneLocationGiveUpAtOnceWithTheSizes() throws {
        let body = (0 ..< 12).map { "P\($0)(int *x) { WRITE_ONCE(*x, \($0)); }" }.joined(separator: "\n")
        let start = ContinuousClock.now
        #expect {
            _ = try check(body, condition: "exists (x=1)")
        } throws: { error in
            "\(error)".contains("location x alone has more than") && "\(error)".contains("12 writes")
        }
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func maskingAPointerWithZeroIsAFakeDependencyNotADeadPath() throws {
        // `(int)r0 & 0` with r0 a pointer gave no value, so every path through it vanished.
        let url = Fixtures.directory.appendingPathComponent("barriers/MP+wmb+addr-from-pointer.litmus")
        let result = try ModelChecker.check(try Fixtures.program(url), model: .lkmm)
        #expect(result.states.count == 3)
        #expect(result.verdict == .never)
        #expect(result.conditionExplanation?.text.contains("addr") == true)
    }

    @Test func coherenceOrdersCountKeepsProgramOrder() {
        #expect(CandidateEnumerator.coherenceOrders([0, 1, 2], keepingProgramOrder: true) == 6)
        #expect(CandidateEnumerator.coherenceOrders([0, 0, 1, 1], keepingProgramOrder: true) == 6)
        #expect(CandidateEnumerator.coherenceOrders([0, 0, 1, 1], keepingProgramOrder: false) == 24)
    }
}
