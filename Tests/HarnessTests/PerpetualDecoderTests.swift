import Testing
@testable import Harness
import Litmus

@Suite struct PerpetualDecoderTests {
    static let singleWriterShapes = ["SB", "SB+mb+mb", "MP", "LB", "IRIW", "WRC", "SB3"]
    static let multiWriterShapes = ["R", "S", "2+2W"]

    static func iterations(for program: Program) -> Int {
        program.threads.count >= 4 ? 9 : program.threads.count == 3 ? 16 : 40
    }

    @Test("exact counts equal brute force on random recordings", arguments: singleWriterShapes)
    func exactMatchesBruteForce(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        let decoder = try PerpetualDecoder(shape: shape, decoding: .exact)
        let n = Self.iterations(for: program)
        for seed in 1...4 as ClosedRange<UInt64> {
            let recording = randomRecording(shape, iterations: n, seed: seed)
            let truth = BruteForce(shape: shape, recording: recording)
            let result = decoder.decode(recording)
            #expect(result.condition.instances == truth.count(decoder.condition, threads: program.threads.count),
                    "\(program.name) seed \(seed)")
            #expect(result.condition.method.isExact)
            for (state, count) in result.outcomes {
                let target = try PerpetualTarget(proposition: Self.proposition(state), shape: shape)
                #expect(count.instances == truth.count(target, threads: program.threads.count),
                        "\(program.name) \(program.render(state)) seed \(seed)")
            }
        }
    }

    @Test("the linear heuristic never overcounts and is exact with a window covering the batch",
          arguments: singleWriterShapes)
    func linearIsALowerBound(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        let n = Self.iterations(for: program)
        let recording = randomRecording(shape, iterations: n, seed: 7)
        let exact = try PerpetualDecoder(shape: shape, decoding: .exact).decode(recording).condition
        let narrow = try PerpetualDecoder(shape: shape, decoding: .linear, window: 1).decode(recording).condition
        let wide = try PerpetualDecoder(shape: shape, decoding: .linear, window: n).decode(recording).condition
        #expect(narrow.instances <= exact.instances)
        #expect(wide.instances == exact.instances)
    }

    @Test("TSO simulation: exact equals brute force with the true coherence order",
          arguments: singleWriterShapes + multiWriterShapes)
    func simulatedTSO(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        let decoder = try PerpetualDecoder(shape: shape, decoding: .exact)
        let n = Self.iterations(for: program)
        for seed in 1...3 as ClosedRange<UInt64> {
            let (recording, coherence) = TSOSimulator(shape: shape, generator: SplitMix(seed: seed)).run(iterations: n)
            let truth = BruteForce(shape: shape, recording: recording, coherence: coherence)
                .count(decoder.condition, threads: program.threads.count)
            let found = decoder.decode(recording).condition.instances
            if shape.observedLocations.isEmpty {
                #expect(found == truth, "\(program.name) seed \(seed)")
            } else {
                // Observer loads reveal only part of the coherence order: never more than the truth.
                #expect(found <= truth, "\(program.name) seed \(seed)")
            }
            let full = Self.withFullObservers(recording, coherence, shape)
            let fullTruth = BruteForce(shape: shape, recording: full, coherence: coherence)
            for (state, count) in decoder.decode(full).outcomes {
                let target = try PerpetualTarget(proposition: Self.proposition(state), shape: shape)
                #expect(count.instances == fullTruth.count(target, threads: program.threads.count),
                        "\(program.name) \(program.render(state)) seed \(seed), observers seeing everything")
            }
        }
    }

    @Test func forbiddenOutcomesNeverAppearUnderTSO() throws {
        // TSO forbids these; a decoder that reported an instance would be wrong.
        for program in [PerpetualFixtures.sbMbMb, PerpetualFixtures.mp, PerpetualFixtures.lb, PerpetualFixtures.iriw, PerpetualFixtures.r, PerpetualFixtures.twoPlusTwoW] {
            let shape = try PerpetualShape(program: program)
            let (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 11)).run(iterations: 400)
            let result = try PerpetualDecoder(shape: shape).decode(recording)
            #expect(result.condition.instances == 0, "\(program.name)")
            #expect(result.strayValues == 0)
        }
        let sb = try PerpetualShape(program: PerpetualFixtures.sb)
        let (recording, _) = TSOSimulator(shape: sb, generator: SplitMix(seed: 11)).run(iterations: 400)
        #expect(try PerpetualDecoder(shape: sb).decode(recording).condition.instances > 0)
    }

    @Test func handCountedStoreBuffering() throws {
        // 0:r0 reads y: iteration 0 sees nothing, 1 sees T1's iteration 0, 2 sees iteration 2.
        // 1:r0 reads x: iteration 0 sees nothing, 1 sees nothing, 2 sees T0's iteration 1.
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        let recording = PerpetualRecording(iterations: 3, records: [[0, 1, 3], [0, 0, 2]])
        // Instances (i, j): T0's read older than j and T1's read older than i.
        // i=0: j with 0 < j... j needs y-read(i=0)=init -> any j; x-read(j) older than i=0 -> only init reads: j=0,1. -> 2
        // i=1: y-read = iteration 0 -> j >= 1; x-read(j) older than 1 -> j in {1}; (j=2 reads iteration 1, not < 1) -> 1
        // i=2: y-read = iteration 2 -> j >= 3: none.
        let count = try PerpetualDecoder(shape: shape).count(PerpetualTarget(condition: shape.program.condition, shape: shape), in: recording)
        #expect(count.instances == 3)
        // Both reads go forward in iteration (as coherence makes them): the linear sweep.
        #expect(count.method == .exact(algorithm: "monotone interval sweep, linear"))
        #expect(!count.fromObservers)
    }

    @Test func largeBatchesUseTheNLogNAlgorithm() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        let recording = randomRecording(shape, iterations: 100_000, seed: 3)
        let result = try PerpetualDecoder(shape: shape, countsOutcomes: false).decode(recording)
        #expect(result.condition.method == .exact(algorithm: "2-D dominance, N log N"))
        let sb3 = try PerpetualShape(program: PerpetualFixtures.sb3)
        let ring = try PerpetualDecoder(shape: sb3, countsOutcomes: false).decode(randomRecording(sb3, iterations: 100_000, seed: 3))
        #expect(ring.condition.method == .linear(window: 4))
    }

    static func proposition(_ state: FinalState) -> Proposition {
        state.entries.reduce(Proposition.constant(true)) { .and($0, .equals($1.location, .value($1.value))) }
    }

    /// The recording with every observer load replaced by the first write of another thread
    /// that follows the observer's own writes in coherence: observers that miss nothing.
    static func withFullObservers(_ recording: PerpetualRecording, _ coherence: [[Int]], _ shape: PerpetualShape) -> PerpetualRecording {
        var full = recording
        for site in shape.loadSites where site.register == nil {
            let order = coherence[site.location]
            let sites = shape.storeSites[site.location]
            let owner = { (value: Int) in sites[(value - 1) % sites.count].thread }
            let ownSites = sites.filter { $0.thread == site.thread }
            for k in 0..<recording.iterations {
                let last = ownSites.last!
                let own = PerpetualShape.value(iteration: k, stride: sites.count, offset: last.offset)
                let start = order.firstIndex(of: own)!
                let next = order[(start + 1)...].first { owner($0) != site.thread }
                full.records[site.thread][k * shape.recordsPerIteration[site.thread] + site.slot] = next ?? own
            }
        }
        return full
    }
}
