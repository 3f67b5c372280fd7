import Foundation
import Litmus
import Testing
@testable import Models

/// RCU on the hardware models: SC, x86-TSO and ARMv8 map synchronize_rcu() to a full fence and
/// rcu_read_lock()/unlock() to nothing, then check the LKMM's grace-period guarantee on top.
@Suite struct GracePeriodGuaranteeTests {
    func program(_ name: String, _ body: String, _ condition: String) throws -> Program {
        try Program.parse(source: "C \(name)\n{}\n\(body)\n\(condition)\n", file: "\(name).litmus")
    }

    func states(_ result: CheckResult) -> Set<String> { Set(result.states.map { "\($0.state)" }) }

    /// A reader's critical section cannot span the updater's grace period (kernel-doc tests).
    @Test(arguments: ["RCU+sync+read", "RCU+sync+free"])
    func kernelDocGuaranteesHoldOnEveryModel(_ name: String) throws {
        let program = try Fixtures.program(Fixtures.directory.appendingPathComponent("lkmm/\(name).litmus"))
        let lkmm = try ModelChecker.check(program, model: .lkmm)
        #expect(lkmm.verdict == .never)
        for model in [ModelKind.sc, .tso, .armv8] {
            let result = try ModelChecker.check(program, model: model)
            #expect(result.verdict == .never, "\(name) under \(model)")
            #expect(states(result).isSubset(of: states(lkmm)), "\(name) under \(model)")
            let explanation = try #require(result.conditionExplanation)
            #expect(explanation.axiom == "rcu")
            #expect(explanation.note?.contains("grace-period guarantee") == true)
            #expect(explanation.text.contains("rcu-rscsi"))
            #expect(explanation.cycleText.contains("po+synchronize_rcu()"))
        }
        #expect(try ModelChecker.check(program, model: .lkmm).conditionExplanation?.note == nil)
    }

    /// Without the read-side critical section the same outcome is an ordinary interleaving.
    @Test func readerOutsideACriticalSectionIsUnconstrained() throws {
        let p = try program("RCU+sync+read-nolock", """
            P0(int *x, int *y) { WRITE_ONCE(*x, 1); WRITE_ONCE(*y, 1); }
            P1(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*x); synchronize_rcu(); r1 = READ_ONCE(*y); }
            """, "exists (1:r0=1 /\\ 1:r1=0)")
        for model in ModelKind.allCases {
            #expect(try ModelChecker.check(p, model: model).verdict == .sometimes, "\(model)")
        }
    }

    /// Two readers and one grace period: the LKMM gives no guarantee (fewer grace periods than
    /// critical sections), so the axiom must not forbid what ARMv8 itself allows (load buffering
    /// through the readers, whose read→write steps nothing orders on arm64).
    @Test func moreReadersThanGracePeriodsAreNotForbidden() throws {
        let p = try program("RCU-chain-2r1s", """
            P0(int *x0, int *x1) { int r; rcu_read_lock(); r = READ_ONCE(*x0); WRITE_ONCE(*x1, 1); rcu_read_unlock(); }
            P1(int *x1, int *x2) { int r; rcu_read_lock(); r = READ_ONCE(*x1); WRITE_ONCE(*x2, 1); rcu_read_unlock(); }
            P2(int *x2, int *x0) { int r; r = READ_ONCE(*x2); synchronize_rcu(); WRITE_ONCE(*x0, 1); }
            """, "exists (0:r=1 /\\ 1:r=1 /\\ 2:r=1)")
        #expect(try ModelChecker.check(p, model: .lkmm).verdict == .sometimes)
        #expect(try ModelChecker.check(p, model: .armv8).verdict == .sometimes)
        // Load buffering is a po ∪ rf cycle: SC and x86-TSO forbid it by their own axioms.
        #expect(try ModelChecker.check(p, model: .tso).conditionExplanation?.axiom == "tso")
        #expect(try ModelChecker.check(p, model: .sc).conditionExplanation?.axiom == "sc")
    }

    /// One reader and one grace period in a three-thread chain: the guarantee holds, and every
    /// model says Never (ARMv8 alone would allow it).
    @Test func aGracePeriodPerCriticalSectionForbidsTheChain() throws {
        let p = try program("RCU-chain-1r1s1p", """
            P0(int *x0, int *x1) { int r; rcu_read_lock(); r = READ_ONCE(*x0); WRITE_ONCE(*x1, 1); rcu_read_unlock(); }
            P1(int *x1, int *x2) { int r; r = READ_ONCE(*x1); smp_mb(); WRITE_ONCE(*x2, 1); }
            P2(int *x2, int *x0) { int r; r = READ_ONCE(*x2); synchronize_rcu(); WRITE_ONCE(*x0, 1); }
            """, "exists (0:r=1 /\\ 1:r=1 /\\ 2:r=1)")
        for model in ModelKind.allCases {
            #expect(try ModelChecker.check(p, model: model).verdict == .never, "\(model)")
        }
        #expect(try ModelChecker.check(p, model: .armv8).conditionExplanation?.axiom == "rcu")
    }
}
