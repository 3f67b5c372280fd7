import Foundation
import Testing
import Litmus
@testable import Models

/// Lock-heavy tests: every serialization of the critical sections is an execution, and
/// lock-protected increments never lose an update.
@Suite struct LockScalingTests {
    static func fixture(_ name: String) throws -> Program {
        try Fixtures.program(Fixtures.directory.appendingPathComponent("locks/\(name).litmus"))
    }

    @Test func fiveLockProtectedIncrementsEndAtFive() throws {
        let program = try Self.fixture("LockIncrements5")
        let result = try ModelChecker.check(program, model: .lkmm)
        #expect(result.states.map { program.render($0.state) } == ["[x]=5;"])
        // One execution per order of the five critical sections (herd7: 120).
        #expect(result.states.first?.executions == 120)
        #expect(result.verdict == .never)
    }

    @Test func threeIncrementsWithoutTheLockCanLoseUpdates() throws {
        // The same increments unlocked: x may end at 1, 2 or 3 (a race), so the lock is what
        // makes the test above exact, not the value domains.
        let text = """
            C Unlocked3
            { int x; }
            P0(int *x) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*x, r0 + 1); }
            P1(int *x) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*x, r0 + 1); }
            P2(int *x) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*x, r0 + 1); }
            exists (x=3)
            """
        let program = try Program.parse(source: text, file: "Unlocked3.litmus")
        let result = try ModelChecker.check(program, model: .lkmm)
        #expect(result.states.map { program.render($0.state) } == ["[x]=1;", "[x]=2;", "[x]=3;"])
    }

    @Test func lockHoldersSerializeInEveryOrder() throws {
        let program = try Self.fixture("LockHolders4")
        let result = try ModelChecker.check(program, model: .lkmm)
        #expect(result.states.count == 1)
        #expect(result.positive == 24)
    }
}
