import Litmus

/// The Linux-kernel memory model, relation by relation as linux-kernel.bell, lock.cat and
/// linux-kernel.cat define it (names as in those files and in explanation.txt).
///
/// The seed's mandatory and DMA barriers (`mb()`, `rmb()`, `wmb()`, `dma_mb()`, ...) are not
/// LKMM primitives: they are modelled as their `smp_` counterparts (``FenceKind/lkmmKind``),
/// which is what they guarantee between CPUs; their extra device-ordering is out of scope.
public struct LinuxKernelModel: BuiltInModel {
    public init() {}
    public var kind: ModelKind { .lkmm }

    public func evaluate(_ x: Execution, explaining: Bool) -> ModelOutcome {
        let o = LKMMOrdering(x)
        let (s, c) = (o.s, o.c)
        let (W, M, IW) = (s.W, s.M, s.IW)
        let (Marked, Plain, Noreturn, R4rmb) = (s.Marked, s.Plain, s.Noreturn, s.R4rmb)
        let po = x.po
        let markedId = s.markedId
        let (addr, data, ctrl) = (o.addr, o.data, o.ctrl)
        var (strongFence, fence) = (o.strongFence, o.fence)
        let (nonrwFence, cumulFence, prop, hb, pb) = (o.nonrwFence, o.cumulFence, o.prop, o.hb, o.pb)

        var vocabulary: [(name: String, relation: Relation)] = []
        if explaining {
            vocabulary = c.communication + [("addr", addr), ("data", data), ("ctrl", ctrl), ("rmw", x.rmw)]
            vocabulary += c.fencedProgramOrder(x.fences | s.SyncSrcu)
            vocabulary += [("po-rel", s.poRel), ("acq-po", s.acqPo), ("po-unlock-lock-po", o.poUnlockLockPo),
                           ("po-loc", x.poLoc), ("po", po)]
        }

        // Coherence and atomicity.
        if let v = acyclic(c.coherence, "po-loc | com", as: "coherence", vocabulary) { return ModelOutcome(violation: v) }
        if let v = empty(c.atomicity, "rmw & (fre ; coe)", as: "atomic", vocabulary) { return ModelOutcome(violation: v) }

        // Instruction execution order, then propagation (relations in LKMMOrdering).
        if explaining { vocabulary += [("ppo", o.ppo), ("prop", prop), ("hb", hb)] }
        if let v = acyclic(hb, "hb", as: "happens-before", vocabulary) { return ModelOutcome(violation: v) }
        if explaining { vocabulary += [("strong-fence", strongFence), ("pb", pb)] }
        if let v = acyclic(pb, "pb", as: "propagation", vocabulary) { return ModelOutcome(violation: v) }

        // RCU.
        var rb = Relation(size: x.size)
        var flags = s.flags
        if s.hasRCU {
            let g = GracePeriodGuarantee(x, o)
            flags.formUnion(g.flags)
            fence = fence | g.rcuFence
            strongFence = strongFence | g.rcuFence
            rb = g.rb
            if explaining { vocabulary += g.vocabulary }
            if let v = irreflexive(rb, "rb", as: "rcu", vocabulary) { return ModelOutcome(violation: v) }
        }

        // Plain accesses and data races.
        if Plain.isEmpty { return ModelOutcome(flags: flags) }
        let rmwSequence = o.rmwSequence
        let xbstar = (hb | pb | rb).reflexiveTransitiveClosure                      // xbstar: executes-before
        let vis = Relation.sequence(cumulFence.reflexiveTransitiveClosure, c.rfe.reflexive, markedId,
                                    Relation.sequence(strongFence, markedId, xbstar) | (xbstar & x.int))  // vis
        let rmbFence = x.fenceRelation(s.Rmb)
        let wPreBounded = markedId.sequence((addr | fence).reflexive)               // w-pre-bounded
        let rPreBounded = markedId.sequence((addr | nonrwFence                      // r-pre-bounded
            | rmbFence.restricted(domain: R4rmb, range: Noreturn.complement)).reflexive)
        let wPostBounded = Relation.sequence(fence.reflexive, markedId, rmwSequence)  // w-post-bounded
        let rPostBounded = (nonrwFence                                              // r-post-bounded
            | rmbFence.restricted(domain: Noreturn.complement, range: R4rmb)).reflexive.sequence(markedId)
        let wwVis = fence | Relation.sequence(strongFence, xbstar, wPreBounded)   // ww-vis
            | Relation.sequence(wPostBounded, vis, wPreBounded)
        let wrVis = fence | Relation.sequence(strongFence, xbstar, rPreBounded)     // wr-vis
            | Relation.sequence(wPostBounded, vis, rPreBounded)
        let rwXbstar = fence | Relation.sequence(rPostBounded, xbstar, wPreBounded) // rw-xbstar
        let preRace = x.ext & (Relation(cartesian: Plain, M) | Relation(cartesian: M - IW, Plain))  // pre-race
        let wrIncoh = preRace & x.rf & rwXbstar.inverse                           // wr-incoh
        let rwIncoh = preRace & x.fr & wrVis.inverse                              // rw-incoh
        let wwIncoh = preRace & x.co & wwVis.inverse                              // ww-incoh
        if explaining { vocabulary += [("xbstar", xbstar)] }
        if let v = empty(wrIncoh | rwIncoh | wwIncoh, "wr-incoh | rw-incoh | ww-incoh", as: "plain-coherence", vocabulary) {
            return ModelOutcome(violation: v)
        }
        let wwNonrace = wwVis & (Relation(cartesian: Marked, W) | rwXbstar)       // ww-nonrace
            & (Relation(cartesian: W, Marked) | wrVis)
        let wwRace = (preRace & x.co) - wwNonrace                                 // ww-race
        let wrRace = ((preRace & x.co.reflexive.sequence(x.rf)) - wrVis) - rwXbstar.inverse  // wr-race
        let rwRace = (preRace & x.fr) - rwXbstar                                  // rw-race
        if !(wwRace | wrRace | rwRace).isEmpty { flags.insert("data-race") }
        return ModelOutcome(flags: flags)
    }
}

/// The LKMM's sets and the relations that do not depend on reads-from or coherence,
/// computed once per combination of thread paths.
struct LKMMStatic: Sendable {
    let R, W, M, IW, Marked, Plain, Acquire, Release, Noreturn, R4rmb: EventSet
    let LKR, UL, SrcuLock, SrcuUnlock, SyncSrcu, SyncRcu, Rmb, afterUnlockLock: EventSet
    let markedId, notSrcuUnlock, dataToWrite: Relation
    let acqPo, poRel, rmb, wmb, mb, gp, rcuRscs: Relation
    let hasRCU, hasRMW: Bool
    /// The bell's and lock.cat's `flag`s that do not depend on rf or co.
    let flags: Set<String>

    /// `plainAsMarked`: the hardware models' view, where a plain access compiles to the same
    /// load or store as READ_ONCE()/WRITE_ONCE() (for their grace-period axiom).
    init(_ x: Execution, plainAsMarked: Bool = false) {
        let po = x.po
        R = x.reads
        W = x.writes
        M = R | W
        IW = x.initialWrites
        func fence(_ k: FenceKind) -> EventSet { x.select { $0.kind == .fence && $0.fence?.lkmmKind == k } }
        func tagged(_ a: Annotation) -> EventSet { x.select { $0.annotation == a && !$0.isInit } }
        let RMW = x.select { $0.isRMW }                                         // events of RMW instructions
        let FailedRMW = RMW - (x.rmw.domain | x.rmw.range)                     // failed cmpxchg & co: no ordering
        LKR = x.select { $0.kind == .lockRead }
        let LKW = x.select { $0.kind == .lockWrite }
        UL = x.select { $0.kind == .unlock }
        let RU = x.select { $0.kind == .readUnlocked }
        let LF = x.select { $0.kind == .lockFail || $0.kind == .readLocked }    // lock.cat: RL counts as LF
        Acquire = (tagged(.acquire) - W - FailedRMW) | LKR                     // Acquire (lock.cat adds LKR)
        Release = (tagged(.release) - R - FailedRMW) | UL                      // Release (lock.cat adds UL)
        let Mb = (tagged(.mb) | fence(.mb)) - FailedRMW                        // Mb
        Noreturn = tagged(.noReturn) - W                                       // Noreturn
        SrcuLock = tagged(.srcuLock)
        SrcuUnlock = tagged(.srcuUnlock)
        SyncSrcu = x.select { $0.kind == .syncSRCU }
        let RcuLock = fence(.rcuReadLock), RcuUnlock = fence(.rcuReadUnlock)
        SyncRcu = fence(.synchronizeRCU)
        Rmb = fence(.rmb)
        let Wmb = fence(.wmb)
        afterUnlockLock = fence(.afterUnlockLock)
        Marked = plainAsMarked ? .all(size: x.size)
            : x.select { !$0.isAccess } | IW | tagged(.once) | tagged(.release) | tagged(.acquire)  // Marked
            | tagged(.mb) | RMW | LKR | LKW | UL | LF | RU | SrcuLock | SrcuUnlock
        Plain = M - Marked                                                     // Plain
        R4rmb = R - Noreturn                                                   // R4rmb: reads smp_rmb() orders
        markedId = Marked.identity
        notSrcuUnlock = SrcuUnlock.complement.identity
        dataToWrite = x.data.restricted(range: W - SrcuUnlock)
        hasRMW = !x.rmw.isEmpty
        hasRCU = !(RcuLock | RcuUnlock | SyncRcu | SyncSrcu | SrcuLock | SrcuUnlock).isEmpty

        acqPo = po.restricted(domain: Acquire, range: M)                        // acq-po: acquire before later accesses
        poRel = po.restricted(domain: M, range: Release)                        // po-rel: accesses before a release
        rmb = x.fenceRelation(Rmb).restricted(domain: R4rmb, range: R4rmb)      // rmb: reads around smp_rmb()
        wmb = x.fenceRelation(Wmb).restricted(domain: W, range: W)              // wmb: writes around smp_wmb()
        mb = x.fenceRelation(Mb).restricted(domain: M, range: M)                // mb: smp_mb(), fully ordered RMWs, ...
            | po.restricted(domain: M, range: Mb & R)
            | po.restricted(domain: Mb & W, range: M)
            | Relation.sequence(x.fenceRelation(fence(.beforeAtomic)).restricted(domain: M, range: RMW), po.reflexive.restricted(range: M))
            | Relation.sequence(po.reflexive.restricted(domain: M, range: RMW), x.fenceRelation(fence(.afterAtomic)).restricted(range: M))
            | Relation.sequence(po.reflexive.restricted(domain: M, range: LKW), x.fenceRelation(fence(.afterSpinlock)).restricted(range: M))
            | Relation.sequence(po.reflexive.restricted(domain: M, range: SrcuUnlock), x.fenceRelation(fence(.afterSRCUReadUnlock)).restricted(range: M))
        gp = po.restricted(range: SyncRcu | SyncSrcu).sequence(po.reflexive)    // gp: across a grace period
        rcuRscs = Self.rcuCriticalSections(x, locks: RcuLock, unlocks: RcuUnlock)  // rcu-rscs

        // Flags: misuse the model reports without forbidding the execution.
        let barrier = x.fenceRelation(fence(.compilerBarrier) | Rmb | Wmb | Mb | SyncRcu | SyncSrcu  // barrier
            | fence(.beforeAtomic) | fence(.afterAtomic) | Acquire | Release | RcuLock | RcuUnlock | SrcuLock | SrcuUnlock)
            | po.restricted(range: Release) | po.restricted(domain: Acquire)
        let plainWrites = Plain & W
        let mixedAccesses = (x.poLoc - barrier).restricted(domain: plainWrites, range: Marked)  // mixed-accesses
            | (x.poLoc - barrier).restricted(domain: Marked, range: plainWrites)
        let allLocks = LKR | LKW | UL | LF | RU | SrcuLock | SrcuUnlock | SyncSrcu
        let critical = Self.criticalSections(x, locks: LKW, unlocks: UL)         // critical: LKW to its UL
        var flags: Set<String> = []
        if !(RcuLock - rcuRscs.domain).isEmpty { flags.insert("unmatched-rcu-lock") }
        if !(RcuUnlock - rcuRscs.range).isEmpty { flags.insert("unmatched-rcu-unlock") }
        if !(rcuRscs & Relation.sequence(po, SyncSrcu.identity, po)).isEmpty { flags.insert("invalid-sleep") }
        if !mixedAccesses.isEmpty { flags.insert("mixed-accesses") }
        if !x.loc.restricted(domain: M - IW - allLocks - SrcuLock - SrcuUnlock, range: allLocks).isEmpty {
            flags.insert("mixed-lock-accesses")
        }
        if !(UL - critical.range).isEmpty { flags.insert("unmatched-unlock") }
        self.flags = flags
    }

    /// lock.cat's critical: each LKW to the first UL of the same lock after it, with no
    /// other LKW or UL of that lock in between.
    static func criticalSections(_ x: Execution, locks: EventSet, unlocks: EventSet) -> Relation {
        var result = Relation(size: x.size)
        var open: [Int: Int] = [:]  // location -> pending LKW (per thread: events are in thread order)
        var thread = -2
        for e in 0 ..< x.size {
            if x.events[e].thread != thread { thread = x.events[e].thread; open = [:] }
            guard let l = x.events[e].location else { continue }
            if locks.contains(e) { open[l] = e }
            if unlocks.contains(e) {
                if let w = open[l] { result.insert(w, e) }
                open[l] = nil
            }
        }
        return result
    }

    /// rcu-rscs: each rcu_read_lock() matched with its rcu_read_unlock(), innermost first.
    static func rcuCriticalSections(_ x: Execution, locks: EventSet, unlocks: EventSet) -> Relation {
        var result = Relation(size: x.size)
        var open: [Int: [Int]] = [:]
        for e in 0 ..< x.size {
            let t = x.events[e].thread
            if locks.contains(e) { open[t, default: []].append(e) }
            if unlocks.contains(e), let l = open[t]?.popLast() { result.insert(l, e) }
        }
        return result
    }
}
