import Litmus

/// A fast, exact shortcut for the common case: an execution that one interleaving of the
/// threads produces is allowed by every model here, unless RCU or plain accesses say more.
///
/// Why it is exact. Let T be a total order of the events extending program order and
/// `rf | co | fr` (an interleaving). Every relation the models' acyclicity axioms constrain
/// (`ghb`, `ob`, `hb`, `pb`, `po-loc | com`) is made of po and communication edges, so it
/// follows T and is acyclic; atomicity is checked on its own. The LKMM's `rb` also uses
/// `rcu-rscsi`, which points backwards (unlock → lock); but when no `synchronize_rcu()`
/// lies strictly inside a read-side critical section in T, each `rcu-order` edge still
/// points forwards in T (a grace period reached from inside a critical section's end lies
/// before its start, and one reaching its start lies after its end), so `rb` follows T and
/// is irreflexive. So such an execution is allowed; anything else goes to the full model.
/// Not taken: SRCU (per-structure grace periods), and for the LKMM plain accesses (its
/// plain-coherence axiom and data-race flag need the full relations).
///
/// T is searched greedily: events that open no critical section first, a grace period only
/// while no critical section is open, a critical section opened only when nothing else can
/// go and its first event is ready. A failed search proves nothing; the caller then runs
/// the model.
enum InterleavingWitness {
    /// The model's outcome when an interleaving shows `x` allowed; nil when undecided.
    static func allowedOutcome(_ x: Execution, under model: ModelKind) -> ModelOutcome? {
        let s = x.structure.cached(model) { LKMMStatic(x, plainAsMarked: model != .lkmm) }
        guard s.SrcuLock.isEmpty, s.SrcuUnlock.isEmpty, s.SyncSrcu.isEmpty, s.Plain.isEmpty else { return nil }
        guard atomic(x), interleaves(x, s) else { return nil }
        return ModelOutcome(flags: model == .lkmm ? s.flags : [])
    }

    /// `empty rmw & (fre ; coe)`.
    private static func atomic(_ x: Execution) -> Bool {
        if x.rmw.isEmpty { return true }
        let ext = x.ext
        return (x.rmw & (x.fr & ext).sequence(x.co & ext)).isEmpty
    }

    /// Whether the greedy search finds an interleaving with no grace period inside a
    /// read-side critical section.
    private static func interleaves(_ x: Execution, _ s: LKMMStatic) -> Bool {
        let n = x.size
        let com = x.rf | x.co | x.fr
        // Kahn's algorithm: communication predecessors not yet placed, per event.
        var pending = Array(repeating: 0, count: n)
        for a in 0 ..< n { for b in com.row(a) where b != a { pending[b] += 1 } }
        // Matched rcu_read_lock() → its unlock; grace periods.
        var unlockOf = [Int: Int]()
        for (l, u) in s.rcuRscs.pairs { unlockOf[l] = u }
        let gracePeriods = s.SyncRcu
        let unlocks = s.rcuRscs.range
        // Threads as ranges of event indices (initial writes are each their own "thread").
        var heads: [Int] = [], ends: [Int] = []
        var e = 0
        while e < n {
            let t = x.events[e].thread
            var f = e + 1
            if t >= 0 { while f < n && x.events[f].thread == t { f += 1 } }
            heads.append(e)
            ends.append(f)
            e = f
        }
        var open = 0
        var remaining = n
        func ready(_ e: Int) -> Bool { pending[e] == 0 }
        while remaining > 0 {
            // Events that open no critical section first; then a grace period while none is
            // open; then a critical section whose first event can go (its locks are fences
            // with no communication, so they are placed only right before that event).
            var gracePeriod: Int?, opening: (thread: Int, locks: Int)?, next: Int?
            for k in heads.indices where heads[k] < ends[k] {
                let e = heads[k]
                if gracePeriods.contains(e) {
                    if pending[e] == 0 { gracePeriod = gracePeriod ?? k }
                } else if unlockOf[e] != nil {
                    var f = e
                    while f < ends[k] && unlockOf[f] != nil { f += 1 }
                    if opening == nil && (f == ends[k] || pending[f] == 0) { opening = (k, f - e) }
                } else if pending[e] == 0 {
                    next = k
                    break
                }
            }
            let k: Int
            if let next {
                k = next
            } else if let gracePeriod, open == 0 {
                k = gracePeriod
            } else if let (thread, locks) = opening {
                open += locks
                for _ in 0 ..< locks - 1 {
                    heads[thread] += 1
                    remaining -= 1
                }
                k = thread
            } else {
                return false  // a cycle, or only grace periods left inside an open section
            }
            let e = heads[k]
            if unlocks.contains(e) { open -= 1 }
            for b in com.row(e) where b != e { pending[b] -= 1 }
            heads[k] += 1
            remaining -= 1
        }
        return true
    }
}
