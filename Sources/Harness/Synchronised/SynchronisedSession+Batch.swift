import Barriers
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SynchronisedSession {
    /// The inner loop: each iteration of a batch, this worker's threads through the interpreter.
    func runBatch(
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
        let stamps = memory.stamps + worker * setup.batchSize * 2
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
            // Every 8th iteration: an unbiased sample at an eighth of the counter reads' cost.
            let stamped = i & SynchronisedSession.stampMask == 0
            if stamped { stamps[2 * i] = get_cycles() }
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
            if stamped { stamps[2 * i + 1] = get_cycles() }
            streak = stuck ? streak &+ 1 : 0
        }
    }
}
