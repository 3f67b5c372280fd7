import ArgumentParser
import Foundation
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
            Exit status: 0 on success, 1 when a file does not parse, 2 for usage errors.

            Example: litmus list litmus --model tso,armv8
            """
    )

    @Argument(help: "Directory of .litmus files.")
    var directory: String = "litmus"

    enum Models: ModelChoice {
        static let help = "Model(s) to show: lkmm, sc, tso, armv8, all (default all); repeat or separate with commas."
        static let fallback = ModelKind.allCases
        static let keepsOrderGiven = false
    }

    @OptionGroup var modelOptions: ModelOptions<Models>

    @Flag(name: .long, help: "Print a Markdown table.")
    var markdown = false

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(directory) is not a directory")
        }
    }

    func run() throws {
        let catalogue = try ModelComparison.catalogue(directory: directory, models: modelOptions.models)
        print(markdown ? catalogue.markdown : catalogue.text(style: Terminal.outputStyle), terminator: "")
        if catalogue.entries.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}
