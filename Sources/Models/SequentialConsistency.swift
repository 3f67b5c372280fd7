import Litmus

/// Sequential consistency (Lamport): every execution is one interleaving of the threads, so
/// program order and communication together are acyclic.
///
/// RCU: the mapping alone does not keep a read-side critical section from spanning a grace
/// period; the kernel's RCU implementation does, so the LKMM's `rcu` axiom is checked last.
public struct SequentialConsistency: MemoryModel {
    public init() {}
    public var kind: ModelKind { .sc }

    public func evaluate(_ x: Execution, explaining: Bool) -> ModelOutcome {
        let c = CommonRelations(x)
        let po = x.po.restricted(domain: c.M, range: c.M)
        let vocabulary = c.communication + [("po-loc", x.poLoc), ("po", po), ("rmw", x.rmw)]
        if let v = empty(c.atomicity, "rmw & (fre ; coe)", as: "atomic", vocabulary) { return ModelOutcome(violation: v) }
        let sc = po | c.com                                                      // sc: one total order
        if let v = acyclic(sc, "po | rf | co | fr", as: "sc", vocabulary) { return ModelOutcome(violation: v) }
        // RCU: the kernel's grace-period guarantee, which its RCU implementation provides here.
        if let v = GracePeriodGuarantee.violation(of: x, under: .sc, explaining: explaining, vocabulary: vocabulary) {
            return ModelOutcome(violation: v)
        }
        return ModelOutcome()
    }
}
