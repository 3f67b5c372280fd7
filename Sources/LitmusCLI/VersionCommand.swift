import ArgumentParser
import Reports

/// `litmus version` (and `litmus --version`): the release and the architecture this binary
/// was built for, which decides the CPU model `run` compares against.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version and the architecture this binary was built for.",
        discussion: "Example: litmus version    (prints e.g. litmus 0.2.0 (x86-64, CPU model x86-TSO))"
    )

    static let version = "0.2.0"

    /// `litmus 0.2.0 (x86-64, CPU model x86-TSO)`.
    static var text: String {
        "litmus \(version) (\(HostCPU.architecture)" + (HostCPU.model.map { ", CPU model \($0.displayName)" } ?? "") + ")"
    }

    func run() { print(Self.text) }
}
