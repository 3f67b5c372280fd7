import Barriers
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The synchronised mode: one pinned worker thread per CPU, batches of iterations on fresh
/// locations (threads line up before each iteration, see ``Synchronisation``), and a
/// histogram of final states.
public struct SynchronisedRunner: VariantRunning {
    public var pinning: any ThreadPinning
    /// Loop back-edges, lock spins and cmpxchg retries a thread may spend on one iteration
    /// before giving it up (a `while` waiting for a write that never comes must not hang).
    public var loopBudget: Int
    /// Reads a thread spends waiting for the others at an iteration start before running on
    /// alone (a descheduled thread must not stall the rest).
    public var patience: Int

    public init(pinning: any ThreadPinning = SystemThreadPinning(), loopBudget: Int = 20_000, patience: Int = 2_000) {
        self.pinning = pinning
        self.loopBudget = loopBudget
        self.patience = patience
    }

    public func setup(for program: Program, parameters: RunParameters) throws(HarnessError) -> RunSetup {
        try parameters.validate()
        _ = try ThreadCompiler.compile(program)
        let cpus = try CPUPool.choose(available: pinning.availableCPUs(), requested: parameters.cpus, first: parameters.firstCPUs)
        let workers = min(program.threads.count, cpus.count)
        var placement = Array(repeating: [Int](), count: workers)
        for thread in program.threads.indices { placement[thread % workers].append(thread) }
        return RunSetup(
            iterations: parameters.iterations, batchSize: min(parameters.batchSize, parameters.iterations),
            cpus: Array(cpus.prefix(workers)), pinned: true, layout: parameters.layout,
            shuffle: parameters.shuffle, synchronisation: parameters.synchronisation, placement: placement,
            seed: parameters.seed)
    }

    public func run(
        _ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool
    ) throws(HarnessError) -> VariantRun {
        let program = variant.program
        let compiled = try ThreadCompiler.compile(program)
        let arena = try Arena(
            program: program, batchSize: setup.batchSize, layout: setup.layout, shuffle: setup.shuffle, seed: setup.seed)
        let session = SynchronisedSession(
            program: program, compiled: compiled, arena: arena, setup: setup,
            loopBudget: loopBudget, patience: patience, shouldStop: shouldStop)
        let clock = ContinuousClock()
        let start = clock.now
        var threads: [pthread_t] = []
        for worker in 0..<setup.placement.count {
            let cpu = setup.cpus[worker]
            let pinning = self.pinning
            do {
                threads.append(try startThread {
                    let pinned = pinning.pinCurrentThread(to: cpu) == .pinned
                    session.work(worker: worker, pinned: pinned)
                })
            } catch {
                session.abort()
                for thread in threads { pthread_join(thread, nil) }
                throw error
            }
        }
        for thread in threads { pthread_join(thread, nil) }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let (histogram, abandoned, filtered) = session.histogram()
        var result = VariantResult(
            program: program, removed: variant.removed, histogram: histogram, seconds: seconds,
            abandoned: abandoned, filteredOut: filtered)
        result.overlap = session.overlap
        result.problems = problems(of: session, program: program, compiled: compiled, setup: setup)
        return VariantRun(
            result: result, interrupted: session.interrupted, pinned: session.allPinned, gaveUp: session.gaveUp)
    }

    /// Each bad address a thread used, and the threads that never finished an iteration.
    private func problems(of session: SynchronisedSession, program: Program, compiled: CompiledProgram, setup: RunSetup) -> [String] {
        var problems: [String] = []
        var stuck: [String] = []
        for (t, thread) in program.threads.enumerated() {
            if let fault = session.fault(ofThread: t) {
                let op = compiled.threads[t].code[fault.pc]
                let register = Int(-(op.b + 1))
                let subject = register < thread.registers.count ? thread.registers[register] : "the address"
                var text = "P\(thread.index): \(subject) is not a pointer to a shared variable (value \(fault.value))"
                if let origin = compiled.threads[t].origins[fault.pc] {
                    text += " in `\(origin.text)` at \(origin.location)"
                }
                problems.append(text)
            } else if session.gaveUp && !session.threadFinished[t] {
                stuck.append("P\(thread.index)")
            }
        }
        if !stuck.isEmpty {
            let names = stuck.joined(separator: ", ")
            problems.append(
                "every iteration of \(names) loops forever or deadlocks: each ran past its budget of \(loopBudget) loop "
                    + "steps or lock spins")
        }
        if session.gaveUp {
            let run = session.iterationsRun
            let left = setup.iterations - run
            problems.append(
                "no iteration completed" + (left > 0 ? "; gave up after the first \(run) of \(setup.iterations)" : ""))
        }
        return problems
    }
}

@available(*, deprecated, renamed: "SynchronisedRunner")
public typealias HardwareRunner = SynchronisedRunner
