import ArgumentParser
import Foundation

@main
struct LitmusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "litmus",
        abstract: "Run memory-model litmus tests on real cores and explain what the models allow.",
        discussion: """
            Shell completions: litmus --generate-completion-script bash|zsh|fish (see the README).
            litmus --version (or litmus version) prints the version and the architecture.
            Exit status of every subcommand: 2 for usage errors and unreadable tests; \
            `run --check` adds 1 (forbidden state seen) and 3 (inconclusive).

            Example: litmus explain litmus/mp.litmus
            """,
        subcommands: [
            ParseCommand.self, CheckCommand.self, ExplainCommand.self, FixCommand.self, ListCommand.self, RunCommand.self,
            SimulateCommand.self, StepCommand.self, VersionCommand.self,
        ]
    )

    /// As ArgumentParser's, except that usage errors exit 2 (not 64), as the docs promise and
    /// CI scripts expect from `--check`.
    static func main() {
        // `litmus help nonsense` would print the main help and exit 0.
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "help", let name = arguments.dropFirst().first, !name.hasPrefix("-"),
           !configuration.subcommands.contains(where: { $0.configuration.commandName == name }) {
            Terminal.error("Error: unknown subcommand '\(name)'\n\(usageString())\n  See 'litmus help' for the subcommands.")
            exit(withError: ExitCode(2))
        }
        // By hand rather than `version:`, which would add --version to every subcommand's help.
        if arguments.first == "--version" && arguments.count == 1 {
            print(VersionCommand.text)
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.error(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
