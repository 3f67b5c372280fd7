import Litmus

/// The Linux-kernel memory model, relation by relation as linux-kernel.bell, lock.cat and
/// linux-kernel.cat define it (names as in those files and in explanation.txt).
///
/// The seed's mandatory and DMA barriers (`mb()`, `rmb()`, `wmb()`, `dma_mb()`, ...) are not
/// LKMM primitives: they are modelled as their `smp_` counterparts (``FenceKind/lkmmKind``),
/// which is what they guarantee between CPUs; their extra device-ordering is out of scope.
public struct LinuxKernelModel: MemoryModel {
    public init() {}
    public var kind: ModelKind { .lkmm }

    public func evaluate(_ x: Execution) -> ModelOutcome {
        let c = CommonRelations(x)
        let n = x.size
        let (R, W, M, IW) = (c.R, c.W, c.M, c.IW)
        let po = x.po
        let id = Relation.identity(size: n)

        // Tags (linux-kernel.bell).
        func fence(_ k: FenceKind) -> EventSet { x.select { $0.kind == .fence && $0.fence?.lkmmKind == k } }
        func tagged(_ a: Annotation) -> EventSet { x.select { $0.annotation == a && !$0.isInit } }
        let RMW = x.select { $0.isRMW }
        let FailedRMW = RMW - (x.rmw.domain | x.rmw.range)                 // failed cmpxchg & co: no ordering
        let LKR = x.select { $0.kind == .lockRead }, LKW = x.select { $0.kind == .lockWrite }
        let UL = x.select { $0.kind == .unlock }, RU = x.select { $0.kind == .readUnlocked }
        let LF = x.select { $0.kind == .lockFail || $0.kind == .readLocked }   // lock.cat: RL counts as LF
        let Acquire = (tagged(.acquire) - W - FailedRMW) | LKR              // lock.cat adds LKR
        let Release = (tagged(.release) - R - FailedRMW) | UL               // lock.cat adds UL
        let Mb = (tagged(.mb) | fence(.mb)) - FailedRMW
        let Noreturn = tagged(.noReturn) - W
        let SrcuLock = tagged(.srcuLock), SrcuUnlock = tagged(.srcuUnlock)
        let SyncSrcu = x.select { $0.kind == .syncSRCU }
        let RcuLock = fence(.rcuReadLock), RcuUnlock = fence(.rcuReadUnlock), SyncRcu = fence(.synchronizeRCU)
        let Rmb = fence(.rmb), Wmb = fence(.wmb)
        let Marked = (x.select { !$0.isAccess } | IW | tagged(.once) | tagged(.release) | tagged(.acquire) | tagged(.mb)
            | RMW | LKR | LKW | UL | LF | RU | SrcuLock | SrcuUnlock)
        let Plain = M - Marked

        // Dependencies carried through plain accesses (bell's carry-dep).
        let carryDep = Relation.sequence(x.data, (W - SrcuUnlock).identity, c.rfi).reflexiveTransitiveClosure
        let addr = carryDep.sequence(x.addr), ctrl = carryDep.sequence(x.ctrl), data = carryDep.sequence(x.data)

        // Basic relations.
        let acqPo = po.restricted(domain: Acquire, range: M)                // acq-po: acquire before later accesses
        let poRel = po.restricted(domain: M, range: Release)                // po-rel: accesses before a release
        let poUnlockLockPo = Relation.sequence(po.restricted(range: UL), (po | x.rf).restricted(range: LKR), po)  // po-unlock-lock-po
        let R4rmb = R - Noreturn
        let rmb = x.fenceRelation(Rmb).restricted(domain: R4rmb, range: R4rmb)   // rmb: reads on either side of smp_rmb()
        let wmb = x.fenceRelation(Wmb).restricted(domain: W, range: W)           // wmb: writes on either side of smp_wmb()
        let rmwEvents = RMW
        let mb = x.fenceRelation(Mb).restricted(domain: M, range: M)            // mb: smp_mb() and fully ordered RMWs
            | po.restricted(domain: M, range: Mb & R)
            | po.restricted(domain: Mb & W, range: M)
            | Relation.sequence(x.fenceRelation(fence(.beforeAtomic)).restricted(domain: M, range: rmwEvents), po.reflexive.restricted(range: M))
            | Relation.sequence(po.reflexive.restricted(domain: M, range: rmwEvents), x.fenceRelation(fence(.afterAtomic)).restricted(range: M))
            | Relation.sequence(po.reflexive.restricted(domain: M, range: LKW), x.fenceRelation(fence(.afterSpinlock)).restricted(range: M))
            | Relation.sequence(poUnlockLockPo.restricted(domain: M, range: fence(.afterUnlockLock)), po.restricted(range: M))
            | Relation.sequence(po.reflexive.restricted(domain: M, range: SrcuUnlock), x.fenceRelation(fence(.afterSRCUReadUnlock)).restricted(range: M))
        let gp = po.restricted(range: SyncRcu | SyncSrcu).sequence(po.reflexive)  // gp: across a grace period
        var strongFence = mb | gp                                               // strong-fence
        let nonrwFence = strongFence | poRel | acqPo                            // nonrw-fence
        var fenceRel = nonrwFence | wmb | rmb                                   // fence
        let barrierEvents = fence(.compilerBarrier) | Rmb | Wmb | Mb | SyncRcu | SyncSrcu | fence(.beforeAtomic)
            | fence(.afterAtomic) | Acquire | Release | RcuLock | RcuUnlock | SrcuLock | SrcuUnlock
        let barrier = x.fenceRelation(barrierEvents) | po.restricted(range: Release) | po.restricted(domain: Acquire)

        var vocabulary = c.communication
        vocabulary += [("addr", addr), ("data", data), ("ctrl", ctrl), ("rmw", x.rmw)]
        vocabulary += c.fencedProgramOrder(x.fences | SyncSrcu)
        vocabulary += [("po-rel", poRel), ("acq-po", acqPo), ("po-unlock-lock-po", poUnlockLockPo), ("po-loc", x.poLoc), ("po", po)]

        // Coherence and atomicity.
        if let v = acyclic(c.coherence, "po-loc | com", as: "coherence", vocabulary) { return ModelOutcome(violation: v) }
        if let v = empty(c.atomicity, "rmw & (fre ; coe)", as: "atomic", vocabulary) { return ModelOutcome(violation: v) }

        // Instruction execution order.
        let dep = addr | data                                                   // dep: address or data dependency
        let rwdep = (dep | ctrl).restricted(range: W)                           // rwdep: dependency to a write
        let overwrite = x.co | x.fr                                             // overwrite
        let toW = rwdep | (overwrite & x.int) | Relation.sequence(addr.restricted(range: Plain), wmb)  // to-w
        let toR = addr.restricted(range: R) | Relation.sequence(dep.restricted(range: Marked), c.rfi)  // to-r
        let ppo = toR | toW | (fenceRel & x.int) | (poUnlockLockPo & x.int)     // ppo: preserved program order

        // Propagation.
        let markedId = Marked.identity
        let rmwSequence = x.rf.sequence(x.rmw).reflexiveTransitiveClosure     // rmw-sequence
        func aCumul(_ r: Relation) -> Relation {                              // A-cumul(r)
            c.rfe.restricted(range: Marked).reflexive.sequence(r)
        }
        let cumulFence = Relation.sequence(markedId, aCumul(strongFence | poRel) | wmb | poUnlockLockPo, markedId, rmwSequence)  // cumul-fence
        let prop = Relation.sequence(markedId, (overwrite & x.ext).reflexive, cumulFence.reflexiveTransitiveClosure,
                                     markedId, c.rfe.reflexive, markedId)     // prop: propagation ordering
        let hb = Relation.sequence(markedId, ppo | c.rfe | ((prop - id) & x.int), markedId)  // hb: happens-before
        vocabulary += [("ppo", ppo), ("prop", prop), ("hb", hb)]
        if let v = acyclic(hb, "hb", as: "happens-before", vocabulary) { return ModelOutcome(violation: v) }

        let hbStar = hb.reflexiveTransitiveClosure
        let pb = Relation.sequence(prop, strongFence, hbStar, markedId)         // pb: propagates-before
        vocabulary += [("strong-fence", strongFence), ("pb", pb)]
        if let v = acyclic(pb, "pb", as: "propagation", vocabulary) { return ModelOutcome(violation: v) }

        // RCU.
        var rb = Relation(size: n)
        let hasRCU = !(RcuLock | RcuUnlock | SyncRcu | SyncSrcu | SrcuLock | SrcuUnlock).isEmpty
        if hasRCU {
            let rcuRscs = rcuCriticalSections(x, locks: RcuLock, unlocks: RcuUnlock)  // rcu-rscs
            let carrySrcuData = Relation.sequence(x.data, (M - SrcuUnlock).identity, x.rf).reflexiveTransitiveClosure
            let srcuRscs = Relation.sequence(SrcuLock.identity, carrySrcuData, x.data, SrcuUnlock.identity) & x.loc  // srcu-rscs
            let rcuGp = SyncRcu.identity, srcuGp = SyncSrcu.identity                                // rcu-gp, srcu-gp
            let rcuRscsi = rcuRscs.inverse, srcuRscsi = srcuRscs.inverse
            let pbStar = pb.reflexiveTransitiveClosure
            let rcuLink = Relation.sequence(po.reflexive, hbStar, pbStar, prop, po)  // rcu-link
            var rcuOrder = Relation(size: n)                                        // rcu-order (least fixpoint)
            let base = rcuGp | srcuGp
                | Relation.sequence(rcuGp, rcuLink, rcuRscsi)
                | (Relation.sequence(srcuGp, rcuLink, srcuRscsi) & x.loc)
                | Relation.sequence(rcuRscsi, rcuLink, rcuGp)
                | (Relation.sequence(srcuRscsi, rcuLink, srcuGp) & x.loc)
            while true {
                let inner = Relation.sequence(rcuLink, rcuOrder, rcuLink)
                let next = base
                    | Relation.sequence(rcuGp, inner, rcuRscsi)
                    | (Relation.sequence(srcuGp, inner, srcuRscsi) & x.loc)
                    | Relation.sequence(rcuRscsi, inner, rcuGp)
                    | (Relation.sequence(srcuRscsi, inner, srcuGp) & x.loc)
                    | Relation.sequence(rcuOrder, rcuLink, rcuOrder)
                if next == rcuOrder { break }
                rcuOrder = next
            }
            let rcuFence = Relation.sequence(po, rcuOrder, po.reflexive)           // rcu-fence
            fenceRel = fenceRel | rcuFence
            strongFence = strongFence | rcuFence
            rb = Relation.sequence(prop, rcuFence, hbStar, pbStar, markedId)        // rb: RCU-before
            vocabulary += [("rcu-fence", rcuFence), ("rb", rb)]
            if let v = irreflexive(rb, "rb", as: "rcu", vocabulary) { return ModelOutcome(violation: v) }
        }

        // Plain accesses and data races.
        if Plain.isEmpty { return ModelOutcome() }
        let xbstar = (hb | pb | rb).reflexiveTransitiveClosure                      // xbstar: executes-before
        let vis = Relation.sequence(cumulFence.reflexiveTransitiveClosure, c.rfe.reflexive, markedId,
                                    Relation.sequence(strongFence, markedId, xbstar) | (xbstar & x.int))  // vis
        let rmbNoreturn = x.fenceRelation(Rmb)
        let wPreBounded = markedId.sequence((addr | fenceRel).reflexive)            // w-pre-bounded
        let rPreBounded = markedId.sequence((addr | nonrwFence | rmbNoreturn.restricted(domain: R4rmb, range: Noreturn.complement)).reflexive)  // r-pre-bounded
        let wPostBounded = Relation.sequence(fenceRel.reflexive, markedId, rmwSequence)    // w-post-bounded
        let rPostBounded = (nonrwFence | rmbNoreturn.restricted(domain: Noreturn.complement, range: R4rmb)).reflexive.sequence(markedId)  // r-post-bounded
        let wwVis = fenceRel | Relation.sequence(strongFence, xbstar, wPreBounded) | Relation.sequence(wPostBounded, vis, wPreBounded)  // ww-vis
        let wrVis = fenceRel | Relation.sequence(strongFence, xbstar, rPreBounded) | Relation.sequence(wPostBounded, vis, rPreBounded)  // wr-vis
        let rwXbstar = fenceRel | Relation.sequence(rPostBounded, xbstar, wPreBounded)   // rw-xbstar
        let preRace = x.ext & (Relation(cartesian: Plain, M) | Relation(cartesian: M - IW, Plain))  // pre-race
        let wrIncoh = preRace & x.rf & rwXbstar.inverse                           // wr-incoh
        let rwIncoh = preRace & x.fr & wrVis.inverse                              // rw-incoh
        let wwIncoh = preRace & x.co & wwVis.inverse                              // ww-incoh
        vocabulary += [("xbstar", xbstar)]
        if let v = empty(wrIncoh | rwIncoh | wwIncoh, "wr-incoh | rw-incoh | ww-incoh", as: "plain-coherence", vocabulary) {
            return ModelOutcome(violation: v)
        }
        let wwNonrace = wwVis & (Relation(cartesian: Marked, W) | rwXbstar) & (Relation(cartesian: W, Marked) | wrVis)  // ww-nonrace
        let wwRace = (preRace & x.co) - wwNonrace                                 // ww-race
        let wrRace = ((preRace & x.co.reflexive.sequence(x.rf)) - wrVis) - rwXbstar.inverse  // wr-race
        let rwRace = (preRace & x.fr) - rwXbstar                                  // rw-race
        let races = wwRace | wrRace | rwRace
        return ModelOutcome(flags: races.isEmpty ? [] : ["data-race"])
    }

    /// rcu-rscs: each rcu_read_lock() matched with its rcu_read_unlock(), innermost first.
    private func rcuCriticalSections(_ x: Execution, locks: EventSet, unlocks: EventSet) -> Relation {
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
