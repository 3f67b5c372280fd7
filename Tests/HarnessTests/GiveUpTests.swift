import Barriers
import Foundation
import Litmus
import Testing
import Harness

/// Tests whose iterations never end stop after one batch, with the reason; bad addresses are
/// named as such, not as a loop budget problem; occasional abandoned iterations are tolerated.
@Suite struct GiveUpTests {
    func run(_ source: String, iterations: Int = 1_000_000, cpus: [Int] = [0, 1]) throws -> TestRunResult {
        let program = try Program.parse(source: source, file: "t.litmus")
        let parameters = RunParameters(iterations: iterations, batchSize: 2_000)
        let runner = SynchronisedRunner(pinning: RecordingThreadPinning(cpus: cpus))
        return try TestRunner(runner: runner, parameters: parameters, ablate: true).run(program)
    }

    @Test func infiniteLoopGivesUpAfterTheFirstBatch() throws {
        let start = Date()
        let result = try run("C infloop\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); smp_mb(); while (1) { } }\nexists (x=0)\n")
        #expect(Date().timeIntervalSince(start) < 60, "a million iterations of a loop that never ends must not all run")
        let reason = try #require(result.gaveUp)
        #expect(reason.contains("every iteration of P0 loops forever or deadlocks"))
        #expect(reason.contains("gave up after the first 2000 of 1000000"))
        #expect(result.notes.contains { $0.contains("every iteration of P0 loops forever") })
        // The partial result is kept; the ablation variants (without smp_mb) are not run.
        #expect(result.variants.count == 1)
        #expect(result.variants[0].abandoned == 2_000 && result.variants[0].iterations == 0)
        #expect(!result.interrupted)
    }

    @Test func selfDeadlockNamesOnlyTheStuckThread() throws {
        let result = try run("""
            C deadlock
            { spinlock_t s; }
            P0(spinlock_t *s, int *x) { spin_lock(s); spin_lock(s); WRITE_ONCE(*x, 1); }
            P1(int *y) { WRITE_ONCE(*y, 1); }
            exists (x=0)
            """, iterations: 10_000)
        let reason = try #require(result.gaveUp)
        #expect(reason.contains("every iteration of P0 loops forever or deadlocks:"))
        #expect(!reason.contains("P1"))
    }

    @Test func nullDereferenceIsNamedWithItsOrigin() throws {
        let result = try run("""
            C nullderef
            { int *p = NULL; }
            P0(int **p) { int *r0; int r1; r0 = READ_ONCE(*p); r1 = READ_ONCE(*r0); }
            exists (0:r1=0)
            """, iterations: 10_000)
        let note = "P0: r0 is not a pointer to a shared variable (value 0) in `READ_ONCE(*r0)` at t.litmus:3:57"
        #expect(result.notes.contains(note), "\(result.notes)")
        #expect(result.gaveUp?.contains(note) == true)
        #expect(result.notes.allSatisfy { !$0.contains("loops forever") })
    }

    @Test func integerUsedAsAPointerIsNamed() throws {
        let result = try run("""
            C intderef
            { int *p = 5; }
            P0(int **p, int *x) { int *r0; r0 = READ_ONCE(*p); WRITE_ONCE(*r0, 1); }
            exists (x=0)
            """, iterations: 5_000)
        #expect(result.notes.contains { $0.hasPrefix("P0: r0 is not a pointer to a shared variable (value 5) in `WRITE_ONCE(*r0, 1)`") })
    }

    @Test func occasionalAbandonedIterationsAreTolerated() throws {
        // One CPU: P1 goes first every other iteration and waits for a write P0 cannot make
        // yet (it runs after P1 on the same CPU), so exactly half the iterations are abandoned.
        let result = try run("""
            C wait
            {}
            P0(int *x) { WRITE_ONCE(*x, 1); }
            P1(int *x) { int r0; r0 = 0; while (r0 == 0) { r0 = READ_ONCE(*x); } }
            exists (1:r0=1)
            """, iterations: 8_000, cpus: [0])
        #expect(result.gaveUp == nil)
        let variant = try #require(result.variants.first)
        #expect(variant.iterations + variant.abandoned == 8_000)
        #expect(variant.iterations > 0 && variant.abandoned > 0)
        #expect(variant.problems.isEmpty)
    }
}
