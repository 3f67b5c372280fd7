import Testing
@testable import Harness
import Litmus

/// The joint count of the "two readers, writers as sinks" family (``ReaderPairCount``):
/// against brute force on simulated recordings and random constraints, against the per-state
/// path on larger monotone columns, split into ranges, and past `Int.max`.
@Suite struct PerpetualReaderPairCountTests {
    static let iriwMbs = PerpetualFixtures.program("IRIW+mbs", [
        [.store("x", 1)],
        [.store("y", 1)],
        [.load("r0", "x"), .fence(.mb), .load("r1", "y")],
        [.load("r0", "y"), .fence(.mb), .load("r1", "x")],
    ], exists: [("2:r0", 1), ("2:r1", 0), ("3:r0", 1), ("3:r1", 0)])

    /// Two readers of one location with one writer (CoRR's readers apart).
    static let twoReaders = PerpetualFixtures.program("2R", [
        [.store("x", 1)],
        [.load("r0", "x")],
        [.load("r0", "x")],
    ], exists: [("1:r0", 1), ("2:r0", 0)])

    /// One writer of both locations read by two readers: B has two bounds on one writer
    /// (their maximum is tabulated) or an equality and a bound (not claimed).
    static let oneWriter = PerpetualFixtures.program("IRIW-1W", [
        [.store("x", 1), .store("y", 1)],
        [.load("r0", "x"), .load("r1", "y")],
        [.load("r0", "y"), .load("r1", "x")],
    ], exists: [("1:r0", 1), ("1:r1", 0), ("2:r0", 1), ("2:r1", 0)])

    /// Two writers of one location (observer loads) read by two readers.
    static let twoWriters = PerpetualFixtures.program("2W2R", [
        [.store("x", 1)],
        [.store("x", 2)],
        [.load("r0", "x")],
        [.load("r0", "x")],
    ], exists: [("2:r0", 1), ("3:r0", 2)])

    static let claimed: [Program] = [PerpetualFixtures.iriw, iriwMbs, twoReaders, oneWriter, twoWriters]
    static func named(_ name: String) -> Program { (claimed + PerpetualFixtures.all).first { $0.name == name }! }

    /// A TSO-simulated recording (observers seeing every write) and its brute force.
    static func simulated(_ shape: PerpetualShape, seed: UInt64, iterations n: Int) -> (PerpetualRecording, BruteForce) {
        var (recording, coherence) = TSOSimulator(shape: shape, generator: SplitMix(seed: seed)).run(iterations: n)
        if !shape.observedLocations.isEmpty {
            recording = PerpetualDecoderTests.withFullObservers(recording, coherence, shape)
        }
        return (recording, BruteForce(shape: shape, recording: recording, coherence: coherence))
    }

    /// Brute force's count for the target's own threads (it tries every thread's iterations;
    /// a thread the state does not involve multiplies it by n).
    static func expected(_ truth: BruteForce, _ target: PerpetualTarget, _ batch: PerpetualBatch) -> Int {
        let threads = truth.shape.threadCount, n = batch.iterations
        let free = threads - PerpetualConstraints(target: target, batch: batch).threads.count
        let scale = (0..<free).reduce(1) { acc, _ in acc * n }
        let all = truth.count(target, threads: threads)
        return all % scale == 0 ? all / scale : -1
    }

    /// Each claimed state's count over `0..<n`, checked to equal the sum of `cuts`' ranges.
    private func counts(_ joint: ReaderPairCount, cuts: [Int]) -> [Int] {
        let whole = joint.count(0..<joint.iterations)
        let bounds = [0] + cuts.filter { $0 > 0 && $0 < joint.iterations } + [joint.iterations]
        var summed = Array(repeating: 0, count: whole.count)
        for i in 0..<(bounds.count - 1) {
            let part = joint.count(bounds[i]..<bounds[i + 1])
            for s in summed.indices { summed[s] = PerpetualEngine.saturatingSum(summed[s], part[s]) }
        }
        #expect(summed == whole, "ranges \(bounds)")
        return whole
    }

    @Test("TSO-simulated recordings: every claimed state equals brute force, whole and in ranges",
          arguments: ["IRIW", "IRIW+mbs", "2R", "IRIW-1W", "2W2R"])
    func claimedStatesEqualBruteForce(name: String) throws {
        let program = Self.named(name)
        let shape = try PerpetualShape(program: program)
        let outcomes = PerpetualTarget.outcomes(of: shape)
        let n = program.threads.count >= 4 ? 11 : 18
        var claimed = 0
        for seed in 1...4 as ClosedRange<UInt64> {
            let (recording, truth) = Self.simulated(shape, seed: seed, iterations: n)
            let batch = PerpetualBatch(shape: shape, recording: recording)
            guard let joint = ReaderPairCount.make(targets: outcomes.map(\.target), claimable: Array(outcomes.indices), batch: batch) else { continue }
            claimed += joint.states.count
            if name.hasPrefix("IRIW") && name != "IRIW-1W" { #expect(joint.states.count == 16, "\(name) seed \(seed)") }
            let found = counts(joint, cuts: [1, 4, 5, 9])
            let decoder = try PerpetualDecoder(shape: shape)
            for (slot, index) in joint.states.enumerated() {
                #expect(found[slot] == Self.expected(truth, outcomes[index].target, batch), "\(name) \(program.render(outcomes[index].state)) seed \(seed)")
                #expect(found[slot] == decoder.count(outcomes[index].target, in: batch).instances)
            }
        }
        #expect(claimed > 0, "\(name): no state claimed")
    }

    @Test("the decoder counts the family jointly: the same on 1 and 2 threads, equal to brute force and to each state alone",
          arguments: ["IRIW", "IRIW+mbs", "2R", "IRIW-1W", "2W2R"])
    func decoderUsesTheJointCount(name: String) throws {
        let program = Self.named(name)
        let shape = try PerpetualShape(program: program)
        let decoder = try PerpetualDecoder(shape: shape)
        let n = program.threads.count >= 4 ? 11 : 18
        var joint = 0
        for seed in 5...7 as ClosedRange<UInt64> {
            let (recording, truth) = Self.simulated(shape, seed: seed, iterations: n)
            let batch = PerpetualBatch(shape: shape, recording: recording)
            let one = decoder.decode(recording, threads: 1), two = decoder.decode(recording, threads: 2)
            #expect(one.outcomes.map(\.state) == two.outcomes.map(\.state))
            #expect(one.outcomes.map(\.count) == two.outcomes.map(\.count))
            #expect(one.condition == two.condition)
            for (state, count) in one.outcomes {
                let target = try PerpetualTarget(proposition: PerpetualDecoderTests.proposition(state), shape: shape)
                let alone = decoder.count(target, in: batch)
                #expect(count.method.isExact)
                #expect(count.instances == alone.instances && count.fromObservers == alone.fromObservers,
                        "\(name) \(program.render(state)) seed \(seed): \(count.method) vs \(alone.method)")
                #expect(count.instances == Self.expected(truth, target, batch))
                if count.method == .exact(algorithm: ReaderPairCount.method) { joint += 1 }
            }
            if name.hasPrefix("IRIW") && name != "IRIW-1W" {
                #expect(one.outcomes.allSatisfy { $0.count.method == .exact(algorithm: ReaderPairCount.method) })
            }
        }
        #expect(joint > 0)
    }

    @Test("tests outside the family are not claimed", arguments: ["SB", "MP", "LB", "WRC", "R", "S", "2+2W", "SB3"])
    func otherShapesAreNotClaimed(name: String) throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.named(name))
        let outcomes = PerpetualTarget.outcomes(of: shape)
        let (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 2)).run(iterations: 30)
        let batch = PerpetualBatch(shape: shape, recording: recording)
        #expect(ReaderPairCount.make(targets: outcomes.map(\.target), claimable: Array(outcomes.indices), batch: batch) == nil)
    }

    /// Reads of one location by one thread as coherence orders them: the initial value for a
    /// while, then non-decreasing iterations of the writer (value `m + 1`), jumping at random.
    private func monotoneReads(_ n: Int, _ rng: inout SplitMix) -> [Int] {
        var value = 0
        let start = Int.random(in: 0...(n / 4), using: &rng)
        return (0..<n).map { k in
            if k >= start && Int.random(in: 0..<3, using: &rng) == 0 {
                value = min(n, value + Int.random(in: 0...(Int.random(in: 0..<20, using: &rng) == 0 ? n / 8 : 4), using: &rng))
            }
            return value
        }
    }

    @Test("larger monotone recordings (with initial reads and stray values): equal to the per-state path")
    func equalsPerStatePath() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        let outcomes = PerpetualTarget.outcomes(of: shape)
        let decoder = try PerpetualDecoder(shape: shape)
        var rng = SplitMix(seed: 41)
        var compared = 0
        for trial in 0..<6 {
            let n = Int.random(in: 1500...3000, using: &rng)
            var recording = PerpetualRecording(iterations: n, shape: shape)
            for thread in [2, 3] {
                let first = monotoneReads(n, &rng), second = monotoneReads(n, &rng)
                for k in 0..<n { recording.records[thread][2 * k] = first[k]; recording.records[thread][2 * k + 1] = second[k] }
            }
            // Stray values (no store wrote them): anywhere in one reader (it is then streamed),
            // or at the very end of the other (its bound columns stay monotone with Int.max).
            let streamed = trial % 2 == 0 ? 2 : 3, other = 5 - streamed
            for _ in 0..<(trial % 3) * 5 {
                recording.records[streamed][2 * Int.random(in: 0..<n, using: &rng) + Int.random(in: 0...1, using: &rng)] = n + 7 + trial
            }
            if trial >= 3 { recording.records[other][2 * (n - 1)] = -5 }
            let batch = PerpetualBatch(shape: shape, recording: recording)
            let joint = try #require(ReaderPairCount.make(targets: outcomes.map(\.target), claimable: Array(outcomes.indices), batch: batch))
            #expect(joint.states.count >= 8, "trial \(trial)")
            let found = counts(joint, cuts: [n / 3, n / 3 + 1, 2 * n / 3])
            for (slot, index) in joint.states.enumerated() {
                let single = decoder.count(outcomes[index].target, in: batch)
                guard single.method.isExact, single.instances != .max else { continue }
                compared += 1
                #expect(found[slot] == single.instances, "trial \(trial) \(shape.program.render(outcomes[index].state)) \(single.method)")
            }
        }
        #expect(compared > 60)
    }

    @Test("random recordings (columns not monotone): whatever is claimed equals brute force")
    func nonMonotoneRecordings() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        let outcomes = PerpetualTarget.outcomes(of: shape)
        var unclaimed = 0
        for seed in 1...6 as ClosedRange<UInt64> {
            let recording = randomRecording(shape, iterations: 9, seed: seed)
            let truth = BruteForce(shape: shape, recording: recording)
            let batch = PerpetualBatch(shape: shape, recording: recording)
            guard let joint = ReaderPairCount.make(targets: outcomes.map(\.target), claimable: Array(outcomes.indices), batch: batch),
                  joint.states.count == outcomes.count else { unclaimed += 1; continue }
            let found = joint.count(0..<9)
            for (slot, index) in joint.states.enumerated() {
                #expect(found[slot] == truth.count(outcomes[index].target, threads: 4))
            }
        }
        #expect(unclaimed > 0)
    }

    /// Random reader-to-writer constraints (readers 2 and 3, writers 0 and 1): columns
    /// monotone or not, with -1, values below -1, past `n` and `Int.max`.
    @Test func randomConstraintsEqualBruteForce() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        var rng = SplitMix(seed: 77)
        var claimed = 0
        for trial in 0..<400 {
            let n = Int.random(in: 1...7, using: &rng)
            var (batch, constraints) = PerpetualSweepTests.unconstrained(shape, iterations: n)
            func column() -> [Int] {
                var value = Int.random(in: -3...1, using: &rng)
                let monotone = Int.random(in: 0..<6, using: &rng) > 0
                return (0..<n).map { _ in
                    value = monotone ? value + Int.random(in: 0...2, using: &rng) : Int.random(in: -3...(n + 2), using: &rng)
                    if Int.random(in: 0..<12, using: &rng) == 0 { return monotone ? .max : -1 }
                    return value
                }
            }
            let writers = Int.random(in: 1...2, using: &rng)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let from = Int.random(in: 2...3, using: &rng), to = Int.random(in: 0..<writers, using: &rng)
                if Bool.random(using: &rng) {
                    constraints.equalities.append(.init(from: from, to: to, target: column()))
                } else {
                    constraints.bounds.append(.init(from: from, to: to, bound: column()))
                }
            }
            guard Set(constraints.threads).isSuperset(of: [2, 3]),
                  let joint = ReaderPairCount.make([(0, constraints)], batch: batch) else { continue }
            claimed += 1
            let whole = joint.count(0..<n)
            let split = (0...n).map { cut in zip(joint.count(0..<cut), joint.count(cut..<n)).map { $0 + $1 } }
            #expect(split.allSatisfy { $0 == whole })
            #expect(whole == [PerpetualSweepTests.bruteForce(constraints, n: n)], "trial \(trial)")
        }
        #expect(claimed > 150)
    }

    @Test("counts past Int.max: 128-bit sums, Int.max when they do not fit")
    func saturation() throws {
        var wide = WideCount()
        wide.add(UInt64(Int.max))
        #expect(wide.saturated == .max)
        wide = WideCount()
        wide.add(UInt64(Int.max) - 5)
        wide.add(5)
        #expect(wide.saturated == .max)
        wide.add(1)
        #expect(wide.saturated == .max)  // 2^63: one past
        wide = WideCount()
        for _ in 0..<4 { wide.add(.max) }  // 4 * (2^64 - 1)
        #expect(wide.high == 3 && wide.low == UInt64.max - 3)
        #expect(wide.saturated == .max)

        // Every load read the initial value: the all-initial state has n^4 instances.
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        let outcomes = PerpetualTarget.outcomes(of: shape)
        let initial = try #require(outcomes.firstIndex { $0.target.atoms.allSatisfy {
            if case let .read(_, value) = $0 { return value == 0 } else { return false }
        } })
        for (n, expected) in [(1000, 1_000_000_000_000), (60_000, Int.max)] {
            let batch = PerpetualBatch(shape: shape, recording: PerpetualRecording(iterations: n, shape: shape))
            let joint = try #require(ReaderPairCount.make(targets: outcomes.map(\.target), claimable: Array(outcomes.indices), batch: batch))
            let whole = joint.count(0..<n)
            let halves = zip(joint.count(0..<n / 2), joint.count(n / 2..<n)).map { PerpetualEngine.saturatingSum($0, $1) }
            for (slot, index) in joint.states.enumerated() {
                #expect(whole[slot] == (index == initial ? expected : 0))
                #expect(halves[slot] == whole[slot])
            }
            if n == 60_000 {
                // Each half (n^4 / 2 = 6.48e18) still fits: only the sum saturates.
                #expect(joint.count(0..<n / 2)[joint.states.firstIndex(of: initial)!] == n / 2 * n * n * n)
            }
        }
    }
}
