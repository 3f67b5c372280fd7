import Barriers
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The perpetual engine: runs a ``PerpetualShape`` in batches and decodes them. One pinned
/// worker per CPU runs its threads' bodies for a whole
/// batch without waiting for anyone (threads meet only at the batch start), every store
/// writes its sequence value, every load is recorded; then the batch is decoded.
///
/// Locations are reset to 0 between batches, so instances never span two batches.
public struct PerpetualEngine: Sendable {
    public var pinning: any ThreadPinning
    public var decoding: PerpetualDecoding
    /// The linear heuristic's reach, in iterations.
    public var window: Int
    /// Threads that decode a batch once its test threads have stopped; nil: one per CPU of the run.
    public var decodeThreads: Int?
    /// Decode each batch while the next one runs, on CPUs no test thread uses, when there are
    /// any (``streamingCPUs(available:workerCPUs:)``).
    public var streaming = true

    public init(
        pinning: any ThreadPinning = SystemThreadPinning(), decoding: PerpetualDecoding = .automatic, window: Int = 4,
        decodeThreads: Int? = nil
    ) {
        self.pinning = pinning
        self.decoding = decoding
        self.window = window
        self.decodeThreads = decodeThreads
    }

    public static let defaultBatchSize = 1 << 20

    /// What a perpetual run found, summed over its batches.
    public struct Run: Sendable {
        /// Iterations each thread ran (batches completed).
        public var iterations: Int
        public var condition: PerpetualDecoder.Count
        /// Instances of each decodable final state.
        public var outcomes: [FinalState: Int]
        /// States whose counts came from the linear heuristic in some batch (lower bounds).
        public var heuristicStates: Set<FinalState>
        public var strayValues: Int
        /// Wall time of the free-running batches alone, and of decoding them.
        public var runSeconds: Double
        public var decodeSeconds: Double
        /// CPU time the decoding threads spent (on a loaded machine much less than `decodeSeconds`).
        public var decodeCPUSeconds: Double = 0
        /// CPU time the test threads spent running: decoding keeps up when `decodeCPUSeconds`
        /// stays below it (both measured in-process, repeatable on a loaded machine).
        public var runCPUSeconds: Double = 0
        /// Threads that decoded each batch.
        public var decodeThreads: Int = 1
        /// How much of the writers' batches the readers of their locations were reading
        /// through (``PerpetualBatch/overlap``), summed over batches: 0 when the threads ran
        /// one after the other. Nil when no load can read another thread's write.
        public var overlap: Overlap?
        /// CPUs that decoded batches while the next ones ran; empty: streaming was off (no
        /// CPU free of test threads), each batch decoded after its run.
        public var streamingCPUs: [Int] = []
        /// Batches run.
        public var batches = 0
        /// How the first batch counted the histogram's states: method -> number of states.
        public var stateMethods: [PerpetualMethod: Int] = [:]
        /// States whose total no longer fits an `Int` (kept at `Int.max`: lower bounds).
        public var saturatedStates: Set<FinalState> = []
        public var interrupted: Bool
        public var pinned: Bool
    }

    /// Runs `shape` for `iterations` per thread in batches of `batchSize` on `cpus` (one worker
    /// per CPU, threads dealt round-robin). `shouldStop` is polled between batches.
    public func run(
        _ shape: PerpetualShape, iterations: Int, batchSize: Int = PerpetualEngine.defaultBatchSize,
        cpus: [Int], placement: [[Int]]? = nil, countsOutcomes: Bool = true,
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws(HarnessError) -> Run {
        guard iterations > 0, batchSize > 0 else { throw .invalidParameter("iterations and batch size must be positive") }
        _ = Self.keepLargeAllocations
        let decoder: PerpetualDecoder
        do {
            decoder = try PerpetualDecoder(shape: shape, decoding: decoding, window: window, countsOutcomes: countsOutcomes)
        } catch {
            throw .invalidParameter(error.description)
        }
        guard !cpus.isEmpty else { throw .invalidParameter("the CPU list is empty") }
        let placement = placement ?? Self.placement(for: shape, workers: min(shape.threadCount, cpus.count))
        let workers = placement.count
        let batch = min(batchSize, iterations)
        let memory = PerpetualMemory(shape: shape, batchSize: batch, placement: placement)

        var total = Run(iterations: 0, condition: .init(instances: 0, method: .exact(algorithm: "none"), fromObservers: false),
                        outcomes: [:], heuristicStates: [], strayValues: 0, runSeconds: 0, decodeSeconds: 0,
                        interrupted: false, pinned: true)
        // The first batch's method, unless some batch fell back to the heuristic (constant
        // memory however many batches run).
        var firstMethod: PerpetualMethod?, inexactMethod: PerpetualMethod?
        let clock = ContinuousClock()
        let decodeThreads = max(1, self.decodeThreads ?? cpus.count)
        total.decodeThreads = decodeThreads
        // Streaming: while a batch runs, the previous one is decoded on CPUs no test thread
        // uses, from a second set of buffers. Without such a CPU it would slow the test
        // threads down, so each batch is then decoded after its run, on every CPU of the run.
        let spare = streaming && iterations > batch
            ? Self.streamingCPUs(available: pinning.availableCPUs(), workerCPUs: (0..<workers).map { cpus[$0 % cpus.count] })
            : []
        total.streamingCPUs = spare
        let memories = spare.isEmpty ? [memory] : [memory, PerpetualMemory(shape: shape, batchSize: batch, placement: placement)]
        // The test threads, started and pinned once for every batch.
        let crew = try PerpetualWorkers(cpus: (0..<workers).map { cpus[$0 % cpus.count] }, pinning: pinning)
        defer { crew.stop() }
        var pending: (memory: PerpetualMemory, n: Int)?
        var ran = 0, index = 0
        while ran < iterations {
            if shouldStop() { total.interrupted = true; break }
            let n = min(batch, iterations - ran)
            let current = memories[index % memories.count]
            current.reset()
            let start = clock.now
            crew.begin { w, pinned in current.work(worker: w, iterations: n, pinned: pinned) }
            // Meanwhile the previous batch is decoded on the spare CPUs.
            let streamed: Decoding.Pending?
            do {
                streamed = try pending.map { previous throws(HarnessError) in
                    try Decoding.start(decoder, shape, previous.memory, previous.n, threads: spare.count, pinning: pinning, cpus: spare)
                }
            } catch {
                _ = crew.finish()
                throw error
            }
            let workerCPU = crew.finish()
            total.runSeconds += seconds(clock.now - start)
            total.runCPUSeconds += workerCPU.reduce(0, +)
            if let streamed { absorb(streamed.finish(), into: &total, &firstMethod, &inexactMethod) }
            ran += n
            index += 1
            pending = (current, n)
            if spare.isEmpty {
                // The test threads have stopped: decoding may use every CPU of the run.
                absorb(Decoding.now(decoder, shape, current, n, threads: decodeThreads), into: &total, &firstMethod, &inexactMethod)
                pending = nil
            }
        }
        if let last = pending {
            absorb(Decoding.now(decoder, shape, last.memory, last.n, threads: decodeThreads), into: &total, &firstMethod, &inexactMethod)
        }
        total.pinned = memories.allSatisfy(\.allPinned)
        // Threads sharing one CPU take turns: whatever their reads show, they never raced.
        if workers == 1, let overlap = total.overlap { total.overlap = Overlap(measured: overlap.measured, overlapped: 0) }
        total.batches = index
        total.condition.method = inexactMethod ?? firstMethod ?? .exact(algorithm: "none")
        return total
    }

    /// Adds one decoded batch to the run's totals.
    private func absorb(
        _ decoded: Decoding.Outcome, into total: inout Run, _ firstMethod: inout PerpetualMethod?, _ inexactMethod: inout PerpetualMethod?
    ) {
        let result = decoded.result
        total.decodeSeconds += decoded.wallSeconds
        total.decodeCPUSeconds += decoded.cpuSeconds
        total.iterations += decoded.iterations
        total.condition.instances = Self.saturatingSum(total.condition.instances, result.condition.instances)
        if decoded.overlap.measured > 0 {
            var overlap = total.overlap ?? Overlap(measured: 0, overlapped: 0)
            overlap.measured += decoded.overlap.measured
            overlap.overlapped += decoded.overlap.overlapped
            total.overlap = overlap
        }
        total.condition.fromObservers = total.condition.fromObservers || result.condition.fromObservers
        firstMethod = firstMethod ?? result.condition.method
        if inexactMethod == nil && !result.condition.method.isExact { inexactMethod = result.condition.method }
        if total.stateMethods.isEmpty {
            for (_, count) in result.outcomes { total.stateMethods[count.method, default: 0] += 1 }
        }
        for (state, count) in result.outcomes {
            let sum = Self.saturatingSum(total.outcomes[state, default: 0], count.instances)
            if sum == .max { total.saturatedStates.insert(state) }
            total.outcomes[state] = sum
            if !count.method.isExact { total.heuristicStates.insert(state) }
        }
        total.strayValues += result.strayValues
    }

    /// The CPUs a batch can be decoded on while the next one runs without taking a CPU from
    /// a test thread: those available to the process that no worker is pinned to. Empty
    /// (streaming off) when the workers use every CPU, as on a 2-CPU machine.
    public static func streamingCPUs(available: [Int], workerCPUs: [Int]) -> [Int] {
        let busy = Set(workerCPUs)
        return available.filter { !busy.contains($0) }
    }

    /// Instance counts grow like N^threads per batch (IRIW's reach 10^17 per million
    /// iterations): past `Int.max` a total stays there instead of trapping.
    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// Threads dealt to `workers` CPUs. When threads must share a CPU, a thread that writes a
    /// location is kept away from the threads that read it: on one CPU a load sees the other
    /// thread's store early (store forwarding), which would turn IRIW into a different test.
    public static func placement(for shape: PerpetualShape, workers: Int) -> [[Int]] {
        let threads = shape.threadCount
        let roundRobin = (0..<workers).map { w in Array(stride(from: w, to: threads, by: workers)) }
        guard workers < threads, workers > 0 else { return roundRobin }
        var writes = Array(repeating: Set<Int>(), count: threads), reads = writes
        for sites in shape.storeSites { for site in sites { writes[site.thread].insert(site.location) } }
        for load in shape.loadSites where load.register != nil { reads[load.thread].insert(load.location) }
        func conflicts(_ groups: [[Int]]) -> Int {
            var total = 0
            for group in groups {
                for a in group { for b in group where a != b { total += writes[a].intersection(reads[b]).count } }
            }
            return total
        }
        var best = roundRobin, bestScore = conflicts(roundRobin)
        let capacity = (threads + workers - 1) / workers
        let assignments = Int(pow(Double(workers), Double(threads)))
        guard bestScore > 0, assignments <= 1 << 16 else { return roundRobin }
        for code in 0..<assignments {
            var groups = Array(repeating: [Int](), count: workers)
            var rest = code
            for t in 0..<threads { groups[rest % workers].append(t); rest /= workers }
            guard groups.allSatisfy({ !$0.isEmpty && $0.count <= capacity }) else { continue }
            let score = conflicts(groups)
            if score < bestScore { best = groups; bestScore = score }
        }
        return best.sorted { $0[0] < $1[0] }
    }

    /// Decoding allocates and frees arrays of a batch's size for every state. glibc maps and
    /// unmaps such blocks and the kernel zeroes them again each time: page faults took more
    /// CPU than the decoding itself. Keep them in the heap for reuse (mallopt, via dlsym since
    /// Swift's Glibc module leaves malloc.h out).
    private static let keepLargeAllocations: Void = {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        _ = mallopt(mmapThreshold, 1 << 30)
        _ = mallopt(trimThreshold, Int32.max)
        // The decoding threads too: a thread's own arena returns its emptied heaps to the
        // kernel, and every batch faulted ~76 MB of fresh zeroed pages back in (IRIW).
        // Their allocations are few and large, so sharing one arena costs no contention.
        _ = mallopt(arenaMax, 1)
        #endif
    }()

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
