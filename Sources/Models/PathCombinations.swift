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
    private let initial: Set<WrittenValue>

    /// A thread path without its values: events' kinds, locations and tags, and dependencies.
    private struct Shape: Hashable {
        var events: [String]
        var pairs: [[Int]]
    }

    init(program: Program, paths: [[ThreadPath]]) {
        self.paths = paths
        initial = Set(program.variables.indices.map { WrittenValue(location: $0, value: program.variables[$0].initialValue) })
        var suffixWrites = Array(repeating: Set<WrittenValue>(), count: paths.count + 1)
        for t in stride(from: paths.count - 1, through: 0, by: -1) {
            suffixWrites[t] = suffixWrites[t + 1]
            for path in paths[t] { for e in path.events where e.kind == .write { suffixWrites[t].insert(WrittenValue(location: e.location!, value: e.value!)) } }
        }
        self.suffixWrites = suffixWrites
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

    /// Calls `visit` with each combination and its shape key until it returns false.
    /// `rejectsPrefix(chosen, laterWrites)`: whether the first threads' paths alone already
    /// doom every completion (asked only where enough combinations remain to make it pay).
    func forEach(
        statistics: inout CandidateEnumerator.Statistics, timeLimit: Double?,
        rejectsPrefix: (([ThreadPath], Set<WrittenValue>) -> Bool)?,
        _ visit: ([ThreadPath], [Int], inout CandidateEnumerator.Statistics) throws(ModelError) -> Bool
    ) throws(ModelError) {
        var chosenShape: [Int] = []
        var chosen: [ThreadPath] = []
        // Prefix checks per depth, and how many rejected: a depth whose first checks reject
        // nothing stops checking (long chains of threads that never conflict).
        var prefixChecks = Array(repeating: 0, count: paths.count), prefixRejections = prefixChecks
        var written = initial
        func choose(_ t: Int) throws(ModelError) -> Bool {
            if t == paths.count {
                try statistics.spendStep(timeLimit: timeLimit)
                statistics.combinations += 1
                // Every read value must have a writer.
                for path in chosen {
                    for e in path.events where e.kind == .read && !written.contains(WrittenValue(location: e.location!, value: e.value!)) { return true }
                }
                return try visit(chosen, chosenShape, &statistics)
            }
            let available = written.union(suffixWrites[t])
            for (p, path) in paths[t].enumerated() {
                if path.events.contains(where: { $0.kind == .read && !available.contains(WrittenValue(location: $0.location!, value: $0.value!)) }) { continue }
                let saved = written
                for e in path.events where e.kind == .write { written.insert(WrittenValue(location: e.location!, value: e.value!)) }
                chosen.append(path)
                chosenShape.append(shapes[t][p])
                defer {
                    chosen.removeLast()
                    chosenShape.removeLast()
                    written = saved
                }
                // Threads-so-far pruning: if what is certain about the chosen threads already
                // violates the model, no choice for the other threads can repair it.
                if let rejectsPrefix, chosen.count >= 2, t + 1 < paths.count, remaining[t + 1] >= 16,
                   prefixChecks[t] < 64 || prefixRejections[t] * 64 >= prefixChecks[t] {
                    statistics.partialChecks += 1
                    prefixChecks[t] += 1
                    if rejectsPrefix(chosen, suffixWrites[t + 1]) {
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
