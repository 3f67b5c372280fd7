import ArgumentParser
import Foundation
import Litmus
import LitmusSyntax
import Models
import Reports

/// `litmus explain FILE [--model M]`: a test explained for the classroom.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a test: the outcome, why each model allows or forbids it, what each barrier changes.",
        discussion: """
            Prints the test's threads side by side, the outcome its condition asks about, how \
            that outcome would have to happen (the cycle of program order and communication), \
            then for SC, x86-TSO, ARMv8 and the LKMM whether it is allowed and why: which \
            program-order step the model lets go out of order, or the axiom and cycle that \
            forbid it. Last, for each barrier, which models allow the outcome without it.
            Exit status: 0 on success, 1 when a model gave up, 2 for parse or usage errors.

            Example: litmus explain litmus/mp.litmus --model armv8,tso
            """
    )

    @Argument(help: "A litmus test file (.litmus).")
    var file: String

    enum Models: ModelChoice {
        static let help = "Model(s) to explain: lkmm, sc, tso, armv8, all (default all); repeat or separate with commas."
        static let fallback = ModelKind.allCases
        static let keepsOrderGiven = false
    }

    @OptionGroup var modelOptions: ModelOptions<Models>

    @OptionGroup(title: "Models read from files")
    var catModel: CatModelOptions

    func run() throws {
        let models = modelOptions.models
        let fileModel = try catModel.load()
        let macros = try catModel.macroDefinitions(of: fileModel)
        let (source, program, file) = try TestFile.openOrExit(self.file, macros: macros)
        Terminal.warn(program)
        var failed = false
        if fileModel == nil || !modelOptions.model.isEmpty {
            let explanation = ModelComparison.explanation(program, source: source, file: file, models: models,
                                                          macros: macros)
            print(explanation.text(style: Terminal.outputStyle), terminator: "")
            if let hint = Self.stepHint(explanation.verdicts, file: file) { print(hint) }
            failed = !explanation.verdicts.failures.isEmpty
        }
        if let fileModel {
            do throws(ModelError) {
                let section = try ModelComparison.explanation(program, under: fileModel)
                print(section.text(style: Terminal.outputStyle), terminator: "")
            } catch {
                Terminal.error("\(file): error: \(error.description)")
                failed = true
            }
        }
        if CatModelOptions.reportEvaluationError(of: fileModel) { failed = true }
        if failed { throw ExitCode(1) }
    }

    /// When this CPU's model forbids the condition's outcome and another hardware model allows
    /// it, the operational machine of that model can show it being reached.
    static func stepHint(_ verdicts: ModelVerdicts, file: String) -> String? {
        guard let cpu = HostCPU.model, verdicts.allowsCondition(under: cpu) == false else { return nil }
        let other: ModelKind = cpu == .tso ? .armv8 : .tso
        guard verdicts.allowsCondition(under: other) == true else { return nil }
        return "\nThis CPU (\(cpu.displayName)) cannot show this outcome; \(other.displayName) allows it. Watch a machine reach it: "
            + "litmus step \(file) --model \(other.rawValue) --to-condition (or litmus simulate \(file) --model \(other.rawValue) -n 10k)."
    }
}
