import ArgumentParser

@main
struct LitmusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "litmus",
        abstract: "Run memory-model litmus tests on real cores and explain what the models allow.",
        subcommands: [ParseCommand.self]
    )
}
