import Barriers
import Foundation
import Litmus
import Testing
import Harness

/// Real runs on this machine's cores (or a fake machine through the pinning seam). They assert
/// only what must always hold: totals, forbidden outcomes never seen, exact sequential results.
@Suite struct SynchronisedRunnerTests {
    func run(
        _ program: Program, iterations: Int = 100_000, ablate: Bool = false,
        runner: SynchronisedRunner = SynchronisedRunner(), layout: LocationLayout = .line, shuffle: Bool = false
    ) throws -> TestRunResult {
        let parameters = RunParameters(iterations: iterations, batchSize: 5_000, layout: layout, shuffle: shuffle)
        return try TestRunner(runner: runner, parameters: parameters, ablate: ablate).run(program)
    }

    @Test(arguments: LocationLayout.allCases, [false, true])
    func histogramTotalsEqualIterations(layout: LocationLayout, shuffle: Bool) throws {
        // 12_345 is not a multiple of the batch: the last batch is partial.
        let result = try run(HandBuilt.storeBuffering(fenced: false), iterations: 12_345, layout: layout, shuffle: shuffle)
        let variant = try #require(result.variants.first)
        #expect(variant.iterations == 12_345)
        #expect(variant.histogram.values.reduce(0, +) == 12_345)
        #expect(variant.abandoned == 0)
        // Only the four SB outcomes exist.
        for state in variant.histogram.keys {
            #expect(state.entries.allSatisfy { $0.value == .integer(0) || $0.value == .integer(1) })
        }
    }

    @Test func fullBarriersNeverLetStoreBufferingThrough() throws {
        let result = try run(HandBuilt.storeBuffering(fenced: true), iterations: 1_000_000)
        let variant = try #require(result.variants.first)
        #expect(variant.iterations == 1_000_000)
        #expect(variant.witnesses == 0, "smp_mb() failed: \(variant.witnesses) forbidden SB outcomes")
    }

    @Test func releaseAcquireNeverLetsMessagePassingFail() throws {
        let result = try run(HandBuilt.messagePassing(), iterations: 200_000)
        #expect(result.variants[0].witnesses == 0)
        #expect(result.variants[0].iterations == 200_000)
    }

    @Test func ablationRunsEveryVariantWithTheSameTotals() throws {
        let result = try run(HandBuilt.messagePassing(), iterations: 20_000, ablate: true)
        #expect(result.variants.map { $0.removed.map(\.description) } == [
            [], ["P0: smp_store_release(y, 1)"], ["P1: smp_load_acquire(y)"],
            ["P0: smp_store_release(y, 1)", "P1: smp_load_acquire(y)"],
        ])
        #expect(result.variants.allSatisfy { $0.iterations == 20_000 })
    }

    @Test func moreThreadsThanCPUsStillRunsAndSaysSo() throws {
        let pinning = RecordingThreadPinning(cpus: [0, 1])
        let result = try run(HandBuilt.iriw(), iterations: 50_000, runner: SynchronisedRunner(pinning: pinning))
        #expect(result.setup.placement == [[0, 2], [1, 3]])
        #expect(result.variants[0].iterations == 50_000)
        #expect(result.notes.contains { $0.contains("need 4 CPUs") })
        #expect(pinning.requests.sorted() == [0, 1])
    }

    #if arch(x86_64)
    /// x86-TSO forbids IRIW's outcome. Run two threads per CPU, it must stay forbidden: a reader
    /// may not see its CPU-mate's store before the other CPU can.
    @Test func threadsSharingACPUStillObeyTSO() throws {
        let result = try run(HandBuilt.iriw(), iterations: 300_000, runner: SynchronisedRunner(pinning: RecordingThreadPinning(cpus: [0, 1])))
        #expect(result.variants[0].witnesses == 0)
    }
    #endif

    @Test func oneCPURunsEveryThreadInTurn() throws {
        let pinning = RecordingThreadPinning(cpus: [3])
        let result = try run(HandBuilt.storeBuffering(fenced: false), iterations: 10_000, runner: SynchronisedRunner(pinning: pinning))
        #expect(result.setup.cpus == [3])
        #expect(result.setup.placement == [[0, 1]])
        // Run one after the other, a thread always sees the other's store or the other sees its.
        #expect(result.variants[0].witnesses == 0)
        #expect(result.variants[0].iterations == 10_000)
    }

    @Test func pinningUnsupportedIsReported() throws {
        let pinning = RecordingThreadPinning(cpus: [0, 1], result: .unsupported)
        let result = try run(HandBuilt.storeBuffering(fenced: false), iterations: 5_000, runner: SynchronisedRunner(pinning: pinning))
        #expect(!result.setup.pinned)
        #expect(result.notes.contains { $0.contains("could not be pinned") })
    }

    @Test func unavailableCPUIsAClearError() throws {
        let runner = SynchronisedRunner(pinning: RecordingThreadPinning(cpus: [0, 1]))
        let parameters = RunParameters(iterations: 10, cpus: [0, 7])
        #expect(throws: HarnessError.invalidParameter("CPU 7 is not available to this process (available: 0,1)")) {
            try TestRunner(runner: runner, parameters: parameters).run(HandBuilt.storeBuffering(fenced: false))
        }
    }

    @Test func operationsComputeWhatTheKernelDefines() throws {
        let runner = SynchronisedRunner(pinning: RecordingThreadPinning(cpus: [0]))
        let result = try run(HandBuilt.sequentialOperations(), iterations: 3_000, runner: runner)
        let variant = result.variants[0]
        #expect(variant.histogram.count == 1)
        let state = try #require(variant.histogram.keys.first)
        let expected = [0, 5, 7, 7, 6, 0, 1, 0, 1, 42, 0]
        for (r, value) in expected.enumerated() {
            #expect(state[.register(thread: 0, name: "r\(r)")] == .integer(value), "r\(r)")
        }
        #expect(state[.variable(name: "x")] == .integer(14))
        #expect(state[.variable(name: "lock")] == .integer(1))
        #expect(variant.witnesses == 3_000)
        #expect(variant.verdict == .always)
    }

    @Test func addressesComeBackAsVariableNames() throws {
        let runner = SynchronisedRunner(pinning: RecordingThreadPinning(cpus: [0]))
        let result = try run(HandBuilt.pointerChase(), iterations: 4_000, runner: runner)
        let states = Set(result.variants[0].histogram.keys)
        let r0 = StateLocation.register(thread: 0, name: "r0"), r1 = StateLocation.register(thread: 0, name: "r1")
        // Threads alternate going first on one CPU: both orders, each exactly as written.
        #expect(states == [
            FinalState([r0: .address(0), r1: .integer(3), .variable(name: "p"): .address(1)]),
            FinalState([r0: .address(1), r1: .integer(4), .variable(name: "p"): .address(1)]),
        ])
    }

    @Test func aWildPointerDropsTheIterationInsteadOfCrashing() throws {
        let result = try run(HandBuilt.wildPointer(), iterations: 1_000, runner: SynchronisedRunner(pinning: RecordingThreadPinning(cpus: [0])))
        #expect(result.variants[0].iterations == 0)
        #expect(result.variants[0].abandoned == 1_000)
    }

    @Test func aLoopThatNeverEndsIsCutAndCounted() throws {
        let runner = SynchronisedRunner(loopBudget: 200)
        let result = try run(HandBuilt.endlessWait(), iterations: 2_000, runner: runner)
        #expect(result.variants[0].abandoned == 2_000)
        #expect(result.variants[0].iterations == 0)
    }

    @Test func waitingLoopsFinishWhenTheWriteComes() throws {
        // On one CPU the waiter goes first in every other iteration and can only give up.
        let runner = SynchronisedRunner(pinning: RecordingThreadPinning(cpus: [0]), loopBudget: 100)
        let result = try run(HandBuilt.flagWait(), iterations: 2_000, runner: runner)
        let variant = result.variants[0]
        #expect(variant.iterations + variant.abandoned == 2_000)
        #expect(variant.iterations == 1_000)
        // Release then a once read after seeing the flag: never stale on one CPU.
        #expect(variant.witnesses == 0)
    }

    @Test func gracePeriodsAreRefusedWithAPointerToCheck() throws {
        #expect(throws: HarnessError.self) { try run(HandBuilt.withGracePeriod(), iterations: 10) }
        do throws(HarnessError) {
            _ = try TestRunner(parameters: RunParameters(iterations: 10)).run(HandBuilt.withGracePeriod())
        } catch {
            #expect(error.description.contains("synchronize_rcu()"))
            #expect(error.description.contains("litmus check"))
            #expect(error.description.hasPrefix("hand.litmus:7:1"))
        }
    }

    @Test func stopRequestEndsAtABatchBoundaryWithConsistentTotals() throws {
        final class Countdown: @unchecked Sendable {
            var polls = 0
            let lock = NSLock()
            func poll() -> Bool { lock.lock(); defer { lock.unlock() }; polls += 1; return polls > 3 }
        }
        let countdown = Countdown()
        let parameters = RunParameters(iterations: 1_000_000, batchSize: 1_000)
        let result = try TestRunner(parameters: parameters).run(HandBuilt.messagePassing(), shouldStop: countdown.poll)
        #expect(result.interrupted)
        #expect(result.variants.count == 1)
        let variant = result.variants[0]
        #expect(variant.iterations > 0 && variant.iterations < 1_000_000)
        #expect(variant.iterations % 1_000 == 0)
    }

    @Test func aBatchTooBigForMemoryIsAClearError() {
        let parameters = RunParameters(iterations: 100_000_000, batchSize: 100_000_000, layout: .line)
        #expect(throws: HarnessError.self) {
            try TestRunner(parameters: parameters, ablate: false).run(HandBuilt.storeBuffering(fenced: false))
        }
        do throws(HarnessError) {
            _ = try TestRunner(parameters: parameters, ablate: false).run(HandBuilt.storeBuffering(fenced: false))
        } catch {
            #expect(error.message.contains("smaller --batch"))
        }
    }

    @Test func invalidParametersAreRejected() {
        for parameters in [RunParameters(iterations: 0), RunParameters(batchSize: 0), RunParameters(cpus: [])] {
            #expect(throws: HarnessError.self) {
                try TestRunner(parameters: parameters).run(HandBuilt.storeBuffering(fenced: false))
            }
        }
    }
}
