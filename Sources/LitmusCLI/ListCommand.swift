import ArgumentParser
import Foundation
import LitmusSyntax
import Models
import Reports

/// `litmus list [DIR]`: the catalogue of a directory of tests with each model's verdict.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the tests of a directory, one line each, with the verdict of every model.",
        discussion: """
            One line per .litmus file: the verdict of the condition under each model (Never, \
            Sometimes or Always, as herd7 words it), the test's Result: comment ("!" when the \
            LKMM disagrees) and the first sentence of its comment. --markdown prints a table \
            for a README (scripts/gen-litmus-readme regenerates litmus/README.md with it).
            Without a directory: litmus/ when the current directory has one, else the tests \
            built into this binary (the project's litmus/ catalogue).
            Exit status: 0 on success, 2 when a file does not parse and for usage errors.

            Example: litmus list litmus --model tso,armv8
            """
    )

    @Argument(help: "Directory of .litmus files (default: litmus/ if present, else the bundled catalogue).")
    var directory: String?

    enum Models: ModelChoice {
        static let help = "Model(s) to show: lkmm, sc, tso, armv8, all (default all); repeat or separate with commas."
        static let fallback = ModelKind.allCases
        static let keepsOrderGiven = false
    }

    @OptionGroup var modelOptions: ModelOptions<Models>

    @OptionGroup(title: "Models read from files")
    var catModel: CatModelOptions

    @Flag(name: .long, help: "Print a Markdown table.")
    var markdown = false

    func validate() throws {
        guard let directory else { return }
        guard Self.isDirectory(directory) else { throw ValidationError("\(directory) is not a directory") }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func run() throws {
        let fileModel = try catModel.load()
        let builtIn = fileModel != nil && modelOptions.model.isEmpty ? [] : modelOptions.models
        let macros = try catModel.macroDefinitions(of: fileModel)
        var catalogue = try ModelComparison.catalogue(directory: directory, models: builtIn, macros: macros)
        if let fileModel { ModelComparison.addColumn(fileModel, to: &catalogue) }
        print(markdown ? catalogue.markdown : catalogue.text(style: Terminal.outputStyle), terminator: "")
        if CatModelOptions.reportEvaluationError(of: fileModel) { throw ExitCode(1) }
        if catalogue.entries.contains(where: { $0.error != nil }) { throw ExitCode(2) }
    }
}
