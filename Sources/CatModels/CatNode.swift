import Litmus
import Models

/// A set or a relation of one execution.
enum CatData {
    case set(EventSet)
    case relation(Relation)

    var relation: Relation {
        switch self {
        case let .relation(r): return r
        case let .set(s): return s.identity
        }
    }

    var set: EventSet {
        switch self {
        case let .set(s): return s
        case let .relation(r): return r.domain
        }
    }

    var isEmpty: Bool {
        switch self {
        case let .set(s): return s.isEmpty
        case let .relation(r): return r.isEmpty
        }
    }
}

/// What varies between the candidates of one skeleton, and how partial the candidate is.
struct CatCandidate {
    /// herd7's primitive rf and co (lock events left to the model, as herd7 does).
    var rf: Relation
    var co: Relation
    /// The enumerator's full rf ∪ co, which `with` choices must agree with.
    var chosen: Relation
    var execution: Execution
    /// Some rf/co edges still undecided: values are lower bounds (``CatNode/value(_:)``),
    /// computed from upper bounds where a term is not monotone (``CatNode/upper(_:)``).
    var partial: Bool
    /// Upper bounds of rf and co in a partial candidate (every edge still possible).
    var rfUpper: Relation?
    var coUpper: Relation?
    /// Upper bounds of the `with` choices (by slot) in a partial candidate.
    var choiceUppers: [Relation?] = []
    /// Locations the test's final state observes (herd7's FW are their last writes).
    var observed: Set<Int>
    var stamp: Int
    var recursionStamp: Int
    /// The relation each `with` currently binds (by slot), nil while undecided.
    var choices: [Relation?] = []

    /// Memo stamp of values that depend on `with` choices (renewed when a choice changes).
    var choiceStamp = 0

    /// A choice changed: values depending on choices are recomputed, the others kept.
    mutating func refresh() {
        choiceStamp = max(stamp, choiceStamp, recursionStamp) + 1
        recursionStamp = choiceStamp
    }

    /// The newest stamp used (the next candidate starts after it).
    var latestStamp: Int { max(stamp, choiceStamp, recursionStamp) }
}

/// One node of a compiled model: a set or relation that depends on rf or co, built once per
/// skeleton by partial evaluation of the cat text, then computed per candidate (memoised).
final class CatNode {
    enum Operation {
        case constant(CatData)
        case rf, co, fr
        /// herd7's FW: the last write of each observed location.
        case finalWrites
        case union, intersection, difference, sequence, cartesian
        case inverse, plus, star, option, identityOf, complement, domain, range
        /// Pairs of `input` whose events hold different values.
        case differentValues
        /// The relation `with` slot `index` binds for this candidate (``ChoiceSlot``).
        case chosen(Int)
        /// A `let rec` variable: its current approximation, set by the fixpoint.
        case recursive
        /// Least fixpoint of `inputs` (the bodies), whose variables are `variables`; value is variable `index`.
        case fixpoint(variables: [CatNode], index: Int)
        /// The identity set when `size` events (universe), as set or relation.
        case universe
    }

    let operation: Operation
    var inputs: [CatNode]
    let isSet: Bool
    /// Depends on a `let rec` variable being iterated: memoised per iteration only.
    var dependsOnRecursion: Bool
    /// How many `with` slots this value depends on (0: none; k: slots below k): it can be
    /// computed once those are chosen.
    let choiceDepth: Int
    private var stamp = -1
    private var cached: CatData?
    /// The memo of ``upper(_:)``.
    var upperStamp = -1
    var upperCached: CatData?
    /// For `.recursive` nodes: the value of the current iteration.
    var current: CatData?

    init(_ operation: Operation, _ inputs: [CatNode] = [], isSet: Bool) {
        self.operation = operation
        self.inputs = inputs
        self.isSet = isSet
        if case let .chosen(slot) = operation { choiceDepth = slot + 1 } else { choiceDepth = inputs.map(\.choiceDepth).max() ?? 0 }
        if case .recursive = operation {
            dependsOnRecursion = true
        } else if case .fixpoint = operation {
            dependsOnRecursion = false
        } else {
            dependsOnRecursion = inputs.contains { $0.dependsOnRecursion }
        }
    }

    func value(_ c: inout CatCandidate) -> CatData {
        if case .constant(let d) = operation { return d }
        if case .recursive = operation { return current! }
        let valid = dependsOnRecursion ? c.recursionStamp : choiceDepth > 0 ? c.choiceStamp : c.stamp
        if stamp == valid, let cached { return cached }
        let result = compute(&c)
        cached = result
        stamp = dependsOnRecursion ? c.recursionStamp : choiceDepth > 0 ? c.choiceStamp : c.stamp
        return result
    }

    private func isVariable(_ node: CatNode) -> Bool {
        if case .constant = node.operation { return false }
        return true
    }

    private func compute(_ c: inout CatCandidate) -> CatData {
        let n = c.execution.size
        func rel(_ i: Int) -> Relation { inputs[i].value(&c).relation }
        func set(_ i: Int) -> EventSet { inputs[i].value(&c).set }
        switch operation {
        case .constant, .recursive: fatalError("handled in value(_:)")
        case .rf: return .relation(c.rf)
        case .co: return .relation(c.co)
        case .fr: return .relation(c.rf.inverse.sequence(c.co))
        case .universe: return isSet ? .set(.all(size: n)) : .relation(Relation(cartesian: .all(size: n), .all(size: n)))
        case .finalWrites:
            if c.partial { return .set(EventSet(size: n)) }
            // The last of herd7's own writes in co, per location the final state observes.
            let x = c.execution
            var s = EventSet(size: n)
            for e in 0 ..< n {
                let ev = x.events[e]
                guard ev.kind == .write, let l = ev.location, c.observed.contains(l), c.co.row(e).isEmpty else { continue }
                s.insert(e)
            }
            return .set(s)
        case .union, .intersection, .sequence, .cartesian, .inverse, .plus, .star, .option, .identityOf, .domain, .range,
             .differentValues:
            return monotone(c.execution.events) { inputs[$0].value(&c) }
        case .difference:
            // A lower bound of a \ b takes away an upper bound of b.
            if c.partial && isVariable(inputs[1]) {
                guard !inputs[1].dependsOnRecursion else { return isSet ? .set(EventSet(size: n)) : .relation(Relation(size: n)) }
                let b = inputs[1].upper(&c)
                return isSet ? .set(set(0) - b.set) : .relation(rel(0) - b.relation)
            }
            return isSet ? .set(set(0) - set(1)) : .relation(rel(0) - rel(1))
        case .complement:
            if c.partial {
                guard !inputs[0].dependsOnRecursion else { return isSet ? .set(EventSet(size: n)) : .relation(Relation(size: n)) }
                let a = inputs[0].upper(&c)
                return isSet ? .set(a.set.complement) : .relation(Relation(cartesian: .all(size: n), .all(size: n)) - a.relation)
            }
            if isSet { return .set(set(0).complement) }
            return .relation(Relation(cartesian: .all(size: n), .all(size: n)) - rel(0))
        case let .chosen(slot):
            return .relation((slot < c.choices.count ? c.choices[slot] : nil) ?? Relation(size: n))
        case let .fixpoint(variables, index):
            for v in variables { v.current = v.isSet ? .set(EventSet(size: n)) : .relation(Relation(size: n)) }
            while true {
                c.recursionStamp += 1
                var changed = false
                var next: [CatData] = []
                for i in variables.indices { next.append(inputs[i].value(&c)) }
                for (v, d) in zip(variables, next) {
                    if !Self.same(v.current!, d) { changed = true }
                    v.current = d
                }
                if !changed { break }
            }
            c.recursionStamp += 1
            return variables[index].current!
        }
    }

    /// The operations monotone in their inputs, on the inputs' values as `input` gives them
    /// (exact values, or upper bounds in a partial candidate). Events' values are fixed by
    /// their thread paths: `different-values` only grows with its input.
    func monotone(_ events: [Event], _ input: (Int) -> CatData) -> CatData {
        func rel(_ i: Int) -> Relation { input(i).relation }
        func set(_ i: Int) -> EventSet { input(i).set }
        switch operation {
        case .union: return isSet ? .set(set(0) | set(1)) : .relation(rel(0) | rel(1))
        case .intersection: return isSet ? .set(set(0) & set(1)) : .relation(rel(0) & rel(1))
        case .sequence: return .relation(rel(0).sequence(rel(1)))
        case .cartesian: return .relation(Relation(cartesian: set(0), set(1)))
        case .inverse: return .relation(rel(0).inverse)
        case .plus: return .relation(rel(0).transitiveClosure)
        case .star: return .relation(rel(0).reflexiveTransitiveClosure)
        case .option: return .relation(rel(0).reflexive)
        case .identityOf: return .relation(set(0).identity)
        case .domain: return .set(rel(0).domain)
        case .range: return .set(rel(0).range)
        case .differentValues:
            let r = rel(0)
            var out = Relation(size: r.size)
            for (a, b) in r.pairs where events[a].value != events[b].value { out.insert(a, b) }
            return .relation(out)
        default: fatalError("\(operation) is not one of the monotone operations")
        }
    }

    static func same(_ a: CatData, _ b: CatData) -> Bool {
        switch (a, b) {
        case let (.set(x), .set(y)): return x == y
        case let (.relation(x), .relation(y)): return x == y
        default: return false
        }
    }
}
