import Litmus

/// The ARMv8 AArch64 axiomatic model (Pulte et al., "Simplifying ARM concurrency", the
/// external, other-multi-copy-atomic definition with `ob = obs | dob | aob | bob`), with the
/// kernel's primitives mapped as Linux maps them on arm64 built without LSE atomics (the
/// LL/SC sequences below; LSE's single instructions order the same way):
/// READ_ONCE/WRITE_ONCE and plain accesses → LDR/STR; smp_load_acquire → LDAR (A);
/// smp_store_release → STLR (L); smp_mb → DMB ISH; smp_rmb → DMB ISHLD; smp_wmb → DMB ISHST;
/// mb/rmb/wmb → DSB SY/LD/ST and dma_mb/rmb/wmb → DMB OSH/OSHLD/OSHST (ordered as the DMB of
/// the same kind); smp_mb__{before,after}_atomic and smp_mb__after_spinlock → DMB ISH;
/// RMWs as the LL/SC sequences Linux uses without LSE: fully ordered ones are
/// LDXR; STLXR; DMB ISH (a failed cmpxchg exits before the STLXR and the DMB, so it is a
/// plain read, unordered as the LKMM says), `_acquire` → LDAXR (A), `_release` → STLXR (L),
/// relaxed and void atomics → LDXR/STXR; spin_lock → LDAXR/STXR (A read);
/// spin_unlock → STLR (L); synchronize_rcu/srcu → DMB ISH;
/// srcu_read_lock/unlock contain smp_mb(); rcu_read_lock/unlock and barrier() emit nothing.
///
/// RCU: the mapping alone does not keep a read-side critical section from spanning a grace
/// period; the kernel's RCU implementation does, so the LKMM's `rcu` axiom is checked last.
public struct ARMv8: MemoryModel {
    public init() {}
    public var kind: ModelKind { .armv8 }

    public func evaluate(_ x: Execution, explaining: Bool) -> ModelOutcome {
        let c = CommonRelations(x)
        let (R, W) = (c.R, c.W)
        let po = x.po
        func fences(_ kinds: Set<FenceKind>) -> EventSet { x.select { $0.fence.map(kinds.contains) ?? false } }
        let dmbFull = fences([.mb, .mandatoryMB, .dmaMB, .beforeAtomic, .afterAtomic, .afterSpinlock, .synchronizeRCU])
            | x.select { $0.kind == .syncSRCU }
        let dmbLd = fences([.rmb, .mandatoryRMB, .dmaRMB])
        let dmbSt = fences([.wmb, .mandatoryWMB, .dmaWMB])
        let A = x.select { $0.annotation == .acquire && $0.isRead } | x.select { $0.kind == .lockRead }
        let L = x.select { ($0.annotation == .release || $0.annotation == .mb) && $0.kind == .write && !$0.isInit }
            | x.select { $0.kind == .unlock }
        // The STLXR of a fully ordered RMW, followed by DMB ISH.
        let fullRMWWrite = x.rmw.range & x.select { $0.annotation == .mb }
        let srcuLock = x.select { $0.annotation == .srcuLock }, srcuUnlock = x.select { $0.annotation == .srcuUnlock }

        var vocabulary = c.communication + [("addr", x.addr), ("data", x.data), ("ctrl", x.ctrl), ("rmw", x.rmw)]
        vocabulary += c.fencedProgramOrder(x.fences | x.select { $0.kind == .syncSRCU })
        vocabulary += [("po-loc", x.poLoc), ("po", po)]
        if let v = acyclic(c.coherence, "po-loc | fr | co | rf", as: "internal", vocabulary) { return ModelOutcome(violation: v) }
        if let v = empty(c.atomicity, "rmw & (fre ; coe)", as: "atomic", vocabulary) { return ModelOutcome(violation: v) }

        let obs = c.rfe | c.fre | c.coe                                                     // obs: observed-by
        let dob = x.addr | x.data | x.ctrl.restricted(range: W)                             // dob: dependency-ordered-before
            | x.addr.sequence(po).restricted(range: W)
            | (x.addr | x.data).sequence(c.rfi)
        let aob = x.rmw | Relation.sequence(x.rmw.range.identity, c.rfi).restricted(range: A)  // aob: atomic-ordered-before
        let bob = x.fenceRelation(dmbFull)                                                   // bob: barrier-ordered-before
            | po.restricted(domain: fullRMWWrite)
            | po.restricted(domain: L, range: A)
            | x.fenceRelation(dmbLd).restricted(domain: R)
            | po.restricted(domain: A)
            | x.fenceRelation(dmbSt).restricted(domain: W, range: W)
            | po.restricted(range: L)
            | po.restricted(domain: srcuLock) | po.restricted(range: srcuUnlock)
            | x.fenceRelation(srcuLock | srcuUnlock)
        let ob = obs | dob | aob | bob                                                       // ob: ordered-before
        vocabulary += [("dob", dob), ("aob", aob), ("bob", bob)]
        if let v = acyclic(ob, "ob", as: "external", vocabulary) { return ModelOutcome(violation: v) }
        // RCU: the kernel's grace-period guarantee, which its RCU implementation provides here.
        if let v = GracePeriodGuarantee.violation(of: x, under: .armv8, explaining: explaining, vocabulary: vocabulary) {
            return ModelOutcome(violation: v)
        }
        return ModelOutcome()
    }
}
