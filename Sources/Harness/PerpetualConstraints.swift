import Litmus

/// A target's atoms turned into relations between the iterations of an instance.
///
/// An instance picks one iteration `k_t` per involved thread. Every atom becomes one of:
/// a per-iteration test on one thread (`masks`), "thread `to` is in the iteration that thread
/// `from`'s read names" (`equalities`: `k_to == target[k_from]`, -1 for none), or "thread `to`
/// is late enough that its write is coherence-after what `from` saw" (`bounds`:
/// `k_to >= bound[k_from]`, `Int.max` for never).
struct PerpetualConstraints {
    struct Equality { var from: Int, to: Int, target: [Int] }
    struct Bound { var from: Int, to: Int, bound: [Int] }

    var iterations: Int
    var masks: [Int: [Bool]] = [:]
    var equalities: [Equality] = []
    var bounds: [Bound] = []
    var unsatisfiable = false
    /// True when some bound comes from observer loads: the count is then a lower bound.
    var usesObservers = false
    private var mentioned: Set<Int> = []

    /// Threads whose iteration is part of an instance.
    var threads: [Int] {
        var all = mentioned
        for e in equalities { all.insert(e.from); all.insert(e.to) }
        for b in bounds { all.insert(b.from); all.insert(b.to) }
        all.formUnion(masks.keys)
        return all.sorted()
    }

    init(target: PerpetualTarget, shape: PerpetualShape, recording: PerpetualRecording) {
        iterations = recording.iterations
        unsatisfiable = target.isUnsatisfiable
        var builder = Builder(shape: shape, recording: recording)
        for atom in target.atoms where !unsatisfiable {
            switch atom {
            case let .read(site, value): addRead(site: site, value: value, builder: &builder)
            case let .memory(location, value): addMemory(location: location, value: value, builder: &builder)
            }
        }
        usesObservers = builder.usedObservers
    }

    private mutating func restrict(_ thread: Int, _ valid: (Int) -> Bool) {
        var mask = masks[thread] ?? Array(repeating: true, count: iterations)
        for k in 0..<iterations where mask[k] && !valid(k) { mask[k] = false }
        masks[thread] = mask
    }

    private mutating func addRead(site: PerpetualShape.LoadSite, value: Int, builder: inout Builder) {
        let shape = builder.shape
        let a = site.thread
        mentioned.insert(a)
        let location = site.location
        let initial = PerpetualShape.initialInteger(shape.program.variables[location])
        if value == initial {
            let writers = shape.writers(of: location)
            if writers.isEmpty {
                restrict(a) { k in builder.source(a, k, site) == .initial }
            }
            for b in writers {
                // The value read must be coherence-before b's first write of the instance.
                let bound = (0..<iterations).map { k in builder.earliestIterationAfter(builder.source(a, k, site), writer: b, location: location, rank: 0) }
                if b == a {
                    restrict(a) { k in k >= bound[k] }
                } else {
                    bounds.append(Bound(from: a, to: b, bound: bound))
                }
            }
        } else if let store = shape.storeSites[location].firstIndex(where: { $0.constant == value }) {
            let b = shape.storeSites[location][store].thread
            let target = (0..<iterations).map { k -> Int in
                if case let .write(s, m) = builder.source(a, k, site), s == store, m < iterations { return m }
                return -1
            }
            if b == a {
                restrict(a) { k in target[k] == k }
            } else {
                equalities.append(Equality(from: a, to: b, target: target))
            }
        } else {
            unsatisfiable = true
        }
    }

    private mutating func addMemory(location: VariableIndex, value: Int, builder: inout Builder) {
        let shape = builder.shape
        let sites = shape.storeSites[location]
        guard !sites.isEmpty else {
            if value != PerpetualShape.initialInteger(shape.program.variables[location]) { unsatisfiable = true }
            return
        }
        guard let last = sites.first(where: { $0.constant == value }),
              last.rank == sites.filter({ $0.thread == last.thread }).count - 1 else {
            // No store writes it, or its own thread overwrites it later in the same iteration.
            unsatisfiable = true
            return
        }
        let b = last.thread
        mentioned.insert(b)
        for c in shape.writers(of: location) where c != b {
            let bound = builder.observedBounds(writer: c, before: b, location: location, rank: last.rank)
            bounds.append(Bound(from: c, to: b, bound: bound))
        }
    }

    /// Decodes recorded values and derives coherence facts from observer loads.
    struct Builder {
        let shape: PerpetualShape
        let recording: PerpetualRecording
        var usedObservers = false
        private var cache: [Key: [Int]] = [:]
        private struct Key: Hashable { var writer: Int, before: Int, location: Int, rank: Int }

        init(shape: PerpetualShape, recording: PerpetualRecording) {
            self.shape = shape
            self.recording = recording
        }

        func source(_ thread: Int, _ k: Int, _ site: PerpetualShape.LoadSite) -> PerpetualShape.Source {
            let value = recording.records[thread][k * shape.recordsPerIteration[thread] + site.slot]
            return shape.source(of: value, at: site.location)
        }

        /// The smallest iteration of `writer` whose write of rank `rank` to `location` is
        /// known to be coherence-after `source`; `Int.max` when unknown.
        mutating func earliestIterationAfter(_ source: PerpetualShape.Source, writer: Int, location: VariableIndex, rank: Int) -> Int {
            switch source {
            case .initial: return 0
            case .unknown: return .max
            case let .write(site, m):
                let store = shape.storeSites[location][site]
                if store.thread == writer {
                    return store.rank < rank ? m : m + 1
                }
                guard m >= 0, m < recording.iterations else { return .max }
                return observedBounds(writer: store.thread, before: writer, location: location, rank: rank)[m]
            }
        }

        /// For each iteration `k` of `writer`, the smallest iteration of `before` whose store of
        /// rank `rank` to `location` is known to follow `writer`'s writes of iteration `k` in
        /// coherence. Known from `writer`'s observer: if it read `before`'s write in iteration
        /// `j >= k`, all of `writer`'s earlier writes precede that one (coherence, write-read).
        mutating func observedBounds(writer: Int, before: Int, location: VariableIndex, rank: Int) -> [Int] {
            let key = Key(writer: writer, before: before, location: location, rank: rank)
            if let cached = cache[key] { return cached }
            usedObservers = true
            let n = recording.iterations
            var bounds = Array(repeating: Int.max, count: n)
            if let observer = shape.observer(thread: writer, location: location) {
                var best = Int.max
                for k in stride(from: n - 1, through: 0, by: -1) {
                    if case let .write(site, q) = source(writer, k, observer) {
                        let store = shape.storeSites[location][site]
                        if store.thread == before {
                            best = min(best, store.rank <= rank ? q : q + 1)
                        }
                    }
                    bounds[k] = best
                }
            }
            cache[key] = bounds
            return bounds
        }
    }
}
