import Testing
@testable import Harness
@testable import Litmus

/// What decoding a batch notes on the way (derived site columns, which columns never
/// decrease, position tables shared by a column and its successor) equals what the columns
/// themselves say.
@Suite struct PerpetualBatchColumnsTests {
    static let shapes = PerpetualDecoderTests.singleWriterShapes + PerpetualDecoderTests.multiWriterShapes

    /// A TSO recording of `name`, with a stray value in its first reader's first record or not.
    private func batch(_ name: String, stray: Bool, seed: UInt64) throws -> (PerpetualShape, PerpetualRecording, PerpetualBatch) {
        let shape = try PerpetualShape(program: PerpetualFixtures.named(name))
        var (recording, _) = TSOSimulator(shape: shape, generator: SplitMix(seed: seed)).run(iterations: 60)
        if stray, let reader = recording.records.firstIndex(where: { !$0.isEmpty }) { recording.records[reader][0] = 1_000_000 }
        return (shape, recording, PerpetualBatch(shape: shape, recording: recording))
    }

    @Test("a site column (derived for one store site) names the store site each value came from", arguments: shapes)
    func siteColumns(name: String) throws {
        for (stray, seed) in [(false, UInt64(3)), (true, 4)] {
            let (shape, recording, batch) = try batch(name, stray: stray, seed: seed)
            let n = recording.iterations
            for (index, load) in shape.loadSites.enumerated() {
                let stride = shape.storeSites[load.location].count
                let width = shape.recordsPerIteration[load.thread]
                let expected = (0..<n).map { k -> Int in
                    let value = recording.records[load.thread][k * width + load.slot]
                    if value == 0 { return PerpetualBatch.initial }
                    guard value > 0, stride > 0, (value - 1) / stride < n else { return PerpetualBatch.unknown }
                    return (value - 1) % stride
                }
                #expect(batch.sites[index] == expected, "\(name) load \(index)")
            }
        }
    }

    @Test("the orderings' noted facts and shared position tables equal a scan and a table per column", arguments: shapes)
    func notedFacts(name: String) throws {
        for (stray, seed) in [(false, UInt64(5)), (true, 6)] {
            let (_, recording, batch) = try batch(name, stray: stray, seed: seed)
            let n = recording.iterations
            let ordering = ColumnOrdering()
            let view = batch.view(ordering: ordering)
            // Either column of a pair asked for first.
            let pairs = stray ? view.writeIterations + view.nextIterations : view.nextIterations + view.writeIterations
            for column in pairs + [view.identityColumn] where column.count == n {
                let scanned = zip(column, column.dropFirst()).allSatisfy { $0 <= $1 }
                let base = Chain.base(column)
                #expect(ordering.isNonDecreasing(base, count: n) == scanned, "\(name) \(column)")
                guard scanned else { continue }
                let own = try #require(Positions.build(base, count: n))
                defer { own.deallocate() }
                let shared = try #require(ordering.positions(base, count: n))
                #expect((0...(n + 1)).allSatisfy { shared[$0] == own[$0] }, "\(name) \(column)")
            }
            withExtendedLifetime(view) {}
        }
    }
    @Test("several store sites: every value names its site and iteration (strides 2 to 5), strays counted",
          arguments: [2, 3, 4, 5])
    func severalStoreSites(writers: Int) throws {
        // `writers` threads store distinct constants to x, one more thread reads it.
        let threads: [[T]] = (0..<writers).map { [.store("x", $0 + 1)] } + [[.load("r0", "x")]]
        let shape = try PerpetualShape(program: PerpetualFixtures.program("W\(writers)", threads, exists: [("\(writers):r0", 1)]))
        let load = try #require(shape.loadSites.first { $0.register != nil })
        let index = try #require(shape.loadSites.firstIndex(of: load))
        let stride = shape.storeSites[load.location].count
        #expect(stride == writers)
        let n = 300
        var rng = SplitMix(seed: UInt64(writers))
        var recording = PerpetualRecording(iterations: n, shape: shape)
        let width = shape.recordsPerIteration[load.thread]
        for k in 0..<n {
            recording.records[load.thread][k * width + load.slot] = Int.random(in: -3...(stride * n + 5), using: &rng)
        }
        let batch = PerpetualBatch(shape: shape, recording: recording, threads: 2)
        var strays = 0
        for k in 0..<n {
            let value = recording.records[load.thread][k * width + load.slot]
            let written = value > 0 && (value - 1) / stride < n
            #expect(batch.sites[index][k] == (written ? (value - 1) % stride : value == 0 ? PerpetualBatch.initial : PerpetualBatch.unknown))
            #expect(batch.writeIterations[index][k] == (written ? (value - 1) / stride : 0))
            if !written && value != 0 { strays += 1 }
        }
        #expect(batch.strayValues == strays)
    }
}
