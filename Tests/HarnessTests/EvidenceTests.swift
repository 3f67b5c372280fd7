import Litmus
import Testing
@testable import Harness

/// A runner whose threads "overlap" only in lockstep retries, and whose condition shows only
/// when every barrier is gone and the run is in lockstep: the retry logic without cores.
struct OverlapScriptedRunner: VariantRunning {
    var firstOverlap: Overlap
    var lockstepOverlap: Overlap
    var witnessesInLockstep: Int

    func setup(for program: Program, parameters: RunParameters) throws(HarnessError) -> RunSetup {
        RunSetup(iterations: parameters.iterations, batchSize: parameters.batchSize, cpus: [0, 1], pinned: true,
                 layout: parameters.layout, shuffle: false, synchronisation: parameters.synchronisation,
                 placement: [[0], [1]])
    }

    func run(_ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool) throws(HarnessError) -> VariantRun {
        func state(_ a: Int, _ b: Int) -> FinalState {
            FinalState([.register(thread: 0, name: "r0"): .integer(a), .register(thread: 1, name: "r0"): .integer(b)])
        }
        let weak = setup.lockstep && variant.removed.count == 2 ? min(witnessesInLockstep, setup.iterations) : 0
        var result = VariantResult(
            program: variant.program, removed: variant.removed,
            histogram: [state(0, 1): setup.iterations - weak, state(0, 0): weak].filter { $0.value > 0 }, seconds: 0.1)
        result.overlap = setup.lockstep ? lockstepOverlap : firstOverlap
        return VariantRun(result: result, interrupted: false, pinned: true)
    }
}

@Suite struct EvidenceTests {
    let fenced = HandBuilt.storeBuffering(fenced: true)

    @Test func overlapIsTheShareOfIterationsThatOverlapped() {
        #expect(Overlap(measured: 200, overlapped: 50).fraction == 0.25)
        #expect(Overlap(measured: 0, overlapped: 0).fraction == 0)
    }

    @Test func lowOverlapOfTheTestAsWrittenLacksEvidence() {
        let evidence = Evidence(minOverlap: 0.1)
        var result = VariantResult(removed: [], iterations: 100, histogram: [:], witnesses: 0, seconds: 1)
        result.overlap = Overlap(measured: 100, overlapped: 9)
        #expect(!evidence.isSatisfied(by: result))
        result.overlap = Overlap(measured: 100, overlapped: 10)
        #expect(evidence.isSatisfied(by: result))
        result.overlap = nil  // not measured: overlap cannot be held against it
        #expect(evidence.isSatisfied(by: result))
    }

    @Test func theBarrierFreeVariantMustShowTheCondition() {
        let sites = fenced.barriers
        let evidence = Evidence(minOverlap: 0.1, mustWitness: sites)
        var free = VariantResult(removed: sites, iterations: 100, histogram: [:], witnesses: 0, seconds: 1)
        #expect(!evidence.isSatisfied(by: free))
        free.witnesses = 1
        #expect(evidence.isSatisfied(by: free))
        let one = VariantResult(removed: [sites[0]], iterations: 100, histogram: [:], witnesses: 0, seconds: 1)
        #expect(evidence.isSatisfied(by: one))
    }

    @Test func retriesInLockstepUntilTheEvidenceIsThere() throws {
        let runner = OverlapScriptedRunner(
            firstOverlap: Overlap(measured: 1_000, overlapped: 0), lockstepOverlap: Overlap(measured: 1_000, overlapped: 600),
            witnessesInLockstep: 5)
        let evidence = Evidence(minOverlap: 0.1, mustWitness: fenced.barriers)
        let result = try TestRunner(runner: runner, parameters: RunParameters(iterations: 1_000)).run(fenced, evidence: evidence)
        let asWritten = result.variants[0], free = result.variants[3]
        #expect(asWritten.attempts.map(\.how).count == 2)
        #expect(asWritten.overlap?.fraction == 0.6)
        #expect(asWritten.iterations == 2_000)  // both attempts are in the histogram
        #expect(free.witnesses == 5)
        #expect(evidence.isSatisfied(by: asWritten) && evidence.isSatisfied(by: free))
        // The one-barrier variants needed nothing and ran once.
        #expect(result.variants[1].attempts.isEmpty && result.variants[2].attempts.isEmpty)
    }

    @Test func givesUpAfterTheRetriesAndKeepsEveryAttempt() throws {
        let runner = OverlapScriptedRunner(
            firstOverlap: Overlap(measured: 1_000, overlapped: 10), lockstepOverlap: Overlap(measured: 1_000, overlapped: 20),
            witnessesInLockstep: 0)
        let evidence = Evidence(minOverlap: 0.5, retries: 2)
        let result = try TestRunner(runner: runner, parameters: RunParameters(iterations: 1_000)).run(fenced, evidence: evidence)
        let asWritten = result.variants[0]
        #expect(asWritten.attempts.count == 3)
        #expect(asWritten.attempts[2].iterations == 4_000)  // the last retry runs longer
        #expect(asWritten.overlap?.fraction == 0.02)  // the best attempt's
        #expect(!evidence.isSatisfied(by: asWritten))
    }

    @Test func withoutEvidenceNothingIsRetried() throws {
        let runner = OverlapScriptedRunner(
            firstOverlap: Overlap(measured: 1_000, overlapped: 0), lockstepOverlap: Overlap(measured: 1_000, overlapped: 0),
            witnessesInLockstep: 0)
        let result = try TestRunner(runner: runner, parameters: RunParameters(iterations: 1_000)).run(fenced)
        #expect(result.variants.allSatisfy { $0.attempts.isEmpty && $0.iterations == 1_000 })
    }

    /// On the real cores: one iteration in 8 is stamped, and the share is a share.
    @Test func hardwareRunsMeasureOverlapOfSampledIterations() throws {
        let runner = HardwareRunner()
        guard runner.pinning.availableCPUs().count >= 2 else { return }
        let result = try TestRunner(runner: runner, parameters: RunParameters(iterations: 3_000, batchSize: 1_000), ablate: false)
            .run(fenced)
        let overlap = try #require(result.variants[0].overlap)
        #expect(overlap.measured == 375)
        #expect(overlap.overlapped <= overlap.measured)
        // One worker: nothing can overlap, so nothing is claimed.
        let alone = try TestRunner(runner: runner, parameters: RunParameters(iterations: 1_000, cpus: [runner.pinning.availableCPUs()[0]]), ablate: false).run(fenced)
        #expect(alone.variants[0].overlap == nil)
    }
}
