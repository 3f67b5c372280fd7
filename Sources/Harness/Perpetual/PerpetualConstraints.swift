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
    /// `0..<iterations`, shared with the batch view and built only when a cluster needs it.
    var identity: [Int] { batch.identityColumn }
    private let batch: PerpetualBatch
    /// The batch view's record of which columns are non-decreasing.
    var ordering: ColumnOrdering
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

    init(target: PerpetualTarget, batch: PerpetualBatch) {
        iterations = batch.iterations
        self.batch = batch
        ordering = batch.ordering
        unsatisfiable = target.isUnsatisfiable
        for atom in target.atoms where !unsatisfiable {
            switch atom {
            case let .read(site, value): addRead(site: site, value: value, batch: batch)
            case let .memory(location, value): addMemory(location: location, value: value, batch: batch)
            }
        }
    }

    private mutating func restrict(_ thread: Int, _ valid: (Int) -> Bool) {
        var mask = masks[thread] ?? Array(repeating: true, count: iterations)
        for k in 0..<iterations where mask[k] && !valid(k) { mask[k] = false }
        masks[thread] = mask
    }

    private mutating func addRead(site: PerpetualShape.LoadSite, value: Int, batch: PerpetualBatch) {
        let shape = batch.shape
        let a = site.thread
        mentioned.insert(a)
        let location = site.location
        let index = batch.loadIndex(site)
        let stores = shape.storeSites[location]
        let initial = PerpetualShape.initialInteger(shape.program.variables[location])
        if value == initial {
            let writers = shape.writers(of: location)
            if writers.isEmpty {
                let read = batch.sites[index]
                restrict(a) { k in read[k] == PerpetualBatch.initial }
            }
            for b in writers {
                // The write read must be coherence-before b's first write of the instance.
                let (bound, observed) = batch.initialBound(load: index, writer: b)
                if observed { usesObservers = true }
                if b == a {
                    restrict(a) { k in k >= bound[k] }
                } else {
                    bounds.append(Bound(from: a, to: b, bound: bound))
                }
            }
        } else if let store = stores.firstIndex(where: { $0.constant == value }) {
            let b = stores[store].thread
            let target = batch.target(load: index, store: store)
            if b == a {
                restrict(a) { k in target[k] == k }
            } else {
                equalities.append(Equality(from: a, to: b, target: target))
            }
        } else {
            unsatisfiable = true
        }
    }

    private mutating func addMemory(location: VariableIndex, value: Int, batch: PerpetualBatch) {
        let shape = batch.shape
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
            usesObservers = true
            let bound = batch.observedBounds(writer: c, before: b, location: location, rank: last.rank)
            bounds.append(Bound(from: c, to: b, bound: bound))
        }
    }
}
