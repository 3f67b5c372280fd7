import Litmus

/// Stage 4 of the explorer: for one combination of thread paths, every choice of coherence
/// order and reads-from, location by location (lock locations first, then the most ambiguous),
/// depth first. A subtree is pruned as soon as the model rejects its partial rf/co: every
/// axiom is monotone in rf and co, so a partial violation dooms every completion.
struct CoherenceSearch {
    typealias Statistics = CandidateEnumerator.Statistics

    private let assembly: ExecutionAssembly
    private let structure: SkeletonStructure
    private let paths: [ThreadPath]
    private let options: CheckOptions
    private let observed: [(location: StateLocation, thread: Int, index: Int)]
    private let observedLocations: [StateLocation]
    private let prune: ((Execution) -> Bool)?
    private let visit: (Execution) -> Bool

    /// Each location is either a list of choices or, holding lock events, a lock plan.
    private var perLocation: [[LocationChoice]] = []
    private var plans: [LockPlan?] = []
    private var counts: [Double] = []
    /// Locations in the order decided, and how many choices remain below each depth.
    private var order: [Int] = []
    private var below: [Double] = []
    /// Edges every remaining choice below depth `k` shares: certain before it is decided.
    private var certainRF: [Relation] = []
    private var certainCO: [Relation] = []
    // The choices made so far.
    private var rf: Relation
    private var co: Relation
    private var finalValues: [Value]
    var statistics: Statistics
    /// Choices already listed for a location of this shape with the same values.
    var memo = LocationChoiceMemo()
    var shapeID = -1

    init(
        assembly: ExecutionAssembly, structure: SkeletonStructure, paths: [ThreadPath], options: CheckOptions,
        observed: [(location: StateLocation, thread: Int, index: Int)], statistics: Statistics,
        prune: ((Execution) -> Bool)?, visit: @escaping (Execution) -> Bool
    ) {
        self.assembly = assembly
        self.structure = structure
        self.paths = paths
        self.options = options
        self.observed = observed
        observedLocations = observed.map(\.location)
        self.statistics = statistics
        self.prune = prune
        self.visit = visit
        rf = Relation(size: assembly.size)
        co = Relation(size: assembly.size)
        finalValues = assembly.events.prefix(assembly.variableCount).map { $0.value! }
    }

    private var events: [Event] { assembly.events }
    private var variableCount: Int { assembly.variableCount }

    /// Visits every candidate; false when `visit` asked to stop.
    mutating func run(coherentOnly: Bool) throws(ModelError) -> Bool {
        let members = assembly.members
        // Before listing any choice: reads whose value only one write provides, and the
        // initial writes first in coherence. If the model rejects even that, skip the lot.
        let ambiguous = (0 ..< variableCount).contains { l in
            var writes = 0
            for e in members[l] where events[e].isWrite || events[e].isLockEvent { writes += events[e].isLockEvent ? 2 : 1 }
            return writes > 1
        }
        if let prune, coherentOnly, ambiguous {
            let (rf, co) = assembly.certainEdges(ownWritesInOrder: false)
            statistics.partialChecks += 1
            if prune(.partial(events: events, structure: structure, rf: rf, co: co)) { return true }
        }
        guard try listChoices(coherentOnly: coherentOnly) else { return true }
        orderLocations()
        // A single candidate needs no partial checks: its own check decides it.
        if prune != nil && below[0] > 1 {
            findCertainEdges()
            if below[0] > 1, let prune {
                statistics.partialChecks += 1
                if prune(.partial(events: events, structure: structure, rf: certainRF[0], co: certainCO[0])) { return true }
            }
        }
        return try descend(0)
    }

    /// Each location's choices or lock plan; false when some location has none.
    private mutating func listChoices(coherentOnly: Bool) throws(ModelError) -> Bool {
        let members = assembly.members
        var chooser = LocationChoices(events: events, poIndex: assembly.poIndex, rmwWrite: assembly.rmwWrites(paths))
        chooser.coherentOnly = coherentOnly
        chooser.maxChoices = Swift.min(options.maxCandidates, CandidateEnumerator.maxChoicesPerLocation)
        perLocation = Array(repeating: [], count: variableCount)
        plans = Array(repeating: nil, count: variableCount)
        counts = Array(repeating: 1.0, count: variableCount)
        for l in 0 ..< variableCount {
            if members[l].contains(where: { events[$0].isLockEvent }) {
                guard let plan = chooser.lockPlan(initialWrite: l, members: members[l]) else { return false }
                plans[l] = plan
                counts[l] = plan.estimatedChoices
            } else if let known = memo.choices[LocationChoiceMemo.Key(shape: shapeID, location: l, coherentOnly: coherentOnly,
                                                                    values: members[l].map { events[$0].value })] {
                if known.isEmpty { return false }
                perLocation[l] = known
                counts[l] = Double(known.count)
            } else {
                let writes = members[l].filter { events[$0].kind == .write }
                let tooMany = CandidateEnumerator.coherenceOrders(writes.map { events[$0].thread }, keepingProgramOrder: coherentOnly)
                    > Double(chooser.maxChoices)
                perLocation[l] = tooMany ? [] : chooser.choices(location: l, initialWrite: l, members: members[l])
                if tooMany || perLocation[l].count > chooser.maxChoices {
                    throw .stateExplosion(
                        "location \(assembly.variableNames[l]) alone has more than \(chooser.maxChoices) coherence × reads-from " +
                            "choices (\(writes.count) writes, \(members[l].count - writes.count) other events; \(paths.count) threads)")
                }
                if shapeID >= 0 {
                    memo.choices[LocationChoiceMemo.Key(shape: shapeID, location: l, coherentOnly: coherentOnly,
                                                        values: members[l].map { events[$0].value })] = perLocation[l]
                }
                if perLocation[l].isEmpty { return false }
                counts[l] = Double(perLocation[l].count)
            }
        }
        return true
    }

    /// Lock locations first, then the most ambiguous.
    private mutating func orderLocations() {
        let (plans, counts) = (plans, counts)
        order = (0 ..< variableCount).sorted { a, b in
            if (plans[a] != nil) != (plans[b] != nil) { return plans[a] != nil }
            return counts[a] > counts[b]
        }
        below = Array(repeating: 1.0, count: order.count + 1)
        for k in stride(from: order.count - 1, through: 0, by: -1) { below[k] = below[k + 1] * counts[order[k]] }
    }

    /// Edges every remaining choice of a location shares (reads-from forced by values,
    /// coherence from the initial write...), accumulated from the deepest location up.
    private mutating func findCertainEdges() {
        let n = assembly.size
        certainRF = Array(repeating: Relation(size: n), count: order.count + 1)
        certainCO = certainRF
        for k in stride(from: order.count - 1, through: 0, by: -1) {
            var commonRF = Relation(size: n), commonCO = Relation(size: n)
            if let plan = plans[order[k]] {
                if let (coEdges, _) = plan.certain([]) { for (a, b) in coEdges { commonCO.insert(a, b) } }
                for (r, fixed) in zip(plan.otherReads, plan.fixedCandidates) where fixed?.count == 1 { commonRF.insert(fixed![0], r) }
            } else {
                var first = true
                for choice in perLocation[order[k]] {
                    var r = Relation(size: n), c = Relation(size: n)
                    Self.insertOrder(choice.coherence, into: &c)
                    for (read, write) in choice.readsFrom { r.insert(write, read) }
                    (commonRF, commonCO) = first ? (r, c) : (commonRF & r, commonCO & c)
                    first = false
                }
            }
            certainRF[k] = certainRF[k + 1] | commonRF
            certainCO[k] = certainCO[k + 1] | commonCO
        }
    }

    /// A coherence sequence as a transitive order.
    private static func insertOrder(_ sequence: [Int], into relation: inout Relation) {
        for i in 0 ..< sequence.count {
            for j in (i + 1) ..< Swift.max(i + 1, sequence.count) { relation.insert(sequence[i], sequence[j]) }
        }
    }

    private static func removeOrder(_ sequence: [Int], from relation: inout Relation) {
        for i in 0 ..< sequence.count {
            for j in (i + 1) ..< Swift.max(i + 1, sequence.count) { relation.remove(sequence[i], sequence[j]) }
        }
    }

    private mutating func checkLimit() throws(ModelError) {
        try statistics.spendStep(timeLimit: options.timeLimit)
        if statistics.candidates + statistics.partialChecks > options.maxCandidates {
            throw .stateExplosion(
                "more than \(options.maxCandidates) candidate executions; \(paths.count) threads, \(assembly.size) events, " +
                    "coherence × reads-from choices per location up to " +
                    counts.map { String(Int($0)) }.joined(separator: "×"))
        }
    }

    /// Whether the model already rejects what is decided, plus what is certain below `k`.
    private mutating func doomed(_ k: Int, rf extraRF: [(Int, Int)] = [], co extraCO: [(Int, Int)] = [],
                                 withOwnCertainEdges own: Bool = false) throws(ModelError) -> Bool {
        guard let prune, below[0] > 1 else { return false }
        statistics.partialChecks += 1
        try checkLimit()
        let certain = own ? k : k + 1
        var partialRF = rf | certainRF[certain], partialCO = co | certainCO[certain]
        for (a, b) in extraRF { partialRF.insert(a, b) }
        for (a, b) in extraCO { partialCO.insert(a, b) }
        return prune(.partial(events: events, structure: structure, rf: partialRF, co: partialCO))
    }

    /// A lock location, one critical section at a time.
    private mutating func descendLock(_ k: Int, _ plan: LockPlan, _ placed: [Int]) throws(ModelError) -> Bool {
        let l = order[k]
        guard placed.count == plan.lockWrites.count else {
            for w in plan.next(after: placed) {
                let extended = placed + [w]
                guard let (coEdges, rfEdges) = plan.certain(extended) else { continue }
                // One LKW short of complete, the rest is forced and has the same edges:
                // the complete order's own check decides it.
                if extended.count < plan.lockWrites.count - 1, try doomed(k, rf: rfEdges, co: coEdges) { continue }
                if try !descendLock(k, plan, extended) { return false }
            }
            return true
        }
        guard let (coEdges, rfEdges) = plan.certain(placed) else { return true }
        let coherence = plan.sequence(placed)
        let (savedRF, savedCO, savedValue) = (rf, co, finalValues[l])
        for (a, b) in coEdges { co.insert(a, b) }
        for (a, b) in rfEdges { rf.insert(a, b) }
        if let last = coherence.last, let v = events[last].value, events[last].isWrite { finalValues[l] = v }
        let result = try pickLockReads(k, plan, plan.candidates(coherence: coherence), 0)
        (rf, co, finalValues[l]) = (savedRF, savedCO, savedValue)
        return result
    }

    /// The lock location's other reads, each from one of its candidate writes.
    private mutating func pickLockReads(_ k: Int, _ plan: LockPlan, _ candidates: [[Int]], _ j: Int) throws(ModelError) -> Bool {
        if j == plan.otherReads.count {
            if below[k + 1] > 1, try doomed(k) { return true }
            return try descend(k + 1)
        }
        for w in candidates[j] {
            rf.insert(w, plan.otherReads[j])
            if try !pickLockReads(k, plan, candidates, j + 1) { return false }
            rf.remove(w, plan.otherReads[j])
        }
        return true
    }

    private mutating func descend(_ k: Int) throws(ModelError) -> Bool {
        if k == order.count {
            let values = observed.map { $0.thread < 0 ? finalValues[$0.index] : paths[$0.thread].registers[$0.index] }
            statistics.candidates += 1
            try checkLimit()
            return visit(Execution(events: events, structure: structure, rf: rf, co: co,
                                   stateLocations: observedLocations, stateKey: values))
        }
        let l = order[k]
        if let plan = plans[l] { return try descendLock(k, plan, []) }
        let savedValue = finalValues[l]
        // Coherence orders share prefixes: a prefix the model rejects (its writes first,
        // in that order, with this location's certain reads-from) rejects every order
        // extending it, so each prefix is checked once.
        var rejectedPrefix: [[Int]: Bool] = [:]
        for choice in perLocation[l] {
            let sequence = choice.coherence
            if prune != nil && below[0] > 1 && sequence.count > 3 {
                var skip = false
                for length in 1 ..< sequence.count - 2 {
                    let prefix = Array(sequence[1 ... length])
                    let verdict: Bool
                    if let known = rejectedPrefix[prefix] {
                        verdict = known
                    } else {
                        var edges: [(Int, Int)] = []
                        for (i, w) in prefix.enumerated() {
                            for later in prefix[(i + 1)...] { edges.append((w, later)) }
                            for other in sequence[(length + 1)...] { edges.append((w, other)) }
                        }
                        verdict = try doomed(k, co: edges, withOwnCertainEdges: true)
                        rejectedPrefix[prefix] = verdict
                    }
                    if verdict { skip = true; break }
                }
                if skip { continue }
            }
            // This location's edges are its own (no other location's choice touches its
            // events), so taking them out again restores rf and co without copying them.
            Self.insertOrder(sequence, into: &co)
            if let last = sequence.last, let v = events[last].value, events[last].isWrite { finalValues[l] = v }
            for (r, w) in choice.readsFrom { rf.insert(w, r) }
            let rejected = below[k + 1] > 1 ? try doomed(k) : false
            if !rejected, try !descend(k + 1) { return false }
            Self.removeOrder(sequence, from: &co)
            for (r, w) in choice.readsFrom { rf.remove(w, r) }
            finalValues[l] = savedValue
        }
        return true
    }
}

/// Per run of the enumerator: a location's coherence × reads-from choices depend only on the
/// shape of the combination (which events, in which threads) and the values its events read
/// and write, so combinations that agree on both share one list.
final class LocationChoiceMemo {
    struct Key: Hashable {
        var shape: Int
        var location: Int
        var coherentOnly: Bool
        var values: [Value?]
    }

    var choices: [Key: [LocationChoice]] = [:]
}
