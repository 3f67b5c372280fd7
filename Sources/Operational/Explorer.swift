import Litmus

/// Every final state a machine can reach, and the runs that reach them.
public struct Exploration: Sendable {
    /// Reachable final states that pass the filter, in herd7's order.
    public var states: [FinalState]
    /// Distinct machine states visited.
    public var visited: Int
    /// Whether some state had no transition and no final state (a run that cannot finish).
    public var deadEnds: Int
}

/// Exhaustive exploration: depth-first over machine states, each state visited once (states
/// reached by different interleavings merge, which is what keeps the search small).
public struct Explorer: Sendable {
    public let machine: Machine
    /// Give up past this many distinct states.
    public var maxStates = 4_000_000

    public init(machine: Machine) { self.machine = machine }

    public func explore() throws(OperationalError) -> Exploration {
        var visited: Set<MachineState> = [machine.initialState]
        var stack = [machine.initialState]
        var finals = Set<FinalState>()
        var deadEnds = 0
        while let state = stack.popLast() {
            let next = machine.transitions(from: state)
            let outcomes = machine.outcomes(of: state)
            for outcome in outcomes where machine.program.filter.map(outcome.satisfies) ?? true { finals.insert(outcome) }
            if next.isEmpty && outcomes.isEmpty { deadEnds += 1 }
            for t in next {
                let s = machine.apply(t, to: state)
                if visited.insert(s).inserted {
                    stack.append(s)
                    if visited.count > maxStates {
                        throw .stateExplosion("more than \(maxStates) machine states")
                    }
                }
            }
        }
        let program = machine.program
        return Exploration(states: finals.sorted { program.herdPrecedes($0, $1) }, visited: visited.count, deadEnds: deadEnds)
    }

    /// A shortest run from `start` to a final state satisfying `goal` (and the filter), or nil.
    public func shortestRun(from start: MachineState? = nil, to goal: (FinalState) -> Bool) throws(OperationalError) -> [Transition]? {
        let start = start ?? machine.initialState
        var parent: [MachineState: (MachineState, Transition)] = [:]
        var seen: Set<MachineState> = [start]
        var frontier = [start]
        let filter = machine.program.filter
        while !frontier.isEmpty {
            var next: [MachineState] = []
            for state in frontier {
                if machine.outcomes(of: state).contains(where: { goal($0) && (filter.map($0.satisfies) ?? true) }) {
                    var run: [Transition] = []
                    var s = state
                    while let (p, t) = parent[s] { run.append(t); s = p }
                    return run.reversed()
                }
                for t in machine.transitions(from: state) {
                    let s = machine.apply(t, to: state)
                    if seen.insert(s).inserted {
                        parent[s] = (state, t)
                        next.append(s)
                        if seen.count > maxStates { throw .stateExplosion("more than \(maxStates) machine states") }
                    }
                }
            }
            frontier = next
        }
        return nil
    }
}

/// Which states can still finish: the transitions `step` offers lead somewhere.
final class Liveness: @unchecked Sendable {
    let machine: Machine
    private var memo: [MachineState: Bool] = [:]

    init(machine: Machine) { self.machine = machine }

    /// Whether some run from `state` reaches a final state that passes the filter.
    func canFinish(_ state: MachineState) -> Bool {
        if let known = memo[state] { return known }
        memo[state] = false  // a state on the current path: no progress through it
        var result = !machine.finalStates(of: state).isEmpty
        if !result {
            for t in machine.transitions(from: state) where canFinish(machine.apply(t, to: state)) {
                result = true
                break
            }
        }
        memo[state] = result
        return result
    }
}
