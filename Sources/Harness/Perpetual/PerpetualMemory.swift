import Barriers
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared locations (each on its own cache line), the record buffers and the workers'
/// compiled operations of one perpetual run.
final class PerpetualMemory: @unchecked Sendable {
    static let wordsPerLine = 16  // 128 bytes: a line and its prefetch buddy

    private let shape: PerpetualShape
    private let locations: UnsafeMutablePointer<Int>
    private let records: [UnsafeMutablePointer<Int>]
    private let capacity: Int
    private let ops: [UnsafeMutablePointer<PerpetualOp>]
    private let opCounts: [Int]
    /// Start-of-batch meeting point: workers arrive, then go when all have.
    private let arrivals: UnsafeMutablePointer<Int>
    private let workers: Int
    private var pinnedFlags: [Bool]

    init(shape: PerpetualShape, batchSize: Int, placement: [[Int]]) {
        self.shape = shape
        capacity = batchSize
        workers = placement.count
        let lines = max(1, shape.storeSites.count)
        locations = .allocate(capacity: lines * Self.wordsPerLine)
        locations.initialize(repeating: 0, count: lines * Self.wordsPerLine)
        records = shape.recordsPerIteration.map { width in
            let buffer = UnsafeMutablePointer<Int>.allocate(capacity: max(1, width * batchSize))
            buffer.initialize(repeating: 0, count: max(1, width * batchSize))
            return buffer
        }
        arrivals = .allocate(capacity: Self.wordsPerLine)
        arrivals.initialize(repeating: 0, count: Self.wordsPerLine)
        pinnedFlags = Array(repeating: false, count: placement.count)
        var compiled: [UnsafeMutablePointer<PerpetualOp>] = []
        var counts: [Int] = []
        for threads in placement {
            var list: [PerpetualOp] = []
            for (position, t) in threads.enumerated() {
                if position > 0 {
                    // Threads sharing a CPU: a full barrier between them, as a context switch
                    // would put, so one never reads the other's stores out of its store buffer.
                    list.append(PerpetualOp(code: .fence, location: locations, record: records[t], barrier: .smpMB))
                }
                for op in shape.operations[t] {
                    list.append(Self.compile(op, thread: t, shape: shape, locations: locations, records: records))
                }
            }
            if threads.count > 1 {  // and between the last thread and the first of the next iteration
                list.append(PerpetualOp(code: .fence, location: locations, record: records[threads[0]], barrier: .smpMB))
            }
            let buffer = UnsafeMutablePointer<PerpetualOp>.allocate(capacity: max(1, list.count))
            buffer.initialize(from: list, count: list.count)
            compiled.append(buffer)
            counts.append(list.count)
        }
        ops = compiled
        opCounts = counts
    }

    private static func compile(
        _ op: PerpetualShape.Operation, thread: Int, shape: PerpetualShape,
        locations: UnsafeMutablePointer<Int>, records: [UnsafeMutablePointer<Int>]
    ) -> PerpetualOp {
        let width = shape.recordsPerIteration[thread]
        switch op {
        case let .load(location, annotation, slot):
            return PerpetualOp(code: annotation == .acquire ? .loadAcquire : .loadOnce,
                               location: locations + location * wordsPerLine, record: records[thread] + slot, width: width)
        case let .store(location, annotation, stride, offset):
            return PerpetualOp(code: annotation == .release ? .storeRelease : .storeOnce,
                               location: locations + location * wordsPerLine, record: records[thread],
                               stride: stride, offset: offset)
        case let .fence(kind):
            // PerpetualShape refuses the fences without a barrier (grace periods).
            return PerpetualOp(code: .fence, location: locations, record: records[thread], barrier: HardwareFence(kind)!)
        }
    }

    deinit {
        locations.deallocate()
        records.forEach { $0.deallocate() }
        ops.forEach { $0.deallocate() }
        arrivals.deallocate()
    }

    /// Back to the initial state; called with no worker running.
    func reset() {
        for index in 0..<shape.storeSites.count { locations[index * Self.wordsPerLine] = 0 }
        arrivals.pointee = 0
    }

    var allPinned: Bool { pinnedFlags.allSatisfy { $0 } }

    /// One worker's batch: meet the others, then run freely.
    func work(worker: Int, iterations: Int, pinned: Bool) {
        pinnedFlags[worker] = pinned
        _ = atomic_fetch_add(arrivals, 1, .full)
        var spins = 0
        while READ_ONCE(arrivals) < workers {
            spins += 1
            if spins > 10_000 { sched_yield(); spins = 0 }  // a descheduled peer: do not burn its CPU
        }
        runPerpetual(ops[worker], count: opCounts[worker], iterations: iterations)
    }

    /// Lends `thread`'s records of the batch to the decoder, in place (no copy); called with
    /// no worker running.
    func withRecords(thread t: Int, iterations: Int, _ body: (UnsafeBufferPointer<Int>) -> Void) {
        body(UnsafeBufferPointer(start: records[t], count: shape.recordsPerIteration[t] * iterations))
    }
}
