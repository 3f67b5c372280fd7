import ArgumentParser
import Foundation
import Testing
@testable import LitmusCLI

/// Every subcommand's help, byte for byte (`LITMUS_UPDATE_GOLDEN=1` rewrites the files), and
/// each shows a real example.
@Suite struct HelpGoldenTests {
    static let commands: [(String, any ParsableCommand.Type)] = LitmusCommand.configuration.subcommands.map {
        ($0.configuration.commandName ?? "", $0)
    }

    static func golden(_ name: String, _ text: String) throws -> Bool {
        let url = Binary.fixtures.appendingPathComponent("help-\(name).txt")
        if ProcessInfo.processInfo.environment["LITMUS_UPDATE_GOLDEN"] != nil {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return true
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            print("--- help \(name) differs (LITMUS_UPDATE_GOLDEN=1 swift test --filter HelpGoldenTests rewrites it); got:\n\(text)")
        }
        return expected == text
    }

    @Test func rootHelp() throws {
        #expect(try Self.golden("litmus", LitmusCommand.helpMessage(columns: 100)))
    }

    @Test(arguments: commands.map(\.0))
    func subcommandHelp(_ name: String) throws {
        let command = try #require(Self.commands.first { $0.0 == name }?.1)
        let help = LitmusCommand.helpMessage(for: command, columns: 100)
        #expect(try Self.golden(name, help))
        #expect(help.contains("Example: litmus \(name) "), "the help of \(name) shows a real example")
    }

    /// Examples name files of the repository (globs excepted), so they work when copied.
    @Test func everyExampleNamesFilesThatExist() {
        let root = Binary.tests.deletingLastPathComponent()
        for (name, command) in Self.commands + [("litmus", LitmusCommand.self)] {
            let examples = command.configuration.discussion.split(separator: "\n").filter { $0.hasPrefix("Example: litmus") }
            #expect(!examples.isEmpty, "\(name) has an example")
            for example in examples {
                for word in example.split(separator: " ") where word.hasSuffix(".litmus") && !word.contains("*") {
                    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(String(word)).path),
                            "\(name): \(word) exists")
                }
            }
        }
    }
}
