import Barriers
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One variant's run: its result, and what happened on the way.
public struct VariantRun: Sendable {
    public var result: VariantResult
    /// Ctrl-C (or `shouldStop`) ended it early; `result` holds the batches completed.
    public var interrupted: Bool
    /// Whether every worker thread got pinned to its CPU.
    public var pinned: Bool
    /// No iteration of the first batch completed: the run stopped there (see `result.problems`).
    public var gaveUp: Bool

    public init(result: VariantResult, interrupted: Bool, pinned: Bool, gaveUp: Bool = false) {
        self.result = result
        self.interrupted = interrupted
        self.pinned = pinned
        self.gaveUp = gaveUp
    }
}

/// Something that runs test variants: the hardware, or a fake in tests.
public protocol VariantRunning: Sendable {
    /// Decides CPUs, placement and the rest for `program` (shared by all its variants).
    func setup(for program: Program, parameters: RunParameters) throws(HarnessError) -> RunSetup
    /// Runs one variant; `shouldStop` is polled at batch boundaries.
    func run(_ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool) throws(HarnessError) -> VariantRun
}

/// Runs tests on real cores: one pinned worker thread per CPU, batches of iterations on fresh
/// locations, and a histogram of final states.
public struct HardwareRunner: VariantRunning {
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
        let available = pinning.availableCPUs()
        var cpus = available.isEmpty ? [0] : available
        if let requested = parameters.cpus {
            let missing = requested.filter { !available.contains($0) }
            guard missing.isEmpty || available.isEmpty else {
                let names = Self.ranges(missing)
                let all = available.map(String.init).joined(separator: ",")
                let subject = missing.count == 1 ? "CPU \(names) is" : "CPUs \(names) are"
                throw .invalidParameter("\(subject) not available to this process (available: \(all))")
            }
            cpus = requested
        }
        let workers = min(program.threads.count, cpus.count)
        var placement = Array(repeating: [Int](), count: workers)
        for (position, thread) in program.threads.enumerated() {
            placement[position % workers].append(thread.index)
        }
        return RunSetup(
            iterations: parameters.iterations, batchSize: min(parameters.batchSize, parameters.iterations),
            cpus: Array(cpus.prefix(workers)), pinned: true, layout: parameters.layout,
            shuffle: parameters.shuffle, synchronisation: parameters.synchronisation, placement: placement,
            seed: parameters.seed)
    }

    /// `0,1,2,5` → `0-2,5`: a --cpus list as the user would write it.
    static func ranges(_ cpus: [Int]) -> String {
        var parts: [String] = []
        var start: Int?, previous = Int.min
        for cpu in cpus.sorted() + [Int.max] {
            if let first = start, cpu != previous + 1 {
                parts.append(first == previous ? "\(first)" : "\(first)-\(previous)")
                start = nil
            }
            if start == nil { start = cpu }
            previous = cpu
        }
        return parts.joined(separator: ",")
    }

    public func run(
        _ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool
    ) throws(HarnessError) -> VariantRun {
        let program = variant.program
        let compiled = try ThreadCompiler.compile(program)
        let arena = try Arena(
            program: program, batchSize: setup.batchSize, layout: setup.layout, shuffle: setup.shuffle, seed: setup.seed)
        let session = RunSession(
            program: program, compiled: compiled, arena: arena, setup: setup,
            loopBudget: loopBudget, patience: patience, shouldStop: shouldStop)
        defer { session.deallocate() }
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
    private func problems(of session: RunSession, program: Program, compiled: CompiledProgram, setup: RunSetup) -> [String] {
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
