import Litmus

/// The text side of `litmus step`: interactive, scripted (`--choices`) and the shortest story
/// (`--to-condition`). Output goes through `write`, input comes from `read`, so tests can
/// drive it through pipes.
public struct StepConsole {
    public let machine: Machine
    /// What the axiomatic models say of a final state (computed by the caller).
    public let verdicts: (FinalState) -> String
    public var write: (String) -> Void
    /// The condition as `litmus check` prints it.
    public let conditionText: String

    public init(machine: Machine, conditionText: String, verdicts: @escaping (FinalState) -> String,
                write: @escaping (String) -> Void = { print($0) }) {
        self.machine = machine
        self.conditionText = conditionText
        self.verdicts = verdicts
        self.write = write
    }

    private var program: Program { machine.program }

    private func header() {
        write("Test \(program.name) on the \(machine.architecture.displayName) (simulated, not this CPU)")
        write("Condition: \(conditionText)")
    }

    /// One round: the machine, then the numbered transitions (or the end of the run).
    /// Returns the options offered, empty when the run is over.
    private func show(_ session: StepSession) -> [Transition] {
        write("")
        write("── step \(session.history.count + 1) " + String(repeating: "─", count: 40))
        write(machine.picture(of: session.state))
        let finals = session.finalStates
        if !finals.isEmpty {
            ending(finals)
            return []
        }
        let options = session.options
        if options.isEmpty {
            write("No transition can lead to the end of the run (every thread is stuck: a deadlock).")
            return []
        }
        write("Transitions:")
        write(session.menu(options))
        return options
    }

    private func ending(_ finals: [FinalState]) {
        for state in finals {
            write("Final state: \(program.render(state))")
            let holds = state.satisfies(program.condition.proposition)
            write("The condition's proposition \(holds ? "holds" : "does not hold") in this state "
                + "(\(program.condition.quantifier.rawValue) asks whether some run ends like this).")
            write(verdicts(state))
        }
    }

    /// Reads choices until the run ends, `q`, or the end of the input.
    public func interact(read: () -> String?) {
        header()
        let session = StepSession(machine: machine)
        var options = show(session)
        while true {
            write(options.isEmpty ? "u to undo, q to quit: " : "Choose 1-\(options.count), u to undo, q to quit: ")
            guard let raw = read() else { return }
            let line = String(raw.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
            switch line {
            case "q", "quit": return
            case "u", "undo":
                if !session.undo() { write("Nothing to undo: this is the start.") }
                options = show(session)
            default:
                guard let n = Int(line), (1 ... max(options.count, 1)).contains(n), !options.isEmpty else {
                    write(options.isEmpty ? "The run is over: u to undo, q to quit." : "Type a number from 1 to \(options.count), u or q.")
                    continue
                }
                write("→ " + machine.describe(options[n - 1], in: session.state))
                session.take(options[n - 1])
                options = show(session)
            }
        }
    }

    /// Takes `choices` in turn, showing each round; 2 when a choice is out of range.
    public func replay(_ choices: [Int]) -> Int32 {
        header()
        let session = StepSession(machine: machine)
        var options = show(session)
        for (k, n) in choices.enumerated() {
            guard (1 ... max(options.count, 1)).contains(n), !options.isEmpty else {
                write("error: choice \(k + 1) is \(n), but step \(session.history.count + 1) offers "
                    + (options.isEmpty ? "no transition (the run is over)" : "transitions 1-\(options.count)"))
                return 2
            }
            write("> \(n)")
            write("→ " + machine.describe(options[n - 1], in: session.state))
            session.take(options[n - 1])
            options = show(session)
        }
        return 0
    }

    /// A shortest run to the condition's state as a numbered story; when there is none, says
    /// so with `forbidden(default)` (the axiom that forbids it) and returns 1.
    public func story(forbidden: (String) -> String) throws(OperationalError) -> Int32 {
        header()
        let goal = ConditionGoal(program: program)
        guard let run = try Explorer(machine: machine).shortestRun(to: goal.isReached) else {
            write("The \(machine.architecture.displayName) cannot reach \(goal.phrase): no run ends in it.")
            write(forbidden("No axiomatic explanation is available."))
            return 1
        }
        write("A shortest run reaching \(goal.phrase) (\(run.count) steps):")
        var state = machine.initialState
        for (k, t) in run.enumerated() {
            write("  \(k + 1). " + machine.describe(t, in: state))
            state = machine.apply(t, to: state)
        }
        write("")
        write(machine.picture(of: state))
        ending(machine.finalStates(of: state).filter(goal.isReached))
        return 0
    }
}
