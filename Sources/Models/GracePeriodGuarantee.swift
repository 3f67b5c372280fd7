import Litmus

/// The LKMM's RCU axiom (linux-kernel.cat's `rcu` part: `irreflexive rb as rcu`), the
/// grace-period guarantee: a read-side critical section never spans a grace period. The
/// LKMM checks it after `hb` and `pb`; SC, x86-TSO and ARMv8 check it after their own axioms,
/// because the kernel's RCU implementation provides it on every architecture while their
/// own mapping of the primitives (synchronize_rcu() a full fence, rcu_read_lock() and
/// rcu_read_unlock() nothing) does not. It is computed from the LKMM's own `hb`, `pb` and
/// `prop`, the kernel's promise, so it never forbids more than the kernel guarantees; for a
/// hardware model plain accesses count as marked, since it compiles them to the same loads
/// and stores as READ_ONCE()/WRITE_ONCE().
struct GracePeriodGuarantee {
    /// rcu-fence: program order through a chain of grace periods and critical sections.
    let rcuFence: Relation
    /// rb: RCU-before; the axiom requires it irreflexive.
    let rb: Relation
    /// srcu-rscs misuse flags (unmatched-srcu-lock, ...).
    let flags: Set<String>
    /// Named relations a witness of `rb` is told with.
    let vocabulary: [(name: String, relation: Relation)]


    init(_ x: Execution, _ o: LKMMOrdering) {
        let s = o.s
        let n = x.size
        let po = x.po
        let id = Relation.identity(size: n)
        let srcuRscs = s.SrcuLock.isEmpty ? Relation(size: n)                   // srcu-rscs: matching srcu lock/unlock
            : Relation.sequence(s.SrcuLock.identity,
                                Relation.sequence(x.data, s.notSrcuUnlock, x.rf).reflexiveTransitiveClosure,
                                x.data, s.SrcuUnlock.identity) & x.loc
        var flags: Set<String> = []
        if !(s.SrcuLock - srcuRscs.domain).isEmpty { flags.insert("unmatched-srcu-lock") }
        if !(s.SrcuUnlock - srcuRscs.range).isEmpty { flags.insert("unmatched-srcu-unlock") }
        if !(srcuRscs.inverse.sequence(srcuRscs) - id).isEmpty { flags.insert("multiple-srcu-matches") }
        if srcuRscs.pairs.contains(where: { x.events[$0.0].value != x.events[$0.1].value }) {
            flags.insert("srcu-bad-value-match")
        }
        self.flags = flags
        let rcuGp = s.SyncRcu.identity, srcuGp = s.SyncSrcu.identity            // rcu-gp, srcu-gp
        let rcuRscsi = s.rcuRscs.inverse, srcuRscsi = srcuRscs.inverse          // rcu-rscsi, srcu-rscsi
        let pbStar = o.pb.reflexiveTransitiveClosure
        let rcuLink = Relation.sequence(po.reflexive, o.hbStar, pbStar, o.prop, po)  // rcu-link
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
        rcuFence = Relation.sequence(po, rcuOrder, po.reflexive)                 // rcu-fence
        rb = Relation.sequence(o.prop, rcuFence, o.hbStar, pbStar, s.markedId)   // rb: RCU-before
        vocabulary = [("rcu-rscsi", rcuRscsi), ("srcu-rscsi", srcuRscsi), ("rcu-fence", rcuFence), ("rb", rb)]
    }

    /// The axiom alone, for a hardware model whose own axioms `x` satisfies: nil when `x`
    /// has no RCU event or keeps the guarantee.
    static func violation(of x: Execution, under model: ModelKind, explaining: Bool,
                          vocabulary: [(name: String, relation: Relation)]) -> AxiomViolation? {
        let s = x.structure.cached(model) { LKMMStatic(x, plainAsMarked: true) }
        guard s.hasRCU else { return nil }
        let o = LKMMOrdering(x, for: model)
        let g = GracePeriodGuarantee(x, o)
        guard !g.rb.isIrreflexive else { return nil }
        var words = vocabulary
        if explaining {
            words = o.c.communication + o.c.fencedProgramOrder(o.s.SyncRcu | o.s.SyncSrcu) + vocabulary
                + g.vocabulary + [("prop", o.prop), ("hb", o.hb), ("pb", o.pb), ("po", x.po)]
        }
        return AxiomViolation(axiom: "rcu", relationName: "rb", kind: .irreflexive, relation: g.rb, vocabulary: words,
                             note: note(for: model))
    }

    /// What `explain` and `check` say about the borrowed axiom.
    static func note(for model: ModelKind) -> String {
        let name = [ModelKind.sc: "SC", .tso: "x86-TSO", .armv8: "ARMv8"][model] ?? model.rawValue
        return "the LKMM's RCU grace-period guarantee, applied on top of \(name): the kernel's RCU "
            + "implementation provides it there, where \(name) alone sees synchronize_rcu() as a full fence "
            + "and rcu_read_lock()/rcu_read_unlock() as nothing"
    }
}
