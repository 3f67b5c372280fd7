import Barriers
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One variant's synchronised run: the worker protocol (batches, meetings, the leader's
/// review). The inner loop is in `SynchronisedSession+Batch.swift`, counting and merging in
/// `SynchronisedSession+Counting.swift`; the raw memory is ``SessionMemory``'s. The workers'
/// loops make no allocation, take no lock and touch no reference count per iteration.
final class SynchronisedSession: @unchecked Sendable {
    let arena: Arena
    let setup: RunSetup
    let loopBudget: Int
    let patience: Int
    let shouldStop: @Sendable () -> Bool
    let program: Program
    let observations: [ObservationSource]
    let mayHoldAddresses: Bool

    /// The raw memory: code, output rows, synchronisation words, faults (freed in its deinit).
    let memory: SessionMemory
    let registerCounts: [Int]
    /// Thread positions run by each worker.
    let placement: [[Int]]
    let workers: Int
    var sync: SyncWords { memory.sync }
    var arrivalsIndex: Int { workers }
    var commandIndex: Int { workers + 1 }
    var flat: FlatTables { memory.flat }
    /// Written by each worker only, read after all joined.
    var counters: [OutcomeCounter]
    var abandonedCounts: [Int]
    var pinnedFlags: [Bool]
    private(set) var interrupted = false
    var faultPCs: UnsafeMutablePointer<Int> { memory.faultPCs }
    var faultValues: UnsafeMutablePointer<Int> { memory.faultValues }
    /// Leader only: whether some iteration completed, and which threads ever finished one.
    var anyCompleted = false
    private(set) var threadFinished: [Bool]
    /// Leader only: the first batch(es) completed no iteration at all, so the run stopped.
    private(set) var gaveUp = false
    private(set) var iterationsRun = 0
    /// Iterations whose index in the batch has these bits clear are stamped (one in 8).
    static let stampMask = 7
    /// Per worker (written by that worker only): iterations stamped, and those overlapped.
    var overlapTallies: [(measured: Int, overlapped: Int)]

    init(
        program: Program, compiled: CompiledProgram, arena: Arena, setup: RunSetup,
        loopBudget: Int, patience: Int, shouldStop: @escaping @Sendable () -> Bool
    ) {
        self.program = program
        self.arena = arena
        self.setup = setup
        self.loopBudget = loopBudget
        self.patience = patience
        self.shouldStop = shouldStop
        observations = compiled.observations
        mayHoldAddresses = compiled.mayHoldAddresses
        registerCounts = compiled.threads.map(\.registerCount)
        placement = setup.placement  // thread positions (threads are P0…Pn in order)
        workers = placement.count
        memory = SessionMemory(compiled: compiled, program: program, batchSize: setup.batchSize, workers: workers)
        counters = (0..<workers).map { _ in OutcomeCounter(width: compiled.observations.count + 1) }
        abandonedCounts = Array(repeating: 0, count: workers)
        pinnedFlags = Array(repeating: false, count: workers)
        threadFinished = Array(repeating: false, count: program.threads.count)
        overlapTallies = Array(repeating: (0, 0), count: workers)
        for i in 0..<setup.batchSize { resetMemory(iteration: i) }
    }

    deinit { counters.forEach { $0.deallocate() } }

    /// Per thread (position): the first bad address it used, as (op position, value).
    func fault(ofThread t: Int) -> (pc: Int, value: Int)? {
        faultPCs[t] < 0 ? nil : (faultPCs[t], faultValues[t])
    }

    var allPinned: Bool { pinnedFlags.allSatisfy { $0 } }

    /// How often all workers' iterations overlapped in time; nil with a single worker.
    var overlap: Overlap? {
        guard workers > 1 else { return nil }
        return Overlap(
            measured: overlapTallies.reduce(0) { $0 + $1.measured },
            overlapped: overlapTallies.reduce(0) { $0 + $1.overlapped })
    }

    /// Tells workers already started to stop at their next batch (thread start failed).
    func abort() {
        sync.write(commandIndex, -1)
        for _ in 0..<workers { sync.increment(arrivalsIndex) }
    }

    /// A worker's whole life: batches until the leader (worker 0) says stop.
    func work(worker: Int, pinned: Bool) {
        pinnedFlags[worker] = pinned
        let mine = placement[worker]
        let registerCapacity = mine.map { registerCounts[$0] }.max() ?? 1
        let keyWidth = observations.count + 1
        withUnsafeTemporaryAllocation(of: Int.self, capacity: registerCapacity + keyWidth) { scratch in
            let registers = scratch.baseAddress!
            let key = registers + registerCapacity
            var round = 0
            var iteration = 0
            var remaining = setup.iterations
            while true {
                if worker == 0 {
                    let stop = remaining == 0 || gaveUp || shouldStop()
                    if stop && remaining > 0 && !gaveUp { interrupted = true }
                    let size = stop ? 0 : min(setup.batchSize, remaining)
                    remaining -= size
                    sync.write(commandIndex, size)
                }
                meet(&round)
                let size = sync.read(commandIndex)
                if size <= 0 { break }
                runBatch(size: size, worker: worker, threads: mine, registers: registers, iteration: &iteration)
                meet(&round)
                if worker == 0 { review(size: size) }
                let lo = size * worker / workers, hi = size * (worker + 1) / workers
                count(lo..<hi, worker: worker, key: key)
            }
        }
    }

    /// Leader, between a batch and its counting: until one iteration completes, notes which
    /// threads finished one; a whole batch with none completed means none ever will.
    func review(size: Int) {
        iterationsRun += size
        guard !anyCompleted else { return }
        let flat = self.flat
        func status(_ t: Int, _ i: Int) -> Int { flat.outputs[t][i * flat.outputWidths[t] + flat.outputWidths[t] - 1] }
        for t in 0..<flat.threadCount where !threadFinished[t] {
            threadFinished[t] = (0..<size).contains { status(t, $0) == 0 }
        }
        anyCompleted = (0..<size).contains { i in (0..<flat.threadCount).allSatisfy { status($0, i) == 0 } }
        gaveUp = !anyCompleted
    }

    /// All workers wait here until every one arrived: spinning, then yielding the CPU.
    func meet(_ round: inout Int) {
        round += 1
        smp_mb(.full)
        sync.increment(arrivalsIndex)
        let target = round * workers
        var spins = 0
        while sync.read(arrivalsIndex) < target {
            spins += 1
            if spins > 2_000 { sched_yield() } else { cpu_relax() }
        }
        smp_mb(.full)
    }
}
