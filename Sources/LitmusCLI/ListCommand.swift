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
            Without a directory: litmus/ when the current directory has one, else the tests \
            built into this binary (the project's litmus/ catalogue).
            Exit status: 0 on success, 2 when a file does not parse and for usage errors.

            Example: litmus list litmus --model tso,armv8
            """
    )

    @Argument(help: "Directory of .litmus files (default: litmus/ if present, else the bundled catalogue).")
    var directory: String?

    @Option(name: .long, help: "Model(s) to show: lkmm, sc, tso, armv8, all (default all); repeat or separate with commas.")
    var model: [String] = []

    @Flag(name: .long, help: "Print a Markdown table.")
    var markdown = false

    func validate() throws {
        _ = try ModelSelection.parse(model, default: ModelKind.allCases)
        guard let directory else { return }
        guard Self.isDirectory(directory) else { throw ValidationError("\(directory) is not a directory") }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func run() throws {
        let models = try ModelSelection.parse(model, default: ModelKind.allCases)
        let catalogue = if let directory = directory ?? (Self.isDirectory("litmus") ? "litmus" : nil) {
            try Catalogue.load(directory: directory, models: models)
        } else {
            Catalogue.load(
                sources: BundledCatalogue.tests, directory: "the catalogue built into litmus",
                pathPrefix: TestFile.bundledPrefix, models: models)
        }
        print(markdown ? catalogue.markdown : catalogue.text(style: Terminal.outputStyle), terminator: "")
        if catalogue.entries.contains(where: { $0.error != nil }) { throw ExitCode(2) }
    }
}
