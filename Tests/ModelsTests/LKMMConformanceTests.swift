import Foundation
import Testing
import Litmus
import Reports
@testable import Models

/// The LKMM against herd7 7.58's own output (states, counts, flags, condition, observation),
/// on kernel tests we re-wrote as fixtures, plus our own SRCU and data-race tests.
@Suite struct LKMMConformanceTests {
    static let files = Fixtures.files("lkmm")

    @Test(arguments: files)
    func matchesHerd(_ url: URL) throws {
        let program = try Fixtures.program(url)
        let result = try ModelChecker.check(program, model: .lkmm)
        let expectedURL = url.deletingPathExtension().appendingPathExtension("expected")
        if let expected = try? String(contentsOf: expectedURL, encoding: .utf8) {
            let ours = result.herdText().split(separator: "\n").filter { !$0.hasPrefix("Time ") }.joined(separator: "\n") + "\n"
            #expect(ours == expected)
        } else {
            let expectations = try Fixtures.expectations(url)
            #expect(result.verdict.rawValue == expectations["lkmm"])
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(result.flags.contains("data-race") == text.contains("Flag data-race"))
        }
    }

    @Test func deadlockIsNeverWithNoExecution() throws {
        let url = Fixtures.directory.appendingPathComponent("lkmm/RM-broken.litmus")
        let result = try ModelChecker.check(try Fixtures.program(url))
        #expect(result.states.isEmpty)
        #expect((result.positive, result.negative, result.verdict) == (0, 0, .never))
    }

    @Test func spinIsLockedCountsExecutionsNotStates() throws {
        let url = Fixtures.directory.appendingPathComponent("lkmm/MP+polockonce+poacquiresilsil.litmus")
        let result = try ModelChecker.check(try Fixtures.program(url))
        #expect(result.states.count == 8)
        #expect(result.positive + result.negative == 12)
        #expect(result.states.reduce(0) { $0 + $1.executions } == 12)
    }

    @Test func rcuGracePeriodExplanationGoesThroughTheGracePeriodAndTheCriticalSection() throws {
        let url = Fixtures.directory.appendingPathComponent("lkmm/SRCU+sync+read.litmus")
        let result = try ModelChecker.check(try Fixtures.program(url))
        let explanation = try #require(result.conditionExplanation)
        #expect(explanation.axiom == "rcu")
        #expect(explanation.kind == .irreflexive)
        let edges = explanation.steps.map(\.edge)
        #expect(edges.contains { $0.hasPrefix("po+synchronize_srcu") })
        #expect(edges.contains("srcu-rscsi"))
    }

    @Test func lockHandoverExplanationNamesTheRelease() throws {
        let url = Fixtures.directory.appendingPathComponent("lkmm/MP+polocks.litmus")
        let result = try ModelChecker.check(try Fixtures.program(url))
        let explanation = try #require(result.conditionExplanation)
        #expect(explanation.axiom == "happens-before")
        #expect(explanation.text.contains("P0: spin_unlock(mylock) —rfe→ P1: spin_lock(mylock)"))
    }
}

/// The bell's and lock.cat's flags: reported, never forbidding.
@Suite struct LKMMFlagTests {
    func flags(_ body: String) throws -> [String] {
        let program = try Program.parse(source: "C flags\n{}\n\(body)\nexists (0:r0=0)\n", file: "flags.litmus")
        return try ModelChecker.check(program).flags
    }

    @Test func unmatchedRCUReadLock() throws {
        #expect(try flags("P0(int *x) { int r0; rcu_read_lock(); r0 = READ_ONCE(*x); }") == ["unmatched-rcu-lock"])
        #expect(try flags("P0(int *x) { int r0; r0 = READ_ONCE(*x); rcu_read_unlock(); }") == ["unmatched-rcu-unlock"])
        #expect(try flags("P0(int *x) { int r0; rcu_read_lock(); r0 = READ_ONCE(*x); rcu_read_unlock(); }") == [])
    }

    @Test func unlockWithoutLock() throws {
        #expect(try flags("P0(int *x, spinlock_t *l) { int r0; r0 = READ_ONCE(*x); spin_unlock(l); }") == ["unmatched-unlock"])
    }

    @Test func plainAndMarkedWritesToOneLocationInOneThread() throws {
        #expect(try flags("P0(int *x) { int r0; *x = 1; r0 = READ_ONCE(*x); }") == ["mixed-accesses"])
        #expect(try flags("P0(int *x) { int r0; *x = 1; smp_mb(); r0 = READ_ONCE(*x); }") == [])
    }
}

/// lock.cat's spin_trylock(): it fails only while another thread holds the lock.
@Suite struct TryLockTests {
    @Test func failedTrylockReadsAHeldLock() throws {
        let source = """
            C trylock
            {}
            P0(int *x, spinlock_t *l) { spin_lock(l); WRITE_ONCE(*x, 1); spin_unlock(l); }
            P1(int *x, spinlock_t *l) {
                int r0; int r1;
                r0 = spin_trylock(l);
                if (r0) { r1 = READ_ONCE(*x); spin_unlock(l); }
            }
            exists (1:r0=1 /\\ 1:r1=0)
            """
        let program = try Program.parse(source: source, file: "trylock.litmus")
        let result = try ModelChecker.check(program)
        #expect(result.states.map { program.render($0.state) } == ["1:r0=0; 1:r1=0;", "1:r0=1; 1:r1=0;", "1:r0=1; 1:r1=1;"])
        #expect((result.positive, result.negative) == (1, 2))
        #expect(result.flags.isEmpty)
    }

    @Test func criticalSectionsSerialise() throws {
        // Two increments under one lock never lose an update, under any model.
        let source = """
            C lock-counter
            {}
            P0(int *x, spinlock_t *l) { int r0; spin_lock(l); r0 = READ_ONCE(*x); WRITE_ONCE(*x, r0 + 1); spin_unlock(l); }
            P1(int *x, spinlock_t *l) { int r0; spin_lock(l); r0 = READ_ONCE(*x); WRITE_ONCE(*x, r0 + 1); spin_unlock(l); }
            P2(int *x, spinlock_t *l) { int r0; spin_lock(l); r0 = READ_ONCE(*x); WRITE_ONCE(*x, r0 + 1); spin_unlock(l); }
            exists (~x=3)
            """
        let program = try Program.parse(source: source, file: "lock-counter.litmus")
        for model in ModelKind.allCases {
            let result = try ModelChecker.check(program, model: model)
            #expect(result.verdict == .never, "\(model)")
            #expect(result.negative == 6, "\(model): one execution per lock order")
        }
    }
}
