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
    /// own view of the batch), returning the CPU seconds they used together. States a
    /// ``JointCount`` claims are counted together, its pass split into ranges across the
    /// threads; every other state is counted whole by one thread. Splitting changes no count.
    func decode(_ batch: PerpetualBatch, threads: Int, pin: (@Sendable (Int) -> Void)? = nil) -> (result: Result, cpuSeconds: Double) {
        let states = countsOutcomes ? PerpetualTarget.outcomes(of: shape) : []
        // The condition is often exactly one of the states: count it once.
        let sameIndex = condition.isUnsatisfiable ? nil : states.firstIndex { Set($0.target.atoms) == Set(condition.atoms) }
        // Targets: the states, then the condition when it is not one of them.
        let targets = states.map(\.target) + (sameIndex == nil ? [condition] : [])
        let conditionIndex = sameIndex ?? states.count
        // The threads' views share monotonicity checks, position tables and room sums.
        let ordering = ColumnOrdering()
        let main = batch.view(ordering: ordering)
        let setupStart = DecodeClock.threadCPUSeconds()
        let joints = decoding == .linear ? [] : JointCounts.find(targets, batch: main)
        var setupCPU = DecodeClock.threadCPUSeconds() - setupStart
        var claimedBy = [(joint: Int, slot: Int)?](repeating: nil, count: targets.count)
        for (j, joint) in joints.enumerated() {
            for (slot, index) in joint.states.enumerated() { claimedBy[index] = (j, slot) }
        }
        // Jobs: each joint count in ranges (several per thread, so they fill the gaps the
        // single states leave), then the unclaimed targets; the condition is counted properly
        // (not cheap), the other states only fill the histogram.
        enum Job { case range(joint: Int, Range<Int>), target(Int, cheap: Bool) }
        enum Done { case partial([Int]), count(Count) }
        var jobs: [Job] = []
        for (j, joint) in joints.enumerated() {
            let pieces = threads == 1 ? 1 : 4 * threads
            jobs += JointCounts.split(joint.iterations, into: pieces).map { .range(joint: j, $0) }
        }
        jobs += targets.indices.filter { claimedBy[$0] == nil }.map { .target($0, cheap: $0 != conditionIndex) }
        // Most expensive first, by the previous batch's costs (batches of one run are alike):
        // the last job taken then is a short one, and the threads finish together.
        let order = costs.order(jobs.count)
        let spent = UnsafeMutableBufferPointer<Double>.allocate(capacity: jobs.count)
        spent.initialize(repeating: 0)
        defer { spent.deallocate() }
        let (taken, cpuUsed) = Self.parallelMap(jobs.count, threads: threads, { view, slot in
            let index = order[slot]
            let start = DecodeClock.threadCPUSeconds()
            let done: Done
            switch jobs[index] {
            case let .range(j, range): done = .partial(joints[j].count(range))
            case let .target(t, cheap): done = .count(self.count(targets[t], in: view, cheap: cheap))
            }
            spent[index] = DecodeClock.threadCPUSeconds() - start
            return done
        }, views: { batch.view(ordering: ordering) }, pin: pin)
        costs.record(Array(spent))
        var cpu = cpuUsed
        var done = taken
        for slot in order.indices { done[order[slot]] = taken[slot] }
        // Each joint count's ranges added up; the single targets' counts in place.
        var sums = joints.map { [Int](repeating: 0, count: $0.states.count) }
        var counts = [Count?](repeating: nil, count: targets.count)
        for (job, result) in zip(jobs, done) {
            switch (job, result) {
            case let (.range(j, _), .partial(partial)):
                for slot in partial.indices { sums[j][slot] = JointCounts.saturatingAdd(sums[j][slot], partial[slot]) }
            case let (.target(t, _), .count(count)):
                counts[t] = count
            default:
                preconditionFailure("a job's result does not match its kind")
            }
        }
        for (j, joint) in joints.enumerated() {
            for (slot, index) in joint.states.enumerated() {
                counts[index] = Count(instances: sums[j][slot], method: .exact(algorithm: joint.algorithm),
                                      fromObservers: joint.fromObservers[slot])
            }
        }
        var conditionCount = counts[conditionIndex]!
        if !conditionCount.method.isExact, sameIndex != nil {
            // The state's cheap count fell back to the heuristic: count the condition properly.
            let start = DecodeClock.threadCPUSeconds()
            conditionCount = count(condition, in: main)
            setupCPU += DecodeClock.threadCPUSeconds() - start
        }
        cpu += setupCPU
        withExtendedLifetime(main) {}
        let outcomes = states.indices.map { (states[$0].state, counts[$0]!) }
        return (Result(condition: conditionCount, outcomes: outcomes, strayValues: batch.strayValues), cpu)
    }

    /// `body(view, i)` for `i` in `0..<count` on up to `threads` threads (the caller's
    /// included), each with its own `makeView()`; results in index order. `pin(lane)`, when
    /// given, first places each lane's thread (the caller's is lane 0). Returns the CPU
    /// seconds of every lane.
    static func parallelMap<T>(
        _ count: Int, threads: Int, _ body: (PerpetualBatch, Int) -> T,
        views makeView: () -> PerpetualBatch, pin: (@Sendable (Int) -> Void)? = nil
    ) -> ([T], Double) {
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        // Every view lives until every lane is done: views may share caches keyed by the
        // addresses of columns they own.
        let views = (0..<DecodingLanes.width(threads, jobs: count)).map { _ in makeView() }
        pin?(0)
        let cpu = DecodingLanes.run(threads, jobs: count, pin: pin) { lane, i in slots[i] = body(views[lane], i) }
        withExtendedLifetime(views) {}
        return (slots.map { $0! }, cpu.reduce(0, +))
    }
}

/// The decoding's threads: jobs `0..<jobs` shared by the caller (lane 0) and threads started
/// for the other lanes, each taking the next job from a shared counter as it frees up (costs
/// differ: a fixed deal left one thread idle while the other finished).
enum DecodingLanes {
    /// How many lanes `threads` threads give `jobs` jobs.
    static func width(_ threads: Int, jobs: Int) -> Int { max(1, min(threads, jobs)) }

    /// `body(lane, job)` for every job; `pin(lane)` places each started thread (the caller
    /// stays where it is). A thread that cannot start leaves its jobs to the others. Returns
    /// each lane's CPU seconds.
    static func run(
        _ threads: Int, jobs: Int, pin: (@Sendable (Int) -> Void)?, _ body: (Int, Int) -> Void
    ) -> [Double] {
        let width = width(threads, jobs: jobs)
        let next = JobCounter()
        let cpu = UnsafeMutableBufferPointer<Double>.allocate(capacity: width)
        cpu.initialize(repeating: 0)
        defer { cpu.deallocate() }
        withoutActuallyEscaping(body) { body in
            let work = UnsafeSendable({ (lane: Int) in
                if lane > 0 { pin?(lane) }
                let start = DecodeClock.threadCPUSeconds()
                while case let i = next.take(), i < jobs { body(lane, i) }
                cpu[lane] = DecodeClock.threadCPUSeconds() - start
            })
            let started = (1..<width).compactMap { lane in try? startThread { work.value(lane) } }
            work.value(0)
            for thread in started { pthread_join(thread, nil) }
        }
        return Array(cpu)
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
