import Testing
import Barriers
import Harness
import Litmus

/// Perpetual runs on the real CPUs. Only what must never happen is asserted; how often weak
/// outcomes show is measured by scripts/bench-harness.
@Suite(.serialized) struct PerpetualEngineTests {
    static let cpus = SystemThreadPinning().availableCPUs()

    @Test func fullBarriersForbidStoreBufferingInTenMillionIterations() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sbMbMb)
        let run = try PerpetualEngine().run(shape, iterations: 10_000_000, cpus: Self.cpus, countsOutcomes: false)
        #expect(run.iterations == 10_000_000)
        #expect(run.condition.instances == 0)
        #expect(run.condition.method.isExact)
        #expect(run.strayValues == 0)
    }

    #if arch(x86_64)
    @Test("TSO forbids these on x86-64 without any barrier", arguments: ["MP", "LB", "WRC", "2+2W", "S", "IRIW"])
    func tsoForbids(name: String) throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.named(name))
        let run = try PerpetualEngine().run(shape, iterations: 400_000, batchSize: 200_000, cpus: Self.cpus, countsOutcomes: false)
        #expect(run.condition.instances == 0, "\(name)")
        #expect(run.strayValues == 0)
    }
    #endif

    @Test func readsOfOneWriterNeverGoBackInTime() throws {
        // Coherence (CoRR): a thread's successive reads of a location see its writer's
        // iterations in non-decreasing order, batch after batch.
        let program = PerpetualFixtures.program("CoRR", [
            [.store("x", 1)],
            [.load("r0", "x"), .load("r1", "x")],
        ], exists: [("1:r0", 1), ("1:r1", 0)])
        let shape = try PerpetualShape(program: program)
        let run = try PerpetualEngine().run(shape, iterations: 1_000_000, batchSize: 250_000, cpus: Self.cpus, countsOutcomes: false)
        // r0 reads the instance's write and r1, later, something older: a coherence violation.
        #expect(run.condition.instances == 0)
        #expect(run.iterations == 1_000_000)
    }

    @Test func batchesAddUpAndOutcomesAreCounted() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        let run = try PerpetualEngine().run(shape, iterations: 300_001, batchSize: 100_000, cpus: Self.cpus)
        #expect(run.iterations == 300_001)
        #expect(run.outcomes.count == 4)
        // The condition is the outcome (0, 0): both counts come from the same decoding.
        let weak = run.outcomes.first { $0.key.satisfies(PerpetualFixtures.sb.condition.proposition) }
        #expect(weak?.value == run.condition.instances)
        #expect(run.strayValues == 0)
    }

    @Test func stopsBetweenBatches() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        let run = try PerpetualEngine().run(shape, iterations: 1_000_000, batchSize: 100_000, cpus: Self.cpus) { true }
        #expect(run.interrupted)
        #expect(run.iterations == 0)
    }

    @Test func moreThreadsThanCPUsStillRun() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        let run = try PerpetualEngine().run(shape, iterations: 200_000, batchSize: 100_000, cpus: [Self.cpus[0]], countsOutcomes: false)
        #expect(run.iterations == 200_000)
        #expect(run.strayValues == 0)
    }

    @Test func sharedCPUsKeepWritersAwayFromTheirReaders() throws {
        // IRIW on two CPUs: a reader next to a writer would see its stores early (forwarding).
        let iriw = try PerpetualShape(program: PerpetualFixtures.iriw)
        #expect(PerpetualEngine.placement(for: iriw, workers: 2) == [[0, 1], [2, 3]])
        #expect(PerpetualEngine.placement(for: iriw, workers: 4) == [[0], [1], [2], [3]])
        let sb = try PerpetualShape(program: PerpetualFixtures.sb)
        #expect(PerpetualEngine.placement(for: sb, workers: 1) == [[0, 1]])
    }

    @Test func streamingUsesOnlyCPUsFreeOfTestThreads() {
        #expect(PerpetualEngine.streamingCPUs(available: [0, 1], workerCPUs: [0, 1]).isEmpty)  // this machine: off
        #expect(PerpetualEngine.streamingCPUs(available: [0, 1, 2, 3], workerCPUs: [0, 1]) == [2, 3])
        #expect(PerpetualEngine.streamingCPUs(available: [0, 1, 2], workerCPUs: [0, 0]) == [1, 2])
        #expect(PerpetualEngine.streamingCPUs(available: [4, 5], workerCPUs: [4, 5, 6]).isEmpty)
    }

    @Test("a streamed run decodes every batch once, on the spare CPUs, while the next runs")
    func streamedRunsAddUp() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sbMbMb)
        for streaming in [true, false] {
            // Four CPUs reported, two used by the workers: two spare for decoding.
            let pinning = RecordingThreadPinning(cpus: [0, 1, 2, 3])
            var engine = PerpetualEngine(pinning: pinning)
            engine.streaming = streaming
            let run = try engine.run(shape, iterations: 400_001, batchSize: 100_000, cpus: [0, 1])
            #expect(run.iterations == 400_001)
            #expect(run.batches == 5)
            #expect(run.streamingCPUs == (streaming ? [2, 3] : []))
            #expect(run.condition.instances == 0)  // forbidden under full barriers
            #expect(run.strayValues == 0)
            let decodingPins = pinning.requests.filter { $0 >= 2 }
            #expect(streaming ? Set(decodingPins) == [2, 3] : decodingPins.isEmpty)
        }
    }

    @Test func pinsThroughTheSeam() throws {
        let pinning = RecordingThreadPinning(cpus: [0, 1])
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        _ = try PerpetualEngine(pinning: pinning).run(shape, iterations: 1000, cpus: [0, 1])
        #expect(pinning.requests.sorted() == [0, 1])
    }
}
