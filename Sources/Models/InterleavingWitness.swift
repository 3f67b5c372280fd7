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
        let plan = x.structure.cached(model, part: 1) { InterleavingPlan(x, model: model) }
        guard plan.applies else { return nil }
        guard atomic(x, plan), interleaves(x, plan) else { return nil }
        return ModelOutcome(flags: plan.flags)
    }

    /// `empty rmw & (fre ; coe)`.
    private static func atomic(_ x: Execution, _ plan: InterleavingPlan) -> Bool {
        if !plan.hasRMW { return true }
        let ext = x.ext
        return (x.rmw & (x.fr & ext).sequence(x.co & ext)).isEmpty
    }

    /// Whether the greedy search finds an interleaving with no grace period inside a
    /// read-side critical section.
    private static func interleaves(_ x: Execution, _ plan: InterleavingPlan) -> Bool {
        let n = x.size
        let w = x.rf.wordsPerRow
        // com = rf | co | fr, without self-loops, as one bit matrix.
        var com = x.rf.bits
        let (co, fr) = (x.co.bits, x.fr.bits)
        for i in com.indices { com[i] |= co[i] | fr[i] }
        for a in 0 ..< n { com[a * w + (a >> 6)] &= ~(1 << UInt64(a & 63)) }
        return com.withUnsafeBufferPointer { com in
            // Kahn's algorithm: communication predecessors not yet placed, per event.
            var pending = [Int](repeating: 0, count: n)
            for i in 0 ..< n * w {
                var m = com[i]
                while m != 0 {
                    pending[((i % w) << 6) | m.trailingZeroBitCount] += 1
                    m &= m - 1
                }
            }
            var heads = plan.heads
            let ends = plan.ends
            var open = 0
            var remaining = n
            while remaining > 0 {
                // Events that open no critical section first; then a grace period while none is
                // open; then a critical section whose first event can go (its locks are fences
                // with no communication, so they are placed only right before that event).
                var gracePeriod = -1, opening = -1, openingLocks = 0, next = -1
                for k in heads.indices where heads[k] < ends[k] {
                    let e = heads[k]
                    if plan.isGracePeriod[e] {
                        if pending[e] == 0 && gracePeriod < 0 { gracePeriod = k }
                    } else if plan.isLock[e] {
                        var f = e
                        while f < ends[k] && plan.isLock[f] { f += 1 }
                        if opening < 0 && (f == ends[k] || pending[f] == 0) { (opening, openingLocks) = (k, f - e) }
                    } else if pending[e] == 0 {
                        next = k
                        break
                    }
                }
                let k: Int
                if next >= 0 {
                    k = next
                } else if gracePeriod >= 0, open == 0 {
                    k = gracePeriod
                } else if opening >= 0 {
                    open += openingLocks
                    heads[opening] += openingLocks - 1
                    remaining -= openingLocks - 1
                    k = opening
                } else {
                    return false  // a cycle, or only grace periods left inside an open section
                }
                let e = heads[k]
                if plan.isUnlock[e] { open -= 1 }
                for word in 0 ..< w {
                    var m = com[e * w + word]
                    while m != 0 {
                        pending[(word << 6) | m.trailingZeroBitCount] -= 1
                        m &= m - 1
                    }
                }
                heads[k] += 1
                remaining -= 1
            }
            return true
        }
    }
}

/// What ``InterleavingWitness`` needs from one structure, derived once per model: a class,
/// so that each candidate takes it with one reference count.
final class InterleavingPlan: Sendable {
    /// Not for SRCU, nor for the LKMM with plain accesses.
    let applies: Bool
    let hasRMW: Bool
    let flags: Set<String>
    /// By event: an rcu_read_lock() matched with an unlock, a matched rcu_read_unlock(), a grace period.
    let isLock, isUnlock, isGracePeriod: [Bool]
    /// Threads as ranges of event indices (initial writes are each their own "thread").
    let heads, ends: [Int]

    init(_ x: Execution, model: ModelKind) {
        let s = x.structure.cached(model) { LKMMStatic(x, plainAsMarked: model != .lkmm) }
        applies = s.SrcuLock.isEmpty && s.SrcuUnlock.isEmpty && s.SyncSrcu.isEmpty && s.Plain.isEmpty
        hasRMW = !x.rmw.isEmpty
        flags = model == .lkmm ? s.flags : []
        let n = x.size
        let (locks, unlocks) = (s.rcuRscs.domain, s.rcuRscs.range)
        isLock = (0 ..< n).map { locks.contains($0) }
        isUnlock = (0 ..< n).map { unlocks.contains($0) }
        isGracePeriod = (0 ..< n).map { s.SyncRcu.contains($0) }
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
        (self.heads, self.ends) = (heads, ends)
    }
}
