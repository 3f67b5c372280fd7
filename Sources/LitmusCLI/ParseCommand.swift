import ArgumentParser
import Foundation
import Litmus
import LitmusSyntax

/// `litmus parse FILE... [--print]`: checks that litmus tests parse and lower.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Check that litmus tests parse; print them back in canonical form.",
        discussion: """
            Exits 0 when every file parses, 2 otherwise; errors go to stderr as \
            FILE:LINE:COLUMN: error: message, with the source line and a caret.

            Example: litmus parse litmus/mp+release+acquire.litmus --print
            """
    )

    @Argument(help: "Litmus test files (.litmus).")
    var files: [String]

    @Flag(name: .long, help: "Print each test back in canonical form.")
    var print = false

    func run() throws {
        var failed = false
        var printedAny = false
        for argument in files {
            do throws(DiagnosticError) {
                let (source, file) = try TestFile.read(argument)
                let test = try LitmusTest.parse(source: source, file: file)
                Terminal.warn(try Program.lower(test, source: source))
                if print {
                    // A blank line between tests when printing several.
                    Swift.print((printedAny ? "\n" : "") + Printer().print(test), terminator: "")
                    printedAny = true
                }
            } catch {
                failed = true
                Terminal.error(error.description)
            }
        }
        if failed { throw ExitCode(2) }
    }
}
