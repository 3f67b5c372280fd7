import Litmus

/// Why an execution is forbidden: the axiom it violates and the witness cycle of that axiom's
/// relation, event by event, each edge named by the relation that links the two events.
public struct Explanation: Sendable {
    public struct Step: Sendable {
        /// Event index in ``Explanation/execution``.
        public var event: Int
        /// `P0: WRITE_ONCE(*x, 1)`, `P1: READ_ONCE(*y) = 0`.
        public var description: String
        /// The relation leading to the next step (the last step leads back to the first).
        public var edge: String
    }

    public var axiom: String
    public var relationName: String
    public var kind: AxiomKind
    public var steps: [Step]
    public var execution: Execution

    init(program: Program, execution: Execution, violation first: AxiomViolation, model: ModelKind) {
        // Judge again, this time collecting the named relations the witness is told with.
        let violation = model.model.evaluate(execution, explaining: true).violation ?? first
        axiom = violation.axiom
        relationName = violation.relationName
        kind = violation.kind
        self.execution = execution
        var events: [Int]
        switch violation.kind {
        case .acyclic: events = violation.relation.cycle() ?? []
        case .irreflexive: events = (0 ..< execution.size).first { violation.relation.contains($0, $0) }.map { [$0] } ?? []
        case .empty: events = violation.relation.pairs.first.map { [$0.0, $0.1] } ?? []
        }
        var steps: [Step] = []
        let closes = violation.kind != .empty
        for (i, a) in events.enumerated() {
            guard closes || i + 1 < events.count else {
                steps.append(Step(event: a, description: Self.describe(a, execution, program), edge: ""))
                break
            }
            let b = events[(i + 1) % events.count]
            let path = Self.expand(a, b, violation)
            for (k, hop) in path.enumerated() {
                let from = k == 0 ? a : path[k - 1].to
                steps.append(Step(event: from, description: Self.describe(from, execution, program), edge: hop.label))
            }
        }
        self.steps = steps
    }

    /// The witness in words: `P0: WRITE_ONCE(*x, 1) —po+smp_mb()→ P0: READ_ONCE(*y) = 0 —fre→ ...`.
    public var cycleText: String {
        guard let first = steps.first else { return "" }
        var text = ""
        for step in steps {
            text += step.description
            if !step.edge.isEmpty { text += " —\(step.edge)→ " }
        }
        if kind != .empty { text += first.description }
        return text
    }

    /// One line: the axiom, what it requires, and the witness.
    public var text: String {
        let requirement: String
        switch kind {
        case .acyclic: requirement = "acyclic \(relationName)"
        case .irreflexive: requirement = "irreflexive \(relationName)"
        case .empty: requirement = "empty \(relationName)"
        }
        return "forbidden by \(axiom) (\(requirement)): \(cycleText)"
    }

    /// Splits an edge of a derived relation into named hops through the vocabulary.
    private static func expand(_ a: Int, _ b: Int, _ violation: AxiomViolation) -> [(to: Int, label: String)] {
        let baseNames: Set<String> = ["rfe", "rfi", "coe", "coi", "fre", "fri", "addr", "data", "ctrl", "rmw",
                                      "po-rel", "acq-po", "po-loc", "po"]
        let base = violation.vocabulary.filter { baseNames.contains($0.name) || $0.name.hasPrefix("po+") }
        func label(_ x: Int, _ y: Int, _ candidates: [(name: String, relation: Relation)]) -> String? {
            candidates.first { $0.relation.contains(x, y) }?.name
        }
        if let direct = label(a, b, base) { return [(b, direct)] }
        if let union = base.map(\.relation).reduce(nil as Relation?, { acc, r in acc.map { $0 | r } ?? r }),
           let path = union.shortestPath(from: a, to: b) {
            var hops: [(to: Int, label: String)] = []
            let visited = path + [b]
            for k in 1 ..< visited.count {
                hops.append((visited[k], label(visited[k - 1], visited[k], base) ?? violation.relationName))
            }
            return hops
        }
        return [(b, label(a, b, violation.vocabulary) ?? violation.relationName)]
    }

    /// `P0: smp_store_release(y, 1)`, reads with the value they returned.
    static func describe(_ e: Int, _ x: Execution, _ program: Program) -> String {
        let event = x.events[e]
        if event.isInit {
            let name = event.location.map { program.variables[$0].name } ?? "?"
            return "init: \(name) = \(event.value.map(program.render) ?? "0")"
        }
        var text = "P\(event.thread): \(event.origin?.text ?? event.kind.rawValue)"
        if event.isRead, let value = event.value, event.kind == .read { text += " = \(program.render(value))" }
        if event.isRMW { text += event.isRead ? " (read)" : " (write)" }
        return text
    }
}
