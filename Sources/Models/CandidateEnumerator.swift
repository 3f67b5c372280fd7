import Litmus

/// Builds every candidate execution of a program, in four named stages (as herd's pipeline):
/// ``ThreadPathSearch`` (each thread's paths over value domains grown by fixpoint),
/// ``PathCombinations`` (one path per thread, every read value with a writer),
/// ``ExecutionAssembly`` (the combination's events and shared structure) and
/// ``CoherenceSearch`` (each location's coherence and reads-from choices, already coherent and
/// atomic per location).
struct CandidateEnumerator {
    let program: Program
    let options: CheckOptions
    /// Enumerate incoherent candidates too (for explanations).
    var coherentOnly = true
    /// Where each observed location's final value comes from: (thread, register) or variable.
    private let observed: [(location: StateLocation, thread: Int, index: Int)]

    init(program: Program, options: CheckOptions) {
        self.program = program
        self.options = options
        // The parser guarantees threads P0…Pn in order: thread `t` is position `t`.
        observed = program.observedLocations.compactMap { location in
            switch location {
            case let .register(thread, name):
                guard program.threads.indices.contains(thread),
                      let r = program.threads[thread].registerIndex(named: name) else { return nil }
                return (location, thread, r)
            case let .variable(name):
                guard let v = program.variableIndex(named: name) else { return nil }
                return (location, -1, v)
            }
        }
    }

    /// Per-location choices are built eagerly, so they get their own bound (memory).
    static let maxChoicesPerLocation = 500_000

    struct Statistics {
        var candidates = 0
        var partialChecks = 0
        var combinations = 0
        var steps = 0
        let start = processorTime()
        /// Processor time already spent on the same test elsewhere (other chunks), for the limit.
        var spentBefore = 0.0
        var cutPaths = 0
        /// Accesses through a non-address, over the value domains the candidates come from.
        var badAccesses: [String] = []

        /// Counts a step; gives up, with the sizes involved, once the time budget is spent.
        mutating func spendStep(timeLimit: Double?) throws(ModelError) {
            steps += 1
            guard steps & 255 == 0, let limit = timeLimit else { return }
            if processorTime() - start + spentBefore > limit {
                throw .stateExplosion(
                    "gave up after \(limit) s of processor time (--time-limit): \(combinations) combinations of thread paths and " +
                        "\(candidates + partialChecks) (partial) candidate executions examined so far")
            }
        }
    }

    /// Calls `visit` with each candidate; stops early when `visit` returns false. With `prune`,
    /// partial candidates (some locations' rf/co still open) for which `prune` is true are
    /// skipped with all their completions.
    func enumerate(prune: ((Execution) -> Bool)? = nil, _ visit: @escaping (Execution) -> Bool) throws(ModelError) -> Statistics {
        let threads = try threadPaths()
        return try enumerate(threads, chunk: nil, prune: prune, visit)
    }

    /// Stage 1, and the size check on its result: done once, then shared by every chunk.
    func threadPaths() throws(ModelError) -> ThreadPathSearch.Result {
        let threads = try ThreadPathSearch(program: program, options: options).run()
        let combinations = threads.paths.reduce(1.0) { $0 * Double(max($1.count, 1)) }
        if combinations > Double(options.maxCandidates) * 16 {
            throw .stateExplosion(
                "\(threads.paths.count) threads with \(threads.paths.map { String($0.count) }.joined(separator: "×")) paths " +
                    "(\(Int(combinations)) combinations; limit \(options.maxCandidates) candidates)")
        }
        return threads
    }

    /// Stages 2 to 4 over `threads`, or over one chunk of the combinations
    /// (``PathCombinations/Chunking``): chunks run on several threads, each with its own memo.
    func enumerate(
        _ threads: ThreadPathSearch.Result, chunk: (PathCombinations.Chunking, Int)?, spentBefore: Double = 0,
        prune: ((Execution) -> Bool)? = nil, _ visit: @escaping (Execution) -> Bool
    ) throws(ModelError) -> Statistics {
        var statistics = Statistics()
        statistics.spentBefore = spentBefore
        statistics.cutPaths = threads.cut
        statistics.badAccesses = threads.badAccesses
        let paths = threads.paths
        if paths.contains(where: \.isEmpty) { return statistics }

        let program = program
        // Per shape key: its structure and number.
        var structures: [[Int]: (SkeletonStructure, Int)] = [:]
        let memo = LocationChoiceMemo()
        let base = ExecutionAssembly.Base(program: program, paths: paths)
        // Per shape key of a prefix of threads: its structure (and what models derive from it).
        var prefixStructures: [[Int]: SkeletonStructure] = [:]
        let rejectsPrefix: (([ThreadPath], [Int], Set<WrittenValue>) -> Bool)? = prune.map { prune in
            { chosen, shape, laterWrites in
                let assembly = ExecutionAssembly(base: base, paths: chosen)
                let (rf, co) = assembly.certainEdges(ownWritesInOrder: true, laterWrites: laterWrites)
                let structure = prefixStructures[shape] ?? assembly.structure(chosen)
                prefixStructures[shape] = structure
                return prune(.partial(events: assembly.events, structure: structure, rf: rf, co: co))
            }
        }
        try PathCombinations(program: program, paths: paths).forEach(
            statistics: &statistics, timeLimit: options.timeLimit, chunk: chunk, rejectsPrefix: rejectsPrefix
        ) { (chosen, shape, statistics) throws(ModelError) in
            let assembly = ExecutionAssembly(base: base, paths: chosen)
            let structure: SkeletonStructure, shapeID: Int
            if let known = structures[shape] {
                (structure, shapeID) = known
            } else {
                (structure, shapeID) = (assembly.structure(chosen), structures.count)
                structures[shape] = (structure, shapeID)
            }
            var search = CoherenceSearch(
                assembly: assembly, structure: structure, paths: chosen, options: options, observed: observed,
                statistics: statistics, prune: prune, visit: visit)
            search.memo = memo
            search.shapeID = shapeID
            defer { statistics = search.statistics }
            return try search.run(coherentOnly: coherentOnly)
        }
        return statistics
    }

    /// How many orders the writes of one location (given by thread) have: n! / Π kₜ! when
    /// each thread's writes stay in program order, n! otherwise.
    static func coherenceOrders(_ writerThreads: [Int], keepingProgramOrder: Bool) -> Double {
        func factorial(_ n: Int) -> Double { (1 ... Swift.max(1, n)).reduce(1.0) { $0 * Double($1) } }
        var orders = factorial(writerThreads.count)
        if keepingProgramOrder {
            for count in Dictionary(grouping: writerThreads, by: { $0 }).values.map(\.count) { orders /= factorial(count) }
        }
        return orders
    }
}
