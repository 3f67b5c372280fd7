import Barriers
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state one variant's worker threads share. Raw memory only: the workers' loops make
/// no allocation, take no lock and touch no reference count per iteration.
final class RunSession: @unchecked Sendable {
    private let arena: Arena
    private let setup: RunSetup
    private let loopBudget: Int
    private let patience: Int
    private let shouldStop: @Sendable () -> Bool
    private let program: Program
    private let observations: [ObservationSource]
    private let mayHoldAddresses: Bool

    /// Per thread (position in the program): code, registers needed, outputs per iteration.
    private let codes: [UnsafeMutablePointer<Op>]
    private let registerCounts: [Int]
    private let outputWidths: [Int]
    /// Per thread: `batchSize` rows of its observed registers then its ``IterationStatus``.
    private let outputs: [UnsafeMutablePointer<Int>]
    /// Thread positions run by each worker.
    private let placement: [[Int]]
    private let workers: Int
    /// Progress counters (one per worker), then the batch arrivals, then the batch command.
    private let sync: SyncWords
    private var arrivalsIndex: Int { workers }
    private var commandIndex: Int { workers + 1 }
    /// Flat copies of the above for the hot loops.
    private let flat: FlatTables
    /// Written by each worker only, read after all joined.
    private var counters: [OutcomeCounter]
    private var abandonedCounts: [Int]
    private var pinnedFlags: [Bool]
    private(set) var interrupted = false
    /// Per thread: the first bad address met (op position, value used), -1 while none.
    private let faultPCs: UnsafeMutablePointer<Int>
    private let faultValues: UnsafeMutablePointer<Int>
    /// Leader only: whether some iteration completed, and which threads ever finished one.
    private var anyCompleted = false
    private(set) var threadFinished: [Bool]
    /// Leader only: the first batch(es) completed no iteration at all, so the run stopped.
    private(set) var gaveUp = false
    private(set) var iterationsRun = 0
    /// Per worker, per iteration of the batch: the cycle counter at the start and end of its
    /// iteration (all its threads), to tell whether the workers' iterations overlapped in time.
    private let stamps: UnsafeMutablePointer<UInt64>
    /// Per worker (written by that worker only): iterations counted, and those overlapped.
    private var overlapTallies: [(measured: Int, overlapped: Int)]

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
        codes = compiled.threads.map { thread in
            let code = UnsafeMutablePointer<Op>.allocate(capacity: thread.code.count)
            code.initialize(from: thread.code, count: thread.code.count)
            return code
        }
        registerCounts = compiled.threads.map(\.registerCount)
        outputWidths = compiled.threads.map { $0.outputs.count + 1 }
        outputs = outputWidths.map { width in
            let buffer = UnsafeMutablePointer<Int>.allocate(capacity: width * setup.batchSize)
            buffer.initialize(repeating: 0, count: width * setup.batchSize)
            return buffer
        }
        let positions = Dictionary(uniqueKeysWithValues: program.threads.enumerated().map { ($1.index, $0) })
        placement = setup.placement.map { $0.map { positions[$0]! } }
        workers = placement.count
        sync = SyncWords(count: workers + 2)
        counters = (0..<workers).map { _ in OutcomeCounter(width: compiled.observations.count + 1) }
        abandonedCounts = Array(repeating: 0, count: workers)
        flat = FlatTables(
            codes: codes, registerCounts: registerCounts, outputWidths: outputWidths, outputs: outputs,
            observations: compiled.observations, variables: program.variables)
        pinnedFlags = Array(repeating: false, count: workers)
        faultPCs = .allocate(capacity: program.threads.count)
        faultPCs.initialize(repeating: -1, count: program.threads.count)
        faultValues = .allocate(capacity: program.threads.count)
        faultValues.initialize(repeating: 0, count: program.threads.count)
        threadFinished = Array(repeating: false, count: program.threads.count)
        stamps = .allocate(capacity: workers * setup.batchSize * 2)
        stamps.initialize(repeating: 0, count: workers * setup.batchSize * 2)
        overlapTallies = Array(repeating: (0, 0), count: workers)
        for i in 0..<setup.batchSize { resetMemory(iteration: i) }
    }

    func deallocate() {
        codes.forEach { $0.deallocate() }
        outputs.forEach { $0.deallocate() }
        counters.forEach { $0.deallocate() }
        flat.deallocate()
        sync.deallocate()
        faultPCs.deallocate()
        faultValues.deallocate()
        stamps.deallocate()
    }

    /// How often all workers' iterations overlapped in time; nil with a single worker.
    var overlap: Overlap? {
        guard workers > 1 else { return nil }
        return Overlap(
            measured: overlapTallies.reduce(0) { $0 + $1.measured },
            overlapped: overlapTallies.reduce(0) { $0 + $1.overlapped })
    }

    /// Per thread (position): the first bad address it used, as (op position, value).
    func fault(ofThread t: Int) -> (pc: Int, value: Int)? {
        faultPCs[t] < 0 ? nil : (faultPCs[t], faultValues[t])
    }

    var allPinned: Bool { pinnedFlags.allSatisfy { $0 } }

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
    private func review(size: Int) {
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
    private func meet(_ round: inout Int) {
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

    private func runBatch(
        size: Int, worker: Int, threads: [Int], registers: UnsafeMutablePointer<Int>, iteration: inout Int
    ) {
        let slack: Int? = if case let .iteration(slack) = setup.synchronisation, workers > 1 { slack } else { nil }
        var freeRun = 0
        var context = IterationContext(
            bases: UnsafePointer(arena.bases), variableCount: arena.variableCount, offset: 0,
            registers: registers, registerCount: 0, outputs: registers, loopBudget: 0)
        let count = threads.count
        let offsets = arena.offsets
        let patience = self.patience
        let sync = self.sync
        let flat = self.flat
        let loopBudget = self.loopBudget
        let workers = self.workers
        let lockstep = setup.lockstep
        // Kept off the accesses under test: a counter read before and after the thread bodies.
        let stamps = self.stamps + worker * setup.batchSize * 2
        // After a streak of iterations that ran out of budget, most get a small budget: a thread
        // that never ends an iteration must not cost the full budget every time.
        var streak = 0
        let faultPCs = self.faultPCs, faultValues = self.faultValues
        let mine = UnsafeMutablePointer<Int>.allocate(capacity: count)
        defer { mine.deallocate() }
        for (k, t) in threads.enumerated() { mine[k] = t }
        for i in 0..<size {
            iteration &+= 1
            if let slack {
                sync.write(worker, iteration)
                if freeRun > 0 {
                    freeRun -= 1
                } else {
                    let goal = iteration - slack
                    waiting: for other in 0..<workers where other != worker {
                        var spins = 0
                        while sync.read(other) < goal {
                            cpu_relax()
                            spins &+= 1
                            if spins > patience {
                                if lockstep {
                                    // Retrying for overlap: wait for the partner, lending the CPU meanwhile.
                                    sched_yield()
                                    continue
                                }
                                // The other thread is descheduled: run on alone for a while.
                                freeRun = 4_096
                                break waiting
                            }
                        }
                    }
                }
            }
            context.offset = offsets[i]
            stamps[2 * i] = get_cycles()
            var stuck = false
            // Threads sharing a CPU take turns going first.
            let first = count == 1 ? 0 : i % count
            for j in 0..<count {
                // Threads sharing a CPU switch as the OS would, with a full barrier: without
                // it the next thread could read the previous one's stores from the store
                // buffer before other CPUs see them, an outcome no separate CPUs could give.
                if j > 0 { smp_mb(.full) }
                var k = first + j
                if k >= count { k -= count }
                let t = mine[k]
                let width = flat.outputWidths[t]
                let row = flat.outputs[t] + i * width
                context.registerCount = flat.registerCounts[t]
                context.outputs = row
                context.loopBudget = streak < 50 || streak & 63 == 0 ? loopBudget : min(loopBudget, 200)
                let status = interpret(flat.codes[t], &context)
                row[width - 1] = status.rawValue
                if status != .completed {
                    stuck = true
                    if status == .badAddress && faultPCs[t] < 0 {
                        faultPCs[t] = context.faultPC
                        faultValues[t] = context.faultValue
                    }
                }
            }
            stamps[2 * i + 1] = get_cycles()
            streak = stuck ? streak &+ 1 : 0
        }
    }

    /// Tallies iterations `range` of the batch just run, then gives their slots fresh values.
    private func count(_ range: Range<Int>, worker: Int, key: UnsafeMutablePointer<Int>) {
        let flat = self.flat
        let width = flat.observationCount
        let bases = arena.bases, offsets = arena.offsets
        let variableCount = arena.variableCount
        let mayHoldAddresses = self.mayHoldAddresses
        var counter = counters[worker]
        var abandoned = 0
        for i in range {
            let offset = offsets[i]
            var completed = true
            for t in 0..<flat.threadCount where flat.outputs[t][i * flat.outputWidths[t] + flat.outputWidths[t] - 1] != 0 {
                completed = false
            }
            if completed {
                var mask = 0
                for j in 0..<width {
                    let kind = flat.observationKinds[j], a = flat.observationA[j]
                    var value = 0
                    if kind == FlatTables.registerSource {
                        value = flat.outputs[a][i * flat.outputWidths[a] + flat.observationB[j]]
                    } else if kind == FlatTables.variableSource {
                        value = READ_ONCE(UnsafeMutablePointer<Int>(bitPattern: bases[a] &+ offset).unsafelyUnwrapped)
                    }
                    if mayHoldAddresses, j < Int.bitWidth - 1 {
                        for v in 0..<variableCount where bases[v] &+ offset == value {
                            value = v
                            mask |= 1 << j
                        }
                    }
                    key[j] = value
                }
                key[width] = mask
                counter.add(key)
            } else {
                abandoned += 1
            }
            resetMemory(iteration: i)
        }
        counters[worker] = counter
        abandonedCounts[worker] += abandoned
        tallyOverlap(range, worker: worker)
    }

    /// Iterations of `range` in which every worker's iteration overlapped every other's in
    /// time: the latest start is no later than the earliest end.
    private func tallyOverlap(_ range: Range<Int>, worker: Int) {
        guard workers > 1 else { return }
        let stride = setup.batchSize * 2
        var overlapped = 0
        for i in range {
            var latestStart: UInt64 = 0, earliestEnd = UInt64.max
            for w in 0..<workers {
                latestStart = max(latestStart, stamps[w * stride + 2 * i])
                earliestEnd = min(earliestEnd, stamps[w * stride + 2 * i + 1])
            }
            if latestStart <= earliestEnd { overlapped += 1 }
        }
        overlapTallies[worker].measured += range.count
        overlapTallies[worker].overlapped += overlapped
    }

    @inline(__always)
    private func resetMemory(iteration i: Int) {
        let flat = self.flat
        let bases = arena.bases
        let offset = arena.offsets[i]
        for v in 0..<flat.variableCount {
            let initial = flat.initialValues[v]
            let value = flat.initialIsAddress[v] ? bases[initial] &+ offset : initial
            WRITE_ONCE(UnsafeMutablePointer<Int>(bitPattern: bases[v] &+ offset).unsafelyUnwrapped, value)
        }
    }

    /// The merged histogram (filter applied), abandoned and filtered-out counts.
    func histogram() -> ([FinalState: Int], abandoned: Int, filtered: Int) {
        let locations = program.observedLocations
        var histogram: [FinalState: Int] = [:]
        var filtered = 0
        for counter in counters {
            counter.forEach { key, count in
                let mask = key[locations.count]
                var values: [StateLocation: Value] = [:]
                for (j, location) in locations.enumerated() {
                    values[location] = mask & (1 << j) != 0 ? .address(key[j]) : .integer(key[j])
                }
                let state = FinalState(values)
                if let filter = program.filter, !state.satisfies(filter) {
                    filtered += count
                } else {
                    histogram[state, default: 0] += count
                }
            }
        }
        return (histogram, abandonedCounts.reduce(0, +), filtered)
    }
}
