import Litmus

/// A value some write may put in a location (the initial value included).
struct WrittenValue: Hashable {
    var location: Int
    var value: Value
}

/// Stage 2 of the explorer: one path per thread, combined only when every value read has a
/// writer somewhere in the combination. Threads are chosen in order, and a thread's path is
/// skipped as soon as it reads a value neither the threads so far nor the later ones write.
struct PathCombinations {
    let paths: [[ThreadPath]]
    /// Which values the threads from `t` on can write, by `t`.
    let suffixWrites: [Set<WrittenValue>]
    /// Each path's shape number: paths that differ only in values share one.
    let shapes: [[Int]]
    /// How many combinations the threads from `t` on make, by `t`.
    let remaining: [Double]
    /// The values written (initially or by some path) numbered, and per thread and path the
    /// numbers of the values its reads return (-1: nobody writes it) and of those it writes.
    private let valueIDs: [WrittenValue: Int]
    private let readIDs: [[[Int]]]
    private let writeIDs: [[[Int]]]
    /// `suffixWrites` by value number.
    private let suffixWritten: [[Bool]]
    private let initialIDs: [Int]

    /// A thread path without its values: events' kinds, locations and tags, and dependencies.
    private struct Shape: Hashable {
        var events: [String]
        var pairs: [[Int]]
    }

    init(program: Program, paths: [[ThreadPath]]) {
        self.paths = paths
        let initial = program.variables.indices.map { WrittenValue(location: $0, value: program.variables[$0].initialValue) }
        var suffixWrites = Array(repeating: Set<WrittenValue>(), count: paths.count + 1)
        for t in stride(from: paths.count - 1, through: 0, by: -1) {
            suffixWrites[t] = suffixWrites[t + 1]
            for path in paths[t] { for e in path.events where e.kind == .write { suffixWrites[t].insert(WrittenValue(location: e.location!, value: e.value!)) } }
        }
        self.suffixWrites = suffixWrites
        var valueIDs: [WrittenValue: Int] = [:]
        for value in initial + suffixWrites[0] where valueIDs[value] == nil { valueIDs[value] = valueIDs.count }
        self.valueIDs = valueIDs
        initialIDs = initial.map { valueIDs[$0]! }
        func ids(_ path: ThreadPath, _ kind: Event.Kind) -> [Int] {
            path.events.filter { $0.kind == kind }.map { valueIDs[WrittenValue(location: $0.location!, value: $0.value!)] ?? -1 }
        }
        readIDs = paths.map { $0.map { ids($0, .read) } }
        writeIDs = paths.map { $0.map { ids($0, .write) } }
        suffixWritten = suffixWrites.map { set in
            var written = Array(repeating: false, count: valueIDs.count)
            for value in set { written[valueIDs[value]!] = true }
            return written
        }
        var shapeIDs: [Shape: Int] = [:]
        shapes = paths.map { threadPaths in
            threadPaths.map { path in
                let shape = Shape(
                    events: path.events.map { "\($0.kind)|\($0.location ?? -1)|\($0.annotation?.rawValue ?? "")|\($0.fence?.rawValue ?? "")|\($0.isRMW)" },
                    pairs: [path.addr, path.data, path.ctrl, path.rmw].map { $0.flatMap { [$0.0, $0.1] } + [-1] })
                if let id = shapeIDs[shape] { return id }
                shapeIDs[shape] = shapeIDs.count
                return shapeIDs.count - 1
            }
        }
        var remaining = Array(repeating: 1.0, count: paths.count + 1)
        for t in stride(from: paths.count - 1, through: 0, by: -1) { remaining[t] = remaining[t + 1] * Double(paths[t].count) }
        self.remaining = remaining
    }

    /// A split of the combinations into chunks for several threads: the paths of the first
    /// `depth` threads, numbered in mixed radix (thread 0 the most significant digit), pick a
    /// chunk. Chunks are contiguous in the sequential order, so visiting them one after the
    /// other visits what ``forEach`` visits, in the same order.
    struct Chunking: Sendable {
        let depth: Int
        let radices: [Int]
        var count: Int { radices.reduce(1, *) }

        /// The shallowest split into at least `minimum` chunks, nil when the combinations
        /// are too few to be worth it (or a thread has no path).
        init?(paths: [[ThreadPath]], minimum: Int, worthSplitting: Double) {
            let total = paths.reduce(1.0) { $0 * Double($1.count) }
            guard total >= worthSplitting, paths.count >= 2, !paths.contains(where: \.isEmpty) else { return nil }
            var radices: [Int] = []
            var product = 1
            while product < minimum && radices.count < paths.count - 1 {
                radices.append(paths[radices.count].count)
                product *= radices.last!
            }
            guard product > 1 else { return nil }
            depth = radices.count
            self.radices = radices
        }

        /// The path thread `t` (< depth) takes in chunk `index`.
        func digit(_ index: Int, thread t: Int) -> Int {
            var rest = index
            for u in stride(from: depth - 1, to: t, by: -1) { rest /= radices[u] }
            return rest % radices[t]
        }
    }

    /// Calls `visit` with each combination and its shape key until it returns false.
    /// With `chunk`, only that chunk's combinations.
    /// `rejectsPrefix(chosen, shapes, laterWrites)`: whether the first threads' paths alone already
    /// doom every completion (asked only where enough combinations remain to make it pay).
    func forEach(
        statistics: inout CandidateEnumerator.Statistics, timeLimit: Double?,
        chunk: (Chunking, Int)? = nil, rejectsPrefix: (([ThreadPath], [Int], Set<WrittenValue>) -> Bool)?,
        _ visit: ([ThreadPath], [Int], inout CandidateEnumerator.Statistics) throws(ModelError) -> Bool
    ) throws(ModelError) {
        var chosenShape: [Int] = []
        var chosen: [ThreadPath] = []
        // Prefix checks per depth, and how many rejected: a depth whose first checks reject
        // nothing stops checking (long chains of threads that never conflict).
        var prefixChecks = Array(repeating: 0, count: paths.count), prefixRejections = prefixChecks
        // A chunk tries fewer: the chunks together try about as many as one sequential walk.
        let trials = chunk.map { Swift.max(4, 64 / $0.0.count) } ?? 64
        // How many chosen paths (or initial values) write each numbered value.
        var written = Array(repeating: 0, count: valueIDs.count)
        for id in initialIDs { written[id] += 1 }
        var chosenIndex: [Int] = []
        func choose(_ t: Int) throws(ModelError) -> Bool {
            if t == paths.count {
                try statistics.spendStep(timeLimit: timeLimit)
                statistics.combinations += 1
                // Every read value must have a writer.
                for (u, p) in chosenIndex.enumerated() {
                    for id in readIDs[u][p] where written[id] == 0 { return true }
                }
                return try visit(chosen, chosenShape, &statistics)
            }
            let later = suffixWritten[t]
            for (p, path) in paths[t].enumerated() {
                if let (chunking, index) = chunk, t < chunking.depth, p != chunking.digit(index, thread: t) { continue }
                if readIDs[t][p].contains(where: { $0 < 0 || (written[$0] == 0 && !later[$0]) }) { continue }
                for id in writeIDs[t][p] { written[id] += 1 }
                chosen.append(path)
                chosenShape.append(shapes[t][p])
                chosenIndex.append(p)
                defer {
                    chosen.removeLast()
                    chosenShape.removeLast()
                    chosenIndex.removeLast()
                    for id in writeIDs[t][p] { written[id] -= 1 }
                }
                // Threads-so-far pruning: if what is certain about the chosen threads already
                // violates the model, no choice for the other threads can repair it.
                if let rejectsPrefix, chosen.count >= 2, t + 1 < paths.count, remaining[t + 1] >= 16,
                   prefixChecks[t] < trials || prefixRejections[t] * 64 >= prefixChecks[t] {
                    statistics.partialChecks += 1
                    prefixChecks[t] += 1
                    if rejectsPrefix(chosen, chosenShape, suffixWrites[t + 1]) {
                        prefixRejections[t] += 1
                        continue
                    }
                }
                if try !choose(t + 1) { return false }
            }
            return true
        }
        _ = try choose(0)
    }
}
