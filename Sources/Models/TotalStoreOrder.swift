import Litmus

/// x86-TSO (Owens, Sarkar, Sewell; herd7's x86tso.cat), with the kernel's primitives mapped as
/// Linux maps them on x86-64: every access is a plain `mov` (acquire and release included),
/// `smp_mb()`/`mb()`/`dma_mb()` and grace periods are `mfence`, the read and write barriers
/// are no-ops for ordinary memory, atomic RMWs and spin_lock() are `lock`-prefixed
/// (failed cmpxchg too), spin_unlock() is a `mov`; srcu_read_lock()/unlock() imply smp_mb().
///
/// RCU: the mapping alone does not keep a read-side critical section from spanning a grace
/// period; the kernel's RCU implementation does, so the LKMM's `rcu` axiom is checked last.
public struct TotalStoreOrder: MemoryModel {
    public init() {}
    public var kind: ModelKind { .tso }

    public func evaluate(_ x: Execution, explaining: Bool) -> ModelOutcome {
        let c = CommonRelations(x)
        let (R, W, M) = (c.R, c.W, c.M)
        let po = x.po
        let MFENCE = x.select {
            switch $0.fence {
            case .mb?, .mandatoryMB?, .dmaMB?, .synchronizeRCU?: return true
            default: return $0.kind == .syncSRCU
            }
        }
        let LOCKED = x.select { $0.isRMW || $0.kind == .lockRead || $0.kind == .lockWrite }
        let srcu = x.select { $0.annotation == .srcuLock || $0.annotation == .srcuUnlock }

        var vocabulary = c.communication + c.fencedProgramOrder(MFENCE)
        vocabulary += [("rmw", x.rmw), ("po-loc", x.poLoc), ("po", po)]
        if let v = acyclic(c.coherence, "po-loc | com", as: "uniproc", vocabulary) { return ModelOutcome(violation: v) }
        if let v = empty(c.atomicity, "rmw & (fre ; coe)", as: "atomic", vocabulary) { return ModelOutcome(violation: v) }

        let ppo = po.restricted(domain: W, range: W) | po.restricted(domain: R, range: M)  // ppo: all but write→read
        let mfence = x.fenceRelation(MFENCE | srcu).restricted(domain: M, range: M)      // mfence: across a full fence
        let implied = (po.restricted(range: LOCKED | srcu) | po.restricted(domain: LOCKED | srcu))
            .restricted(domain: M, range: M)                                                // implied: locked instructions fence
        let ghb = ppo | mfence | implied | c.rfe | x.fr | x.co                              // ghb: global happens-before
        if let v = acyclic(ghb, "ghb", as: "tso", vocabulary + [("ppo", ppo), ("implied", implied)]) { return ModelOutcome(violation: v) }
        // RCU: the kernel's grace-period guarantee, which its RCU implementation provides here.
        if let v = GracePeriodGuarantee.violation(of: x, under: .tso, explaining: explaining, vocabulary: vocabulary) {
            return ModelOutcome(violation: v)
        }
        return ModelOutcome()
    }
}
