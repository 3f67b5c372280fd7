import Testing
@testable import Harness
import Litmus

/// The linear sweep with sinks (``SweepCount``), the fused pair loop, the overlap evidence and
/// the saturating totals, each against brute force or a hand-made recording.
@Suite struct PerpetualSweepTests {
    @Test("automatic decoding of coherent recordings: every state exact and equal to brute force",
          arguments: PerpetualDecoderTests.singleWriterShapes + PerpetualDecoderTests.multiWriterShapes)
    func everyStateExactOnCoherentRecordings(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        let decoder = try PerpetualDecoder(shape: shape)  // automatic
        let n = program.threads.count >= 4 ? 11 : program.threads.count == 3 ? 18 : 60
        for seed in 1...3 as ClosedRange<UInt64> {
            var (recording, coherence) = TSOSimulator(shape: shape, generator: SplitMix(seed: seed)).run(iterations: n)
            if !shape.observedLocations.isEmpty {
                recording = PerpetualDecoderTests.withFullObservers(recording, coherence, shape)
            }
            let truth = BruteForce(shape: shape, recording: recording, coherence: coherence)
            for threads in [1, 2] {
                let result = decoder.decode(recording, threads: threads)
                for (state, count) in result.outcomes {
                    let target = try PerpetualTarget(proposition: PerpetualDecoderTests.proposition(state), shape: shape)
                    let expected = truth.count(target, threads: program.threads.count)
                    if name == "SB3" {
                        // Three clusters in a ring: no linear exact method, a lower bound.
                        #expect(count.method.isExact || count.instances <= expected)
                        continue
                    }
                    #expect(count.method.isExact, "\(name) \(program.render(state)): \(count.method)")
                    #expect(count.instances == expected, "\(name) \(program.render(state)) seed \(seed) \(count.method)")
                }
            }
        }
    }

    @Test("a batch's columns decoded on several threads equal those decoded on one",
          arguments: PerpetualDecoderTests.singleWriterShapes + PerpetualDecoderTests.multiWriterShapes)
    func batchDecodedOnSeveralThreads(name: String) throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.named(name))
        var (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 5)).run(iterations: 40)
        let reader = try #require(recording.records.firstIndex { !$0.isEmpty })
        recording.records[reader][0] = 1_000_000  // a stray value: counted once either way
        let one = PerpetualBatch(shape: shape, recording: recording)
        for threads in [2, 3] {
            let many = PerpetualBatch(shape: shape, recording: recording, threads: threads)
            #expect(many.sites == one.sites)
            #expect(many.writeIterations == one.writeIterations)
            #expect(many.nextIterations == one.nextIterations)
            #expect(many.strayValues == one.strayValues)
            #expect(many.overlap == one.overlap)
        }
        #expect(one.helperCPUSeconds == 0)
    }

    @Test func jobsAreTakenCostliestFirstAndCountsStayInPlace() throws {
        let costs = JobCosts()
        #expect(costs.order(3) == [0, 1, 2])
        costs.record([0.1, 0.5, 0.3, 0.5])
        #expect(costs.order(4) == [1, 3, 2, 0])
        #expect(costs.order(3) == [0, 1, 2])  // another decoding's record: no order
        // A second decoding, taking the states in the first one's cost order, counts the same.
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        let (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 4)).run(iterations: 30)
        let decoder = try PerpetualDecoder(shape: shape)
        let first = decoder.decode(recording, threads: 2)
        let second = decoder.decode(recording, threads: 2)
        #expect(first.outcomes.map(\.state) == second.outcomes.map(\.state))
        #expect(first.outcomes.map(\.count) == second.outcomes.map(\.count))
        #expect(first.condition == second.condition)
    }

    @Test func iriwStatesUseTheSweepWithSinks() throws {
        // Writers that only appear as "late enough" are sinks: IRIW's all-initial state has two.
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        let (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 9)).run(iterations: 40)
        let result = try PerpetualDecoder(shape: shape).decode(recording)
        let methods = Set(result.outcomes.map(\.count.method))
        #expect(result.outcomes.count == 16)
        #expect(methods.allSatisfy { $0.isExact })
        #expect(methods.contains(.exact(algorithm: "monotone interval sweep with 2 sink threads weighted, linear")))
    }

    /// Random constraints over `threads` threads with non-decreasing columns (as coherence
    /// makes them), counted by the sweep and by trying every tuple.
    @Test func sweepEqualsBruteForceOnRandomConstraints() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        var rng = SplitMix(seed: 21)
        var swept = 0
        for trial in 0..<300 {
            let n = Int.random(in: 1...7, using: &rng)
            let batch = PerpetualBatch(shape: shape, recording: PerpetualRecording(iterations: n, shape: shape))
            var constraints = PerpetualConstraints(target: PerpetualTarget(atoms: []), batch: batch)
            func column(allowMax: Bool) -> [Int] {
                var value = Int.random(in: -1...1, using: &rng)
                let monotone = Int.random(in: 0..<8, using: &rng) > 0
                return (0..<n).map { _ in
                    value = monotone ? value + Int.random(in: 0...2, using: &rng) : Int.random(in: -1...n, using: &rng)
                    return allowMax && value > n ? .max : min(value, n)
                }
            }
            let threads = Int.random(in: 2...4, using: &rng)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let from = Int.random(in: 0..<threads, using: &rng)
                var to = Int.random(in: 0..<threads, using: &rng)
                if to == from { to = (to + 1) % threads }
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    constraints.equalities.append(.init(from: from, to: to, target: column(allowMax: false).map { $0 >= n ? -1 : $0 }))
                } else {
                    constraints.bounds.append(.init(from: from, to: to, bound: column(allowMax: true)))
                }
            }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                constraints.masks[Int.random(in: 0..<threads, using: &rng)] = (0..<n).map { _ in Bool.random(using: &rng) }
            }
            let layout = Cluster.Layout(constraints)
            guard let sweep = SweepCount(constraints, layout), let count = sweep.count() else { continue }
            swept += 1
            #expect(count == Self.bruteForce(constraints, n: n), "trial \(trial): \(sweep.algorithm)")
        }
        #expect(swept > 100)
    }

    static func bruteForce(_ c: PerpetualConstraints, n: Int) -> Int {
        let threads = c.threads
        var k = [Int: Int]()
        func go(_ depth: Int) -> Int {
            if depth == threads.count {
                for e in c.equalities where k[e.to]! != e.target[k[e.from]!] { return 0 }
                for b in c.bounds where k[b.to]! < b.bound[k[b.from]!] { return 0 }
                for (t, mask) in c.masks where !mask[k[t]!] { return 0 }
                return 1
            }
            var total = 0
            for i in 0..<n { k[threads[depth]] = i; total += go(depth + 1) }
            return total
        }
        return go(0)
    }

    @Test("the galloping search finds the first value at least the threshold from any cursor")
    func gallopingSearch() {
        var rng = SplitMix(seed: 5)
        for _ in 0..<500 {
            let n = Int.random(in: 0...40, using: &rng)
            var value = -2
            let values = (0..<n).map { _ in value += Int.random(in: 0...3, using: &rng) == 0 ? 3 : 0; return value }
            let t = Int.random(in: -3...(3 * n / 4 + 2), using: &rng)
            var cursor = Int.random(in: 0...n, using: &rng)
            let found = values.withUnsafeBufferPointer { SweepTable.firstAtLeast($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, n, t, &cursor) }
            #expect(found == (values.firstIndex { $0 >= t } ?? n))
            #expect(cursor == found)
        }
    }

    @Test("a position table answers every threshold as a linear scan does, in range or not")
    func positionTables() {
        var rng = SplitMix(seed: 11)
        for _ in 0..<300 {
            let n = Int.random(in: 0...40, using: &rng)
            var value = Int.random(in: -4...1, using: &rng)
            var values = (0..<n).map { _ in value += Int.random(in: 0...3, using: &rng) == 0 ? Int.random(in: 1...5, using: &rng) : 0; return value }
            if n > 0 && Bool.random(using: &rng) { values[n - 1] = .max }
            let thresholds = [Int.min, -6, -2, -1, 0, n - 1, n, n + 1, n + 7, .max] + (0..<10).map { _ in Int.random(in: -3...(n + 3), using: &rng) }
            values.withUnsafeBufferPointer { buffer in
                let column = buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                let table = Positions.build(column, count: n)
                defer { table?.deallocate() }
                #expect(table != nil)
                for t in thresholds {
                    var cursor = Int.random(in: 0...n, using: &rng)
                    let found = Positions.firstAtLeast(column, table.map { UnsafePointer($0) }, n, t, &cursor)
                    #expect(found == (values.firstIndex { $0 >= t } ?? n), "n \(n), t \(t), \(values)")
                }
            }
        }
    }

    @Test func threadsThatRanOneAfterTheOtherShowNoOverlap() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        let n = 50
        // P0 ran its whole batch first: it read y's initial value, P1 read P0's last x throughout.
        var sequential = PerpetualRecording(iterations: n, shape: shape)
        for k in 0..<n { sequential.records[1][k] = n }
        let alone = PerpetualBatch(shape: shape, recording: sequential).overlap
        #expect(alone.measured == 2 * (n - 1))
        #expect(alone.overlapped == 0)
        var details = PerpetualDetails(method: .exact(algorithm: "x"), decodeSeconds: 0, fromObservers: false,
                                       observedLocations: [], strayValues: 0)
        details.overlap = alone
        #expect(details.neverOverlapped)
        let (raced, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: 3)).run(iterations: n)
        let together = PerpetualBatch(shape: shape, recording: raced).overlap
        #expect(together.overlapped > 0)
        details.overlap = together
        #expect(!details.neverOverlapped)
    }

    @Test("two readers and two sink writers: n^4 instances, Int.max once that no longer fits")
    func sinkWeightsSaturate() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.iriw)
        for (n, expected) in [(1000, 1_000_000_000_000), (60_000, Int.max)] {
            let batch = PerpetualBatch(shape: shape, recording: PerpetualRecording(iterations: n, shape: shape))
            var constraints = PerpetualConstraints(target: PerpetualTarget(atoms: []), batch: batch)
            let zero = Array(repeating: 0, count: n)
            for (from, to) in [(2, 0), (3, 0), (2, 1), (3, 1)] { constraints.bounds.append(.init(from: from, to: to, bound: zero)) }
            let sweep = try #require(SweepCount(constraints, Cluster.Layout(constraints)))
            #expect(sweep.algorithm == "monotone interval sweep with 2 sink threads weighted, linear")
            #expect(sweep.count() == expected)
        }
    }

    @Test func engineRecordsHowEachStateWasCounted() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        let run = try PerpetualEngine().run(shape, iterations: 20_000, batchSize: 10_000, cpus: SystemThreadPinning().availableCPUs())
        #expect(run.stateMethods.values.reduce(0, +) == 4)
        #expect(run.stateMethods.keys.allSatisfy { $0.isExact })
    }

    @Test func totalsSaturateInsteadOfTrapping() {
        #expect(PerpetualEngine.saturatingSum(.max - 1, 5) == .max)
        #expect(PerpetualEngine.saturatingSum(.max, .max) == .max)
        #expect(PerpetualEngine.saturatingSum(2, 3) == 5)
    }
}
