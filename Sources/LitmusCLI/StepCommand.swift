import ArgumentParser
import Foundation
import Litmus
import Models
import Operational
import Reports

/// `litmus step FILE --model tso|armv8`: walk an operational machine one transition at a time.
struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Step through an operational machine (x86-TSO store buffers, ARMv8 out-of-order) one transition at a time.",
        discussion: """
            Shows each thread's instructions (what has run, what may run, what waits and for \
            what), the store buffers (tso) and memory, then numbers the transitions the machine \
            can take, each with a sentence saying what happens and why it may happen now. Type \
            a number to take one, u to undo, q to quit. At the end: the final state, whether \
            the condition holds, and what SC, x86-TSO, ARMv8 and the LKMM say of that state.
            Only transitions after which the run can still finish are offered.
            --choices 3,1,2 takes those transitions without asking (for slides and scripts). \
            --to-condition prints a shortest run reaching the condition's state as a numbered \
            story (a counterexample for forall); when the machine cannot reach it, says so, \
            names the axiom that forbids it (from `litmus check`) and exits 1.
            Exit status: 0 on success, 1 when --to-condition finds no run, 2 for parse or usage \
            errors, refused tests (RCU, SRCU) and choices out of range.

            Example: litmus step litmus/mp.litmus --model armv8
            Example: litmus step litmus/sb.litmus --model tso --to-condition
            """
    )

    @Argument(help: "A litmus test file (.litmus).")
    var file: String

    @Option(name: .long, help: "The machine: tso or armv8.")
    var model: Architecture

    @Option(name: .long, help: "Transitions to take, by number, separated by commas (e.g. 3,1,2).")
    var choices: String?

    @Flag(name: .long, help: "Print a shortest run that reaches the condition's state.")
    var toCondition = false

    @Option(name: .long, parsing: .unconditional, help: "Times a while loop is unrolled (as `check --unroll`).")
    var unroll: Int = 2

    func validate() throws {
        if choices != nil && toCondition { throw ValidationError("--choices and --to-condition cannot be combined") }
        if let choices, Self.parseChoices(choices) == nil {
            throw ValidationError("--choices expects transition numbers separated by commas, such as 3,1,2 (got '\(choices)')")
        }
        guard (0 ... 100).contains(unroll) else { throw ValidationError("--unroll must be between 0 and 100 (got \(unroll))") }
    }

    static func parseChoices(_ text: String) -> [Int]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == parts.count, numbers.allSatisfy({ $0 > 0 }) else { return nil }
        return numbers
    }

    func run() throws {
        let machine = try MachineLoading.load(file, model, unroll: unroll)
        var options = CheckOptions()
        options.loopUnrolling = unroll
        let verdicts = ModelVerdictText(program: machine.program, options: options)
        let console = StepConsole(machine: machine, conditionText: machine.program.herdCondition, verdicts: verdicts.sentence)
        if toCondition {
            let status = try console.story { message in verdicts.forbiddingAxiom(model) ?? message }
            if status != 0 { throw ExitCode(status) }
            return
        }
        if let choices {
            let status = console.replay(Self.parseChoices(choices) ?? [])
            if status != 0 { throw ExitCode(status) }
            return
        }
        console.interact { readLine(strippingNewline: true) }
    }
}

/// What the axiomatic models say, for the end of a `step` run.
struct ModelVerdictText {
    let program: Program
    let options: CheckOptions
    private let results: [ModelKind: CheckResult]

    init(program: Program, options: CheckOptions) {
        self.program = program
        self.options = options
        var results: [ModelKind: CheckResult] = [:]
        for kind in ModelKind.allCases { results[kind] = try? ModelChecker.check(program, model: kind, options: options) }
        self.results = results
    }

    /// `SC forbids it, x86-TSO forbids it, ARMv8 allows it, the LKMM allows it.`
    func sentence(_ state: FinalState) -> String {
        let parts = ModelKind.allCases.map { kind -> String in
            let name = kind == .lkmm ? "the LKMM" : kind.displayName
            guard let result = results[kind] else { return "\(name) gave up" }
            return "\(name) \(result.states.contains { $0.state == state } ? "allows" : "forbids") it"
        }
        return "What the axiomatic models say of this state: " + parts.joined(separator: ", ") + "."
    }

    /// The axiom and cycle of the model matching `architecture` that forbid the condition.
    func forbiddingAxiom(_ architecture: Architecture) -> String? {
        let kind: ModelKind = architecture == .tso ? .tso : .armv8
        guard let result = results[kind] else { return nil }
        guard let explanation = result.conditionExplanation, result.positive == 0 else { return nil }
        return "\(kind.displayName) (axiomatic) forbids it: " + explanation.text
    }
}
