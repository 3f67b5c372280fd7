import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recovers outcomes from a perpetual recording: how many instances (one iteration per involved
/// thread) satisfy the test's condition, and each possible final state.
public struct PerpetualDecoder: Sendable {
    public let shape: PerpetualShape
    public let condition: PerpetualTarget
    public var decoding: PerpetualDecoding
    /// The linear heuristic's reach, in iterations.
    public var window: Int
    /// Above this many candidate instances, exact enumeration gives way to the heuristic.
    public var budget: Int
    /// Count every final state too, not only the condition.
    public var countsOutcomes: Bool
    /// Each job's CPU time in the last batch decoded: the next batch takes the costly first.
    let costs = JobCosts()

    public init(
        shape: PerpetualShape, decoding: PerpetualDecoding = .automatic,
        window: Int = 4, budget: Int = 50_000_000, countsOutcomes: Bool = true
    ) throws(PerpetualRefusal) {
        self.shape = shape
        self.condition = try PerpetualTarget(condition: shape.program.condition, shape: shape)
        self.decoding = decoding
        self.window = window
        self.budget = budget
        self.countsOutcomes = countsOutcomes
    }

    public struct Count: Hashable, Sendable {
        public var instances: Int
        public var method: PerpetualMethod
        /// Coherence between threads came from observer loads, which may miss some: a lower bound.
        public var fromObservers: Bool
    }

    public struct Result: Sendable {
        public var condition: Count
        /// Each final state perpetual runs can produce, in herd7's order.
        public var outcomes: [(state: FinalState, count: Count)]
        /// Recorded values no store of the run writes (torn or stray values).
        public var strayValues: Int
    }

    public func count(_ target: PerpetualTarget, in recording: PerpetualRecording) -> Count {
        count(target, in: PerpetualBatch(shape: shape, recording: recording))
    }

    func count(_ target: PerpetualTarget, in batch: PerpetualBatch, cheap: Bool = false) -> Count {
        let constraints = PerpetualConstraints(target: target, batch: batch)
        // The other states only fill the histogram: keep their decoding cheap.
        // (`.exact` asked for: every state exact within the budget.)
        let counter = cheap && decoding == .automatic
            ? PerpetualCounter(decoding: decoding, budget: min(budget, batch.iterations), window: 0)
            : PerpetualCounter(decoding: decoding, budget: budget, window: window)
        let (instances, method) = counter.count(constraints)
        return Count(instances: instances, method: method, fromObservers: constraints.usesObservers)
    }

    public func decode(_ recording: PerpetualRecording, threads: Int = 1) -> Result {
        decode(PerpetualBatch(shape: shape, recording: recording, threads: threads), threads: threads).result
    }

    /// Counts the histogram's states and the condition on `threads` threads (each with its
    /// own view of the batch), returning the CPU seconds they used together. Every state is
    /// counted whole by one thread, so splitting changes no count.
    func decode(_ batch: PerpetualBatch, threads: Int, pin: (@Sendable (Int) -> Void)? = nil) -> (result: Result, cpuSeconds: Double) {
        let states = countsOutcomes ? PerpetualTarget.outcomes(of: shape) : []
        // The condition is often exactly one of the states: count it once.
        let sameIndex = condition.isUnsatisfiable ? nil : states.firstIndex { Set($0.target.atoms) == Set(condition.atoms) }
        // The condition's own count (not cheap, so possibly the longest) goes first: threads
        // take jobs in order, and a long job taken last would leave the other thread idle.
        var jobs: [(target: PerpetualTarget, cheap: Bool)] = sameIndex == nil ? [(condition, false)] : []
        let first = jobs.count
        jobs += states.map { ($0.target, true) }
        // The threads' views share monotonicity checks, position tables and room sums.
        let ordering = ColumnOrdering()
        // Most expensive first, by the previous batch's costs (batches of one run are alike):
        // the last job taken then is a short one, and the threads finish together.
        let order = costs.order(jobs.count)
        let spent = UnsafeMutableBufferPointer<Double>.allocate(capacity: jobs.count)
        spent.initialize(repeating: 0)
        defer { spent.deallocate() }
        let (taken, cpuUsed) = Self.parallelMap(jobs.count, threads: threads, { views, slot in
            let index = order[slot]
            let start = DecodeClock.threadCPUSeconds()
            let count = self.count(jobs[index].target, in: views, cheap: jobs[index].cheap)
            spent[index] = DecodeClock.threadCPUSeconds() - start
            return count
        }, views: { batch.view(ordering: ordering) }, pin: pin)
        costs.record(Array(spent))
        var cpu = cpuUsed
        var counts = taken
        for slot in order.indices { counts[order[slot]] = taken[slot] }
        var conditionCount = sameIndex.map { counts[first + $0] } ?? counts[0]
        if !conditionCount.method.isExact, sameIndex != nil {
            // The state's cheap count fell back to the heuristic: count the condition properly.
            let start = DecodeClock.threadCPUSeconds()
            conditionCount = count(condition, in: batch)
            cpu += DecodeClock.threadCPUSeconds() - start
        }
        let outcomes = states.indices.map { (states[$0].state, counts[first + $0]) }
        return (Result(condition: conditionCount, outcomes: outcomes, strayValues: batch.strayValues), cpu)
    }

    /// `body(view, i)` for `i` in `0..<count` on up to `threads` threads (the caller's
    /// included), each with its own `makeView()`; results in index order. Jobs are taken in
    /// index order from a shared counter as threads free up (costs differ: a fixed deal left
    /// one thread idle while the other finished). `pin(lane)`, when given, first places each
    /// lane's thread (the caller's is lane 0).
    static func parallelMap<T>(
        _ count: Int, threads: Int, _ body: @escaping (PerpetualBatch, Int) -> T,
        views makeView: () -> PerpetualBatch, pin: (@Sendable (Int) -> Void)? = nil
    ) -> ([T], Double) {
        let width = max(1, min(threads, count))
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        let cpu = UnsafeMutableBufferPointer<Double>.allocate(capacity: width)
        cpu.initialize(repeating: 0)
        defer { slots.deallocate(); cpu.deallocate() }
        let next = JobCounter()
        let work = { (lane: Int, view: PerpetualBatch) in
            pin?(lane)
            let start = DecodeClock.threadCPUSeconds()
            while case let i = next.take(), i < count { slots[i] = body(view, i) }
            cpu[lane] = DecodeClock.threadCPUSeconds() - start
        }
        // Every view lives until every lane is done: views may share caches keyed by the
        // addresses of columns they own.
        let views = (0..<width).map { _ in makeView() }
        let shared = UnsafeSendable((work, views))
        var started: [pthread_t] = []
        for lane in 1..<width {
            // A thread that cannot start leaves its lane to the caller.
            if let thread = try? startThread({ shared.value.0(lane, shared.value.1[lane]) }) {
                started.append(thread)
            } else {
                work(lane, views[lane])
            }
        }
        work(0, views[0])
        for thread in started { pthread_join(thread, nil) }
        withExtendedLifetime(views) {}
        return (slots.map { $0! }, cpu.reduce(0, +))
    }
}

/// Hands out job indices 0, 1, 2, ... to the decoding threads, one at a time.
final class JobCounter: @unchecked Sendable {
    private var next = 0
    private let lock = ThreadLock()

    func take() -> Int {
        lock.withLock {
            next += 1
            return next - 1
        }
    }
}

/// The CPU seconds each decoding job took last time, shared by copies of a decoder.
final class JobCosts: @unchecked Sendable {
    private var last: [Double] = []
    private let lock = ThreadLock()

    /// Job indices, costliest first by the last record (index order without one).
    func order(_ count: Int) -> [Int] {
        lock.withLock {
            guard last.count == count else { return Array(0..<count) }
            return (0..<count).sorted { (last[$0], $1) > (last[$1], $0) }
        }
    }

    func record(_ seconds: [Double]) {
        lock.withLock { last = seconds }
    }
}

/// Lets a value the caller keeps alive (and joins on) cross into a decoding thread.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Per-thread CPU time: on a loaded machine it measures the work, wall time the waiting.
enum DecodeClock {
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
