import Foundation
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits of the exploration.
public struct CheckOptions: Sendable {
    /// Times a `while` loop body is unrolled (herd7's `-unroll`, default 2); paths still
    /// looping after that are cut and reported.
    public var loopUnrolling = 2
    /// Candidate executions examined before giving up with ``ModelError/stateExplosion(_:)``.
    public var maxCandidates = 4_000_000
    public var maxPathsPerThread = 200_000
    /// Rounds of the value-domain fixpoint (each round lets a value travel through one more write).
    public var valueIterations = 16
    /// Find a forbidden witness for a condition no allowed execution satisfies (extra work
    /// when pruning skipped all of them); off for herd-format output.
    public var explain = true
    /// Processor-time budget per test in seconds; past it the check fails with
    /// ``ModelError/stateExplosion(_:)``.
    public var timeLimit: Double? = 60
    /// Accept an execution one interleaving produces without running the model's axioms
    /// (``InterleavingWitness``, exact); off only to compare against the full evaluation.
    public var interleavingShortcut = true
    /// Threads one test's candidates are split over (``ChunkedCheck``); the states, counts and
    /// flags are the same for every count, and the time limit counts all threads' processor time.
    public var workers = 1
    /// Fewer combinations of thread paths than this are not split (tests lower it to split everything).
    var splitThreshold = 4096.0

    public init() {}
}

/// The allowed final state of a test under a model, with how many allowed executions end in it.
public struct AllowedState: Sendable {
    public var state: FinalState
    /// Whether the state satisfies the condition's proposition (the part after the quantifier).
    public var satisfiesCondition: Bool
    public var executions: Int
}

/// What a model allows for one test, in the shape of herd7's result block, plus the reasons.
///
/// Build one with ``ModelChecker/check(_:model:options:)``. `states` are herd7's `States`
/// (sorted as herd7 prints them), `positive`/`negative` count allowed executions whose final
/// state satisfies / does not satisfy the condition's proposition, `verdict` is herd7's
/// `Observation` word, `conditionHolds` its `Ok`/`No`. ``explanation(for:)`` says why a state
/// is forbidden (the first axiom violated and its witness cycle, structured and in words).
public struct CheckResult: Sendable {
    public var program: Program
    /// The built-in model checked, nil for a model read from files.
    public var model: ModelKind?
    /// The model's name (`lkmm`, `linux-kernel.cat`).
    public var modelName: String
    /// The model itself, which explanations judge the witness with again.
    let memoryModel: any MemoryModel
    public var states: [AllowedState]
    public var positive: Int
    public var negative: Int
    /// `flag` statements raised by allowed executions (`data-race`), sorted.
    public var flags: [String]
    /// Paths cut by the loop unrolling bound (herd7 prints `Loop` before Ok/No then).
    public var loopPathsCut: Int
    /// The unrolling bound used (``CheckOptions/loopUnrolling``).
    public var loopBound: Int
    public var candidates: Int
    /// Processor seconds spent (what herd7's `Time` line reports).
    public var time: Double
    /// What the user should know about the result, e.g. a thread dereferencing NULL (which
    /// ends every path through it, so no state is allowed).
    public var notes: [String] = []
    /// The first forbidden candidate for each final state that no allowed execution reaches.
    var forbidden: [FinalState: ForbiddenWitness]
    /// One allowed execution per allowed state.
    var allowedExecutions: [FinalState: Execution]

    /// herd7's observation: Never (no positive), Always (no negative), else Sometimes.
    public var verdict: Verdict { positive == 0 ? .never : negative == 0 ? .always : .sometimes }

    /// herd7's `Ok`/`No`: whether the condition, with its quantifier, holds.
    public var conditionHolds: Bool {
        switch program.condition.quantifier {
        case .exists: return positive > 0
        case .notExists: return positive == 0
        case .forall: return negative == 0
        }
    }

    /// Why `state` is not allowed, or nil when it is (or no candidate reaches it at all).
    public func explanation(for state: FinalState) -> Explanation? {
        guard let witness = forbidden[state] else { return nil }
        return Explanation(program: program, execution: witness.execution, violation: witness.violation, model: memoryModel)
    }

    /// For a condition no allowed execution satisfies (exists ... Never), why its candidates
    /// are forbidden; for other results nil.
    public var conditionExplanation: Explanation? {
        guard positive == 0 else { return nil }
        let witnesses = forbidden.filter { $0.key.satisfies(program.condition.proposition) }
        guard let first = witnesses.min(by: { $0.value.order < $1.value.order }) else { return nil }
        return Explanation(program: program, execution: first.value.execution, violation: first.value.violation, model: memoryModel)
    }

    /// An allowed execution ending in `state` (kept for the condition's states and the first 64 others).
    public func execution(for state: FinalState) -> Execution? { allowedExecutions[state] }

    /// An execution for the condition's outcome: an allowed one satisfying the proposition,
    /// else the forbidden one the explanation is about.
    public var conditionExecution: Execution? {
        if let s = states.first(where: \.satisfiesCondition) { return allowedExecutions[s.state] }
        return conditionExplanation?.execution
    }

    /// What a graph of `execution` draws under this result's model (nil: the usual relations).
    public func graphRelations(_ execution: Execution) -> [(label: String, relation: Relation)]? {
        memoryModel.graphRelations(execution)
    }
}

struct ForbiddenWitness: Sendable {
    var execution: Execution
    var violation: AxiomViolation
    var order: Int
}

/// Runs a memory model over every candidate execution of a program.
public enum ModelChecker {
    /// Checks `program` under `model`: the allowed states, counts, flags and explanations.
    public static func check(
        _ program: Program, model: ModelKind = .lkmm, options: CheckOptions = CheckOptions()
    ) throws(ModelError) -> CheckResult {
        try check(program, using: model.model, options: options)
    }

    /// Checks `program` under any model (a built-in one, or one read from cat files).
    public static func check(
        _ program: Program, using memoryModel: any MemoryModel, options: CheckOptions = CheckOptions()
    ) throws(ModelError) -> CheckResult {
        if let kind = memoryModel.builtIn, let first = program.uninterpretedTags.first {
            // A .def gave events tags this model has no meaning for: refuse rather than guess.
            let more = program.uninterpretedTags.count > 1 ? " (and \(program.uninterpretedTags.count - 1) more)" : ""
            throw .unsupported("the built-in \(kind.displayName) model cannot interpret the .def's tags: \(first)\(more); "
                + "check this test with a cat model (--conf or --cat), which gives these tags their meaning")
        }
        let start = processorTime()
        let enumerator = CandidateEnumerator(program: program, options: options)
        let threads = try enumerator.threadPaths()
        var tally = StateTally(program: program, expected: Int(Swift.min(threads.paths.reduce(1.0) { $0 * Double($1.count) }, 1e9)))
        let statistics: CandidateEnumerator.Statistics
        var otherThreadsTime = 0.0
        if options.workers > 1, let chunking = PathCombinations.Chunking(paths: threads.paths, minimum: 64, worthSplitting: options.splitThreshold) {
            let run = try ChunkedCheck.run(enumerator, threads, chunking, memoryModel: memoryModel, workers: options.workers)
            (tally, statistics, otherThreadsTime) = (run.tally, run.statistics, run.otherThreadsTime)
        } else {
            let judge = judgement(memoryModel, options)
            statistics = try enumerator.enumerate(threads, chunk: nil, prune: pruning(memoryModel, judge)) { execution in
                tally.record(execution, judge: judge)
                return true
            }
        }
        let groups = tally.groups, positive = tally.positive, negative = tally.negative, flags = tally.flags
        let forbiddenByKey = tally.forbiddenByKey, allowed = tally.allowed
        let order = tally.order
        var forbidden: [FinalState: ForbiddenWitness] = [:]
        for (key, witness) in forbiddenByKey where groups[key]?.executions == 0 { forbidden[witness.execution.finalState] = witness }
        if options.explain && positive == 0 && !forbidden.keys.contains(where: { $0.satisfies(program.condition.proposition) }) {
            // Pruning (or the per-location coherence filter) skipped every candidate reaching
            // the condition: look for one among all candidates, coherent or not.
            var everything = enumerator
            everything.coherentOnly = false
            _ = try? everything.enumerate { execution in
                let state = execution.finalState
                guard state.satisfies(program.condition.proposition), program.filter.map(state.satisfies) ?? true,
                      let violation = memoryModel.evaluate(execution).violation else { return true }
                forbidden[state] = ForbiddenWitness(execution: execution, violation: violation, order: order)
                return false
            }
        }
        let states = sortedInHerdOrder(program, groups).map {
            AllowedState(state: $0.state, satisfiesCondition: $0.satisfies, executions: $0.executions)
        }
        let seconds = processorTime() - start + otherThreadsTime
        var result = CheckResult(
            program: program, model: memoryModel.builtIn, modelName: memoryModel.name, memoryModel: memoryModel, states: states, positive: positive, negative: negative,
            flags: flags.sorted(), loopPathsCut: statistics.cutPaths, loopBound: options.loopUnrolling, candidates: statistics.candidates,
            time: seconds, forbidden: forbidden, allowedExecutions: allowed)
        if states.isEmpty { result.notes = statistics.badAccesses }
        return result
    }

    /// How a candidate is judged: the interleaving shortcut when it applies, else the model.
    static func judgement(_ memoryModel: any MemoryModel, _ options: CheckOptions) -> (Execution) -> ModelOutcome {
        { execution in
            if options.interleavingShortcut, let kind = memoryModel.builtIn,
               let outcome = InterleavingWitness.allowedOutcome(execution, under: kind) { return outcome }
            return memoryModel.evaluate(execution)
        }
    }

    /// Which partial candidates to skip: built-in models are monotone throughout; a model
    /// read from files says what it can prune.
    static func pruning(_ memoryModel: any MemoryModel, _ judge: @escaping (Execution) -> ModelOutcome) -> (Execution) -> Bool {
        { memoryModel.builtIn != nil ? judge($0).violation != nil : memoryModel.rejects(partial: $0) }
    }

    /// The groups in herd7's state order (``Program/herdPrecedes(_:_:)``). Every state of one
    /// test has the same locations (the observed ones, in order), so that order compares the
    /// values (the groups' keys) position by position: integers numerically, and each other
    /// value by its rank in herd7's value order, found once.
    static func sortedInHerdOrder(_ program: Program, _ groups: [[Value]: StateTally.Group]) -> [StateTally.Group] {
        let allowed = Array(groups.lazy.filter { $0.value.executions > 0 })
        guard let width = allowed.first?.key.count, allowed.allSatisfy({ $0.key.count == width }) else {
            return allowed.map(\.value).sorted { herdOrder(program, $0.state, $1.state) }
        }
        let keys = allowed.map(\.key)
        var ranks = [Int](repeating: 0, count: keys.count * width)
        if !ranks.withUnsafeMutableBufferPointer({ integerRanks(keys, width: width, into: $0) }) {
            var distinct = Set<Value>()
            for key in keys { distinct.formUnion(key) }
            let location = allowed.first!.value.state.entries[0].location
            func precedes(_ a: Value, _ b: Value) -> Bool {
                herdOrder(program, FinalState(sortedLocations: [location], values: [a]), FinalState(sortedLocations: [location], values: [b]))
            }
            let values = distinct.sorted(by: precedes)
            // Values herd7 cannot tell apart (the same rendering) share a rank.
            var rankOf: [Value: Int] = [:], rank = 0
            for (i, v) in values.enumerated() {
                if i > 0, precedes(values[i - 1], v) { rank += 1 }
                rankOf[v] = rank
            }
            for (g, key) in keys.enumerated() { for (i, value) in key.enumerated() { ranks[g * width + i] = rankOf[value]! } }
        }
        // When every row's ranks fit in 64 bits together, rows sort as one integer each.
        let (low, high) = (ranks.min() ?? 0, ranks.max() ?? 0)
        let span = UInt64(bitPattern: Int64(high &- low))
        let bits = span == 0 ? 0 : 64 - span.leadingZeroBitCount
        if width * bits <= 64 && high &- low >= 0 {
            var packed = [(key: UInt64, index: Int)](repeating: (0, 0), count: keys.count)
            for g in keys.indices {
                var key: UInt64 = 0
                for i in 0 ..< width { key = (bits == 64 ? 0 : key << UInt64(bits)) | UInt64(ranks[g * width + i] - low) }
                packed[g] = (key, g)
            }
            packed.sort { $0.key < $1.key }
            return packed.map { allowed[$0.index].value }
        }
        let order = ranks.withUnsafeBufferPointer { ranks in
            Array(keys.indices).sorted { a, b in
                for i in 0 ..< width where ranks[a * width + i] != ranks[b * width + i] { return ranks[a * width + i] < ranks[b * width + i] }
                return false
            }
        }
        return order.map { allowed[$0].value }
    }

    /// Fills `ranks` (row after row) with the keys' values when every one is an integer, in
    /// slices on every core when there are many; false (ranks unfinished) otherwise.
    private static func integerRanks(_ keys: [[Value]], width: Int, into ranks: UnsafeMutableBufferPointer<Int>) -> Bool {
        let slices = keys.count < 1 << 14 ? 1 : Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8)
        let integral = UnsafeMutableBufferPointer<Bool>.allocate(capacity: slices)
        defer { integral.deallocate() }
        integral.initialize(repeating: true)
        // Each slice writes its own rows of `ranks` and its own flag.
        struct Slices: @unchecked Sendable {
            let keys: [[Value]], width: Int, count: Int
            let ranks: UnsafeMutableBufferPointer<Int>, integral: UnsafeMutableBufferPointer<Bool>
            func fill(_ slice: Int) {
                for g in keys.count * slice / count ..< keys.count * (slice + 1) / count {
                    let done = keys[g].withUnsafeBufferPointer { key in
                        for i in 0 ..< width {
                            guard case let .integer(n) = key[i] else { return false }
                            ranks[g * width + i] = n
                        }
                        return true
                    }
                    if !done { integral[slice] = false; return }
                }
            }
        }
        let work = Slices(keys: keys, width: width, count: slices, ranks: ranks, integral: integral)
        if slices == 1 { work.fill(0) } else { DispatchQueue.concurrentPerform(iterations: slices) { work.fill($0) } }
        return integral.allSatisfy { $0 }
    }

    /// herd7's state order (``Program/herdPrecedes(_:_:)``).
    static func herdOrder(_ program: Program, _ a: FinalState, _ b: FinalState) -> Bool {
        program.herdPrecedes(a, b)
    }
}


/// Processor time of this process in seconds, as herd7 measures its `Time`.
/// Per thread, so tests checked in parallel (`check -j`) each see only their own time.
func processorTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
