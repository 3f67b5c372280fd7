import Testing
@testable import Harness
import Litmus

/// The fast decoding paths (several threads, the monotone sweep, the direct batch decode,
/// the flat window-0 loop) count exactly what the reference paths count.
@Suite struct PerpetualFastDecodingTests {
    static let shapes = PerpetualDecoderTests.singleWriterShapes + PerpetualDecoderTests.multiWriterShapes

    @Test("decoding on several threads counts exactly what one thread counts", arguments: shapes)
    func threadsChangeNoCount(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        // Small enough for `.exact` enumeration in a debug build.
        let n = PerpetualDecoderTests.iterations(for: program)
        for decoding in PerpetualDecoding.allCases {
            let decoder = try PerpetualDecoder(shape: shape, decoding: decoding)
            for seed in 1...2 as ClosedRange<UInt64> {
                let (simulated, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: seed)).run(iterations: 2 * n)
                for recording in [simulated, randomRecording(shape, iterations: n, seed: seed)] {
                    let one = decoder.decode(recording, threads: 1)
                    for threads in [2, 3, 7] {
                        let many = decoder.decode(recording, threads: threads)
                        #expect(many.condition == one.condition, "\(name) \(decoding) seed \(seed) on \(threads) threads")
                        #expect(many.outcomes.map(\.state) == one.outcomes.map(\.state))
                        #expect(many.outcomes.map(\.count) == one.outcomes.map(\.count), "\(name) \(decoding) seed \(seed)")
                        #expect(many.strayValues == one.strayValues)
                    }
                }
            }
        }
    }

    @Test("the monotone sweep agrees with the Fenwick sweep and with brute force")
    func monotoneSweepIsExact() {
        var rng = SplitMix(seed: 21)
        let n = 60
        for trial in 0..<200 {
            func monotone(_ up: Bool) -> [Int] {
                var value = up ? 0 : n - 1
                return (0..<n).map { _ in
                    value = min(n - 1, max(0, value + (up ? 1 : -1) * Int.random(in: 0...2, using: &rng)))
                    return value
                }
            }
            func threshold() -> Int {
                switch Int.random(in: 0..<12, using: &rng) {
                case 0: return .max
                case 1: return -(n + 4)
                default: return Int.random(in: -(n + 2)...(n + 2), using: &rng)
                }
            }
            let first = (a: (0..<n).map { _ in threshold() }, b: monotone(trial % 2 == 0))
            let second = (a: (0..<n).map { _ in threshold() }, b: monotone(trial % 3 == 0))
            var brute = 0
            for p in 0..<n { for q in 0..<n where first.a[p] <= first.b[q] && second.a[p] <= second.b[q] { brute += 1 } }
            let (count, algorithm) = Dominance.count2(first, second, n)
            #expect(algorithm == "2-D dominance, monotone sweep, linear")
            #expect(count == brute, "trial \(trial)")
            #expect(Dominance.sweepCount2(first, second, n) == brute, "trial \(trial)")
        }
    }

    @Test func coherentRecordingsTakeTheLinearSweep() throws {
        // On hardware (and under TSO) coherence makes a thread's reads of one writer's
        // location non-decreasing, so SB's exact count needs no sort.
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        let (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 4)).run(iterations: 600)
        let decoder = try PerpetualDecoder(shape: shape)
        let truth = BruteForce(shape: shape, recording: recording).count(decoder.condition, threads: 2)
        // Counted alone, the condition takes the sweep; in a decode, SB's states are counted jointly.
        let alone = decoder.count(decoder.condition, in: recording)
        #expect(alone.method == .exact(algorithm: "monotone interval sweep, linear"))
        #expect(alone.instances == truth)
        let result = decoder.decode(recording)
        #expect(result.condition.method == .exact(algorithm: "joint interval pass over two threads, linear"))
        #expect(result.condition.instances == truth)
    }

    @Test("values no store wrote are stray, with one store site and with several")
    func strayValues() throws {
        let sb = try PerpetualShape(program: PerpetualFixtures.sb)  // one store per location
        // Iteration 3 of a 3-iteration batch, a negative value, two good reads, two initial reads.
        let recording = PerpetualRecording(iterations: 3, records: [[4, -7, 1], [0, 0, 3]])
        #expect(try PerpetualDecoder(shape: sb).decode(recording).strayValues == 2)
        let twoPlusTwo = try PerpetualShape(program: PerpetualFixtures.twoPlusTwoW)  // two stores per location
        var stray = PerpetualRecording(iterations: 2, shape: twoPlusTwo)
        stray.records[0][0] = 2 * 2 + 1  // iteration 2 of 2: out of the batch
        stray.records[0][1] = -3
        #expect(try PerpetualDecoder(shape: twoPlusTwo).decode(stray).strayValues == 2)
    }

    @Test("the linear heuristic's flat window-0 loop never overcounts", arguments: PerpetualDecoderTests.singleWriterShapes)
    func windowZeroIsALowerBound(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        let n = PerpetualDecoderTests.iterations(for: program)
        for seed in 1...3 as ClosedRange<UInt64> {
            let recording = randomRecording(shape, iterations: n, seed: seed)
            let exact = try PerpetualDecoder(shape: shape, decoding: .exact).decode(recording)
            let zero = try PerpetualDecoder(shape: shape, decoding: .linear, window: 0).decode(recording)
            let one = try PerpetualDecoder(shape: shape, decoding: .linear, window: 1).decode(recording)
            #expect(zero.condition.instances <= one.condition.instances)
            #expect(one.condition.instances <= exact.condition.instances)
            for (z, e) in zip(zero.outcomes, exact.outcomes) { #expect(z.count.instances <= e.count.instances) }
        }
    }
}
