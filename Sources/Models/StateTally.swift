import Litmus

/// What the model checker accumulates over the candidates of one test (or of one chunk of
/// them): the executions per final state, the counts herd7 prints, the flags, and a few
/// executions kept for explanations. Chunks merge in their sequential order.
struct StateTally {
    /// Grouped by the state's values alone (the locations are the same for every candidate).
    struct Group {
        var state: FinalState
        var passesFilter: Bool
        var satisfies: Bool
        var executions = 0
    }

    let program: Program
    var groups: [[Value]: Group] = [:]
    var positive = 0, negative = 0
    var flags = Set<String>()
    var forbiddenByKey: [[Value]: ForbiddenWitness] = [:]
    /// Each state's first allowed execution, kept for the condition's states and the first 64 others.
    var allowed: [FinalState: Execution] = [:]
    /// The keys of `allowed`'s entries in the order they were found (for merging).
    private var allowedOrder: [[Value]] = []
    var order = 0
    private var forbiddenForCondition = 0

    /// `expected`: about how many states to make room for (a hint).
    init(program: Program, expected: Int = 0) {
        self.program = program
        groups.reserveCapacity(Swift.min(expected, 1 << 16))
    }

    /// Counts one candidate, judged by `judge` unless the filter already excludes its state.
    mutating func record(_ execution: Execution, judge: (Execution) -> ModelOutcome) {
        let key = execution.stateKey
        var found = groups.index(forKey: key)
        if found == nil {
            let state = execution.finalState
            groups[key] = Group(state: state, passesFilter: program.filter.map(state.satisfies) ?? true,
                                satisfies: state.satisfies(program.condition.proposition))
            found = groups.index(forKey: key)
        }
        let index = found!
        let group = groups.values[index]
        guard group.passesFilter else { return }
        let outcome = judge(execution)
        if let violation = outcome.violation {
            noteForbidden(key, satisfies: group.satisfies, allowedBefore: group.executions > 0,
                          ForbiddenWitness(execution: execution, violation: violation, order: order))
            return
        }
        groups.values[index].executions += outcome.multiplicity
        if group.executions == 0 && (allowed.count < 64 || group.satisfies) {
            allowed[group.state] = execution
            allowedOrder.append(key)
        }
        flags.formUnion(outcome.flags)
        if group.satisfies { positive += outcome.multiplicity } else { negative += outcome.multiplicity }
    }

    /// Keeps a witness for the condition's states, and a few others, for explanations.
    private mutating func noteForbidden(_ key: [Value], satisfies: Bool, allowedBefore: Bool, _ witness: ForbiddenWitness) {
        let wanted = satisfies ? forbiddenForCondition < 64 : forbiddenByKey.count < 256
        guard !allowedBefore && wanted && forbiddenByKey[key] == nil else { return }
        if satisfies { forbiddenForCondition += 1 }
        var witness = witness
        witness.order = order
        forbiddenByKey[key] = witness
        order += 1
    }

    /// Adds the tally of the candidates that come after this one's in the sequential order.
    mutating func append(_ later: StateTally) {
        func allowedBefore(_ key: [Value]) -> Bool { (groups[key]?.executions ?? 0) > 0 }
        for witness in later.forbiddenByKey.values.sorted(by: { $0.order < $1.order }) {
            let key = witness.execution.stateKey
            noteForbidden(key, satisfies: later.groups[key]!.satisfies, allowedBefore: allowedBefore(key), witness)
        }
        for key in later.allowedOrder where !allowedBefore(key) {
            let group = later.groups[key]!
            if allowed.count < 64 || group.satisfies, let execution = later.allowed[group.state] {
                allowed[group.state] = execution
                allowedOrder.append(key)
            }
        }
        if groups.isEmpty && groups.capacity <= later.groups.capacity {
            groups = later.groups
        } else {
            groups.merge(later.groups) { mine, theirs in
                var merged = mine
                merged.executions += theirs.executions
                return merged
            }
        }
        positive += later.positive
        negative += later.negative
        flags.formUnion(later.flags)
    }
}
