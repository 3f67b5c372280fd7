import Testing
@testable import Harness
import Litmus

/// ``TwoThreadCount``: the states of two-thread tests counted in one pass, against the
/// per-state path and brute force, whole and split into ranges.
@Suite struct TwoThreadCountTests {
    static let twoThreadShapes = ["SB", "SB+mb+mb", "MP", "LB", "R", "S", "2+2W"]

    /// Every state's target, in the histogram's order.
    static func targets(_ shape: PerpetualShape) -> [PerpetualTarget] {
        PerpetualTarget.outcomes(of: shape).map(\.target)
    }

    @Test("on coherent recordings every state is claimed, and equals the per-state path and brute force",
          arguments: twoThreadShapes)
    func claimsEveryStateAndAgrees(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        let decoder = try PerpetualDecoder(shape: shape)
        let targets = Self.targets(shape)
        for seed in 1...3 as ClosedRange<UInt64> {
            // The last seed spans several blocks (and cuts inside them).
            let n = seed == 3 ? 2 * TwoThreadCount.block + 300 : 200
            var (recording, coherence) = TSOSimulator(shape: shape, generator: SplitMix(seed: seed)).run(iterations: n)
            if !shape.observedLocations.isEmpty {
                recording = PerpetualDecoderTests.withFullObservers(recording, coherence, shape)
            }
            let batch = PerpetualBatch(shape: shape, recording: recording)
            let satisfiable = targets.indices.filter { !PerpetualConstraints(target: targets[$0], batch: batch).unsatisfiable }
            let sweeps = satisfiable.filter { TwoThreadCount.needsSweep(PerpetualConstraints(target: targets[$0], batch: batch)) }
            guard let joint = TwoThreadCount.make(targets: targets, claimable: Array(targets.indices), batch: batch) else {
                // Left to the per-state chains only when no state needs a sweep.
                #expect(sweeps.isEmpty, "\(name)")
                continue
            }
            // Every satisfiable state ties the test's two threads.
            #expect(Set(joint.states) == Set(satisfiable), "\(name)")
            let whole = joint.count(0..<batch.iterations)
            // Ranges of any size add up to the whole.
            let cuts = [0, 1, 37, 99, 100, 150, n - 1000, n - 3, batch.iterations].filter { $0 >= 0 }.sorted()
            var pieces = [Int](repeating: 0, count: whole.count)
            for (lo, hi) in zip(cuts, cuts.dropFirst()) {
                for (slot, part) in joint.count(lo..<hi).enumerated() { pieces[slot] += part }
            }
            #expect(pieces == whole)
            // Brute force is quadratic: only for the small batches.
            let truth = n <= 200 ? BruteForce(shape: shape, recording: recording, coherence: coherence) : nil
            for (slot, index) in joint.states.enumerated() {
                let single = decoder.count(targets[index], in: batch)
                #expect(single.method.isExact)
                #expect(whole[slot] == single.instances, "\(name) state \(index) seed \(seed)")
                if let truth, shape.observedLocations.isEmpty {
                    #expect(whole[slot] == truth.count(targets[index], threads: 2), "\(name) state \(index) seed \(seed)")
                }
                #expect(joint.fromObservers[slot] == single.fromObservers)
            }
        }
    }

    @Test("random (incoherent) recordings: what is claimed is exact, and decoding equals brute force",
          arguments: twoThreadShapes)
    func incoherentRecordingsStayExact(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        let decoder = try PerpetualDecoder(shape: shape, decoding: .exact)
        let targets = Self.targets(shape)
        for seed in 1...4 as ClosedRange<UInt64> {
            let stray = seed > 2
            var recording = randomRecording(shape, iterations: 50, seed: seed, spread: 6)
            // A stray value and a value past the batch: neither names an iteration.
            if stray, let reader = recording.records.firstIndex(where: { !$0.isEmpty }) {
                recording.records[reader][0] = 1_000_003
                recording.records[reader][recording.records[reader].count - 1] = -5
            }
            let batch = PerpetualBatch(shape: shape, recording: recording)
            if let joint = TwoThreadCount.make(targets: targets, claimable: Array(targets.indices), batch: batch) {
                let whole = joint.count(0..<batch.iterations)
                for (slot, index) in joint.states.enumerated() {
                    #expect(whole[slot] == decoder.count(targets[index], in: batch).instances, "\(name) state \(index) seed \(seed)")
                }
            }
            let truth = BruteForce(shape: shape, recording: recording)
            for threads in [1, 2] {
                for (state, count) in decoder.decode(recording, threads: threads).outcomes {
                    let target = try PerpetualTarget(proposition: PerpetualDecoderTests.proposition(state), shape: shape)
                    if shape.observedLocations.isEmpty && !stray {
                        #expect(count.instances == truth.count(target, threads: 2), "\(name) \(program.render(state)) seed \(seed)")
                    } else {
                        #expect(count.instances == decoder.count(target, in: recording).instances)
                    }
                }
            }
        }
    }

    @Test("random constraint sets between two threads: equal to brute force, or to the per-state path past a block")
    func randomConstraintSets() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        var rng = SplitMix(seed: 33)
        var claimed = 0, wide = 0, blocks = 0
        for trial in 0..<250 {
            let large = trial % 25 == 0
            let n = large ? Int.random(in: TwoThreadCount.block...(3 * TwoThreadCount.block), using: &rng) : Int.random(in: 1...9, using: &rng)
            let batch = PerpetualBatch(shape: shape, recording: PerpetualRecording(iterations: n, shape: shape))
            func column(monotone: Bool, allowMax: Bool) -> [Int] {
                var value = Int.random(in: -3...1, using: &rng)
                return (0..<n).map { _ in
                    value = monotone ? value + Int.random(in: 0...2, using: &rng) : Int.random(in: -2...(n + 1), using: &rng)
                    return allowMax && value > n ? .max : value
                }
            }
            // Several states over threads 0 and 1, each a few equalities and bounds.
            var states: [(index: Int, constraints: PerpetualConstraints)] = []
            for index in 0..<Int.random(in: 1...4, using: &rng) {
                var c = PerpetualConstraints(target: PerpetualTarget(atoms: []), batch: batch)
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    let from = Int.random(in: 0...1, using: &rng)
                    // Mostly monotone columns: the reader's side must be for the state to be claimed.
                    let monotone = Int.random(in: 0..<10, using: &rng) > 0
                    if Int.random(in: 0..<3, using: &rng) == 0 {
                        let target = column(monotone: monotone, allowMax: false).map { $0 >= n ? -1 : max($0, -1) }
                        c.equalities.append(.init(from: from, to: 1 - from, target: target))
                    } else {
                        c.bounds.append(.init(from: from, to: 1 - from, bound: column(monotone: monotone, allowMax: true)))
                    }
                }
                states.append((index, c))
            }
            guard let joint = TwoThreadCount.claim(states, n: n, ordering: ColumnOrdering()) else { continue }
            claimed += 1
            if joint.width > 2 { wide += 1 }
            if n > TwoThreadCount.block { blocks += 1 }
            let whole = joint.count(0..<n)
            let middle = Int.random(in: 0...n, using: &rng)
            let halves = zip(joint.count(0..<middle), joint.count(middle..<n)).map { $0 + $1 }
            #expect(halves == whole, "trial \(trial)")
            for (slot, index) in joint.states.enumerated() {
                let constraints = states[index].constraints
                let expected = large ? PerpetualCounter(decoding: .exact, budget: 1 << 40).count(constraints).count
                    : PerpetualSweepTests.bruteForce(constraints, n: n)
                #expect(whole[slot] == expected, "trial \(trial) state \(index) n \(n)")
            }
        }
        #expect(claimed > 50 && wide > 10 && blocks > 0, "claimed \(claimed), wide \(wide), past a block \(blocks)")
    }

    @Test func tableStatesOfOtherShapesAreNotClaimed() throws {
        // IRIW's and WRC's states tie three or four threads: not this family's.
        for name in ["IRIW", "WRC"] {
            let shape = try PerpetualShape(program: PerpetualFixtures.named(name))
            let (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 2)).run(iterations: 20)
            let batch = PerpetualBatch(shape: shape, recording: recording)
            let targets = Self.targets(shape)
            let joint = TwoThreadCount.make(targets: targets, claimable: Array(targets.indices), batch: batch)
            for index in joint?.states ?? [] {
                #expect(PerpetualConstraints(target: targets[index], batch: batch).threads.count == 2, "\(name) \(index)")
            }
        }
    }

    @Test func decoderReportsTheJointMethodAndSplitsItAcrossThreads() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        let (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 9)).run(iterations: 500)
        let decoder = try PerpetualDecoder(shape: shape)
        let one = decoder.decode(recording, threads: 1)
        let three = decoder.decode(recording, threads: 3)
        for ((_, a), (_, b)) in zip(one.outcomes, three.outcomes) {
            #expect(a == b)
            #expect(a.method == .exact(algorithm: "joint interval pass over two threads, linear"))
        }
        #expect(one.condition == three.condition)
        // Linear decoding asked for: no joint count.
        let linear = try PerpetualDecoder(shape: shape, decoding: .linear).decode(recording)
        #expect(linear.outcomes.allSatisfy { !$0.count.method.description.contains("joint") })
    }

    @Test func rangesSplitTheBatchInOrderWithoutGaps() {
        for (n, pieces) in [(10, 3), (3, 8), (0, 4), (1_000_000, 8)] {
            let ranges = JointCounts.split(n, into: pieces)
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == n)
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
            #expect(n == 0 || ranges.allSatisfy { !$0.isEmpty })
        }
        #expect(JointCounts.saturatingAdd(.max, 1) == .max)
        #expect(JointCounts.saturatingAdd(.max - 1, 1) == .max)
        #expect(JointCounts.saturatingAdd(5, 7) == 12)
    }
}
