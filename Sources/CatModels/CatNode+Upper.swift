import Models

/// Upper bounds of node values in a partial candidate: every edge some completion may still
/// give. Lower bounds of `a \ b` and `~a` take them away (a \ upper(b), ~upper(a)), so a
/// partial candidate whose decided locations already break an axiom is pruned even when the
/// axiom's relation is not monotone (`coe = co \ coi`, lock.cat's `singlestep(co)`).
extension CatNode {
    func upper(_ c: inout CatCandidate) -> CatData {
        if case .constant(let d) = operation { return d }
        // Inside a `let rec` the bounds are not iterated: everything stays possible.
        if dependsOnRecursion { return universe(c.execution.size) }
        let valid = choiceDepth > 0 ? c.choiceStamp : c.stamp
        if upperStamp == valid, let upperCached { return upperCached }
        let result = computeUpper(&c)
        upperCached = result
        upperStamp = valid
        return result
    }

    /// herd7's primitive co relates its W only (lock writes are the model's business).
    private func herdWrites(_ r: Relation, _ c: CatCandidate) -> Relation {
        let writes = EventSet(size: c.execution.size) { c.execution.events[$0].kind == .write }
        return r.restricted(domain: writes, range: writes)
    }

    private func universe(_ n: Int) -> CatData {
        isSet ? .set(.all(size: n)) : .relation(Relation(cartesian: .all(size: n), .all(size: n)))
    }

    private func computeUpper(_ c: inout CatCandidate) -> CatData {
        let n = c.execution.size
        func rel(_ i: Int) -> Relation { inputs[i].upper(&c).relation }
        func set(_ i: Int) -> EventSet { inputs[i].upper(&c).set }
        switch operation {
        case .constant, .recursive, .fixpoint, .universe:
            return universe(n)
        case .rf: return c.rfUpper.map { .relation($0) } ?? universe(n)
        case .co: return c.coUpper.map { .relation(herdWrites($0, c)) } ?? universe(n)
        case .fr:
            guard let rf = c.rfUpper, let co = c.coUpper else { return universe(n) }
            return .relation(rf.inverse.sequence(herdWrites(co, c)))
        case .finalWrites:
            // The last writes of the observed locations are among their writes.
            let x = c.execution
            return .set(EventSet(size: n) { e in
                x.events[e].kind == .write && x.events[e].location.map(c.observed.contains) == true
            })
        case let .chosen(slot):
            return (slot < c.choiceUppers.count ? c.choiceUppers[slot] : nil).map { .relation($0) } ?? universe(n)
        case .union, .intersection, .sequence, .cartesian, .inverse, .plus, .star, .option, .identityOf, .domain, .range,
             .differentValues:
            return monotone(c.execution.events) { inputs[$0].upper(&c) }
        case .difference:
            guard !inputs[1].dependsOnRecursion else { return inputs[0].upper(&c) }
            let b = inputs[1].value(&c)
            return isSet ? .set(set(0) - b.set) : .relation(rel(0) - b.relation)
        case .complement:
            guard !inputs[0].dependsOnRecursion else { return universe(n) }
            let a = inputs[0].value(&c)
            return isSet ? .set(a.set.complement) : .relation(Relation(cartesian: .all(size: n), .all(size: n)) - a.relation)
        }
    }
}
