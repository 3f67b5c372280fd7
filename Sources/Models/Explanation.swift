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
    /// Where the axiom comes from when the model borrows it (``AxiomViolation/note``).
    public var note: String?

    init(program: Program, execution: Execution, violation first: AxiomViolation, model: any MemoryModel) {
        // Judge again, this time collecting the named relations the witness is told with.
        let violation = model.evaluate(execution, explaining: true).violation ?? first
        axiom = violation.axiom
        relationName = violation.relationName
        kind = violation.kind
        note = violation.note
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
        let suffix = kind == .empty ? ", a pair in \(relationName)" : ""
        return "forbidden by \(axiom) (\(requirement)\(note.map { "; \($0)" } ?? "")): \(cycleText)\(suffix)"
    }

    /// Splits an edge of a derived relation into named hops through the vocabulary.
    private static func expand(_ a: Int, _ b: Int, _ violation: AxiomViolation) -> [(to: Int, label: String)] {
        let baseNames: Set<String> = ["rfe", "rfi", "coe", "coi", "fre", "fri", "addr", "data", "ctrl", "rmw",
                                      "po-rel", "acq-po", "po-unlock-lock-po", "rcu-rscsi", "srcu-rscsi", "po-loc", "po"]
        let base = violation.vocabulary.filter { baseNames.contains($0.name) || $0.name.hasPrefix("po+") }
        // An RCU cycle is only meaningful through a grace period.
        let required: ((String) -> Bool)? = violation.relationName == "rb" ? { $0.hasPrefix("po+synchronize") } : nil
        if a != b, required == nil, let direct = base.first(where: { $0.relation.contains(a, b) }) { return [(b, direct.name)] }
        if let path = shortestLabelledPath(from: a, to: b, through: base, requiring: required)
            ?? shortestLabelledPath(from: a, to: b, through: base, requiring: nil) {
            return path
        }
        return [(b, violation.vocabulary.first { $0.relation.contains(a, b) }?.name ?? violation.relationName)]
    }

    /// Breadth-first search over (event, requirement met) for a path of named base edges.
    private static func shortestLabelledPath(
        from a: Int, to b: Int, through base: [(name: String, relation: Relation)], requiring required: ((String) -> Bool)?
    ) -> [(to: Int, label: String)]? {
        guard let size = base.first?.relation.size else { return nil }
        struct Node: Hashable { var event: Int; var met: Bool }
        let start = Node(event: a, met: required == nil)
        var parent: [Node: (Node, String)] = [:]
        var frontier = [start]
        var seen: Set<Node> = [start]
        while !frontier.isEmpty {
            var next: [Node] = []
            for node in frontier {
                for y in 0 ..< size {
                    let labels = base.filter { $0.relation.contains(node.event, y) }.map(\.name)
                    guard let first = labels.first else { continue }
                    let special = required.flatMap { r in labels.first(where: r) }
                    let target = Node(event: y, met: node.met || special != nil)
                    let label = special ?? first
                    if y == b && target.met {
                        var hops = [(to: y, label: label)]
                        var current = node
                        while current != start, let (previous, l) = parent[current] {
                            hops.append((current.event, l))
                            current = previous
                        }
                        return hops.reversed()
                    }
                    if !seen.contains(target) {
                        seen.insert(target)
                        parent[target] = (node, label)
                        next.append(target)
                    }
                }
            }
            frontier = next
        }
        return nil
    }

    /// What follows a read's source text: ` = 1` after a call (`READ_ONCE(*y) = 1`), ` reads 1`
    /// after an RMW or a plain access (`*x reads 0`: `*x = 0` would look like a store).
    public static func readSuffix(_ origin: String?, value: String, isRMW: Bool) -> String {
        isRMW || !(origin ?? "").hasSuffix(")") ? " reads \(value)" : " = \(value)"
    }

    /// `P0: smp_store_release(y, 1)`, reads with the value they returned.
    public static func describe(_ e: Int, _ x: Execution, _ program: Program) -> String {
        let event = x.events[e]
        if event.isInit {
            let name = event.location.map { program.variables[$0].name } ?? "?"
            return "init: \(name) = \(event.value.map(program.render) ?? "0")"
        }
        var text = "P\(event.thread): \(event.origin?.text ?? event.kind.rawValue)"
        let value = event.value.map(program.render) ?? "?"
        switch event.kind {
        case .read: text += readSuffix(event.origin?.text, value: value, isRMW: event.isRMW)
        case .write where event.isRMW: text += " writes \(value)"
        case .lockWrite: text += " (write)"
        default: break
        }
        return text
    }
}
