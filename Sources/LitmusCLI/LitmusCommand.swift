import ArgumentParser
import Foundation

@main
struct LitmusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "litmus",
        abstract: "Run memory-model litmus tests on real cores and explain what the models allow.",
        discussion: """
            Shell completions: litmus --generate-completion-script bash|zsh|fish (see the README).
            Exit status of every subcommand: 2 for usage errors and unreadable tests.

            Example: litmus explain litmus/mp.litmus
            """,
        subcommands: [
            ParseCommand.self, CheckCommand.self, ExplainCommand.self, FixCommand.self, ListCommand.self, RunCommand.self,
            SimulateCommand.self, StepCommand.self,
        ]
    )

    /// As ArgumentParser's, except that usage errors exit 2 (not 64), as the docs promise and
    /// CI scripts expect from `--check`.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
