import Litmus

/// `litmus step`: one run of a machine, advanced by the user's choices, with undo. Only
/// transitions after which the run can still finish are offered (a speculation that could not
/// be completed is never shown).
public final class StepSession {
    public let machine: Machine
    private let liveness: Liveness
    public private(set) var state: MachineState
    /// The transitions taken so far, with the state each started from.
    public private(set) var history: [(state: MachineState, transition: Transition)] = []

    public init(machine: Machine) {
        self.machine = machine
        liveness = Liveness(machine: machine)
        state = machine.initialState
    }

    /// The transitions offered now, numbered from 1 in this order.
    public var options: [Transition] {
        machine.transitions(from: state).filter { liveness.canFinish(machine.apply($0, to: state)) }
    }

    /// The final states reached, when every thread has finished.
    public var finalStates: [FinalState] { machine.finalStates(of: state) }

    public func take(_ transition: Transition) {
        history.append((state, transition))
        state = machine.apply(transition, to: state)
    }

    /// Undoes the last transition; false at the start.
    @discardableResult
    public func undo() -> Bool {
        guard let last = history.popLast() else { return false }
        state = last.state
        return true
    }

    /// The numbered list of `options` with a sentence each.
    public func menu(_ options: [Transition]) -> String {
        options.enumerated().map { "  \($0.offset + 1). " + machine.describe($0.element, in: state) }.joined(separator: "\n")
    }
}

/// What the condition asks a run to reach: the condition's proposition for `exists` and
/// `~exists` (the state the test asks about), its negation for `forall` (a counterexample).
public struct ConditionGoal: Sendable {
    public let program: Program

    public init(program: Program) { self.program = program }

    public func isReached(by state: FinalState) -> Bool {
        let holds = state.satisfies(program.condition.proposition)
        return program.condition.quantifier == .forall ? !holds : holds
    }

    /// `the condition's state exists (...)` or `a state where forall (...) fails`.
    public var phrase: String {
        program.condition.quantifier == .forall ? "a state where the condition fails" : "the condition's state"
    }
}
