import Litmus

/// The LKMM's ordering relations up to `pb` (linux-kernel.cat's "instruction execution
/// ordering" and "propagation" parts), shared by the LKMM itself and by the grace-period
/// guarantee the hardware models borrow from it (``GracePeriodGuarantee``).
struct LKMMOrdering {
    let s: LKMMStatic
    let c: CommonRelations
    /// Dependencies extended through plain accesses (bell's carry-dep).
    let addr, data, ctrl: Relation
    let poUnlockLockPo, strongFence, nonrwFence, fence: Relation
    let ppo, rmwSequence, cumulFence, prop, hb, hbStar, pb: Relation

    /// The LKMM's own relations, or (`for` a hardware model) those relations with plain
    /// accesses counted as marked: that model compiles them to the same instructions.
    init(_ x: Execution, for model: ModelKind = .lkmm) {
        let s = x.structure.cached(model) { LKMMStatic(x, plainAsMarked: model != .lkmm) }
        let c = CommonRelations(x)
        self.s = s
        self.c = c
        let n = x.size
        let (R, M, Marked, Plain) = (s.R, s.M, s.Marked, s.Plain)
        let po = x.po
        let id = Relation.identity(size: n)
        let markedId = s.markedId

        let carryDep = s.dataToWrite.isEmpty ? id
            : Relation.sequence(s.dataToWrite, c.rfi).reflexiveTransitiveClosure   // carry-dep
        addr = carryDep.sequence(x.addr)
        ctrl = carryDep.sequence(x.ctrl)
        data = carryDep.sequence(x.data)

        // Basic relations (the rf-independent ones are in LKMMStatic).
        poUnlockLockPo = s.UL.isEmpty ? Relation(size: n)                       // po-unlock-lock-po
            : Relation.sequence(po.restricted(range: s.UL), (po | x.rf).restricted(range: s.LKR), po)
        let mb = s.afterUnlockLock.isEmpty ? s.mb                               // mb: + smp_mb__after_unlock_lock()
            : s.mb | Relation.sequence(poUnlockLockPo.restricted(domain: M, range: s.afterUnlockLock), po.restricted(range: M))
        strongFence = mb | s.gp                                                 // strong-fence
        nonrwFence = strongFence | s.poRel | s.acqPo                            // nonrw-fence
        fence = nonrwFence | s.wmb | s.rmb                                      // fence

        // Instruction execution order.
        let dep = addr | data                                                   // dep: address or data dependency
        let rwdep = (dep | ctrl).restricted(range: s.W)                         // rwdep: dependency to a write
        let overwrite = x.co | x.fr                                             // overwrite: co | fr
        let toW = rwdep | (overwrite & x.int) | Relation.sequence(addr.restricted(range: Plain), s.wmb)  // to-w
        let toR = addr.restricted(range: R) | Relation.sequence(dep.restricted(range: Marked), c.rfi)  // to-r
        ppo = toR | toW | (fence & x.int) | (poUnlockLockPo & x.int)            // ppo: preserved program order

        // Propagation.
        rmwSequence = s.hasRMW ? x.rf.sequence(x.rmw).reflexiveTransitiveClosure : id  // rmw-sequence
        let aCumul = c.rfe.restricted(range: Marked).reflexive.sequence(strongFence | s.poRel)  // A-cumul(strong-fence | po-rel)
        cumulFence = Relation.sequence(markedId, aCumul | s.wmb | poUnlockLockPo, markedId, rmwSequence)  // cumul-fence
        prop = Relation.sequence(markedId, (overwrite & x.ext).reflexive, cumulFence.reflexiveTransitiveClosure,
                                 markedId, c.rfe.reflexive, markedId)           // prop: propagation ordering
        hb = Relation.sequence(markedId, ppo | c.rfe | ((prop - id) & x.int), markedId)  // hb: happens-before
        hbStar = hb.reflexiveTransitiveClosure
        pb = Relation.sequence(prop, strongFence, hbStar, markedId)             // pb: propagates-before
    }
}
