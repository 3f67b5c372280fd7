import ArgumentParser
import Foundation
import Testing
@testable import LitmusCLI

/// `litmus explain` and `litmus list`: exit codes in-process and through the real binary.
@Suite struct ExplainListTests {
    let mp = Binary.reportsFixtures.appendingPathComponent("mp.litmus").path
    let broken = Binary.reportsFixtures.appendingPathComponent("broken.litmus").path

    func exitCode<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) throws -> Int32 {
        var command = try type.parse(arguments)
        do {
            try command.run()
            return 0
        } catch let error as ExitCode {
            return error.rawValue
        }
    }

    @Test func explainExitCodes() throws {
        #expect(try exitCode(ExplainCommand.self, [mp, "--model", "armv8"]) == 0)
        #expect(try exitCode(ExplainCommand.self, [broken]) == 2)
        #expect(try exitCode(ExplainCommand.self, ["/nonexistent.litmus"]) == 2)
        #expect(throws: (any Error).self) { try ExplainCommand.parse([mp, "--model", "power"]) }
    }

    @Test func listExitCodes() throws {
        #expect(try exitCode(ListCommand.self, [Binary.reportsFixtures.path]) == 2)  // broken.litmus, as elsewhere
        #expect(throws: (any Error).self) { try ListCommand.parse([mp]) }  // not a directory
    }

    @Test func binaryExplainsMP() throws {
        let result = try Binary.run(["explain", mp])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ARMv8    ALLOWED (Sometimes)"))
        #expect(!result.stdout.contains("\u{1B}["))  // NO_COLOR and a pipe: no colours
    }

    @Test func binaryUsageErrorsExitTwo() throws {
        let unknown = try Binary.run(["explain", mp, "--model", "power"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown model 'power'"))
        #expect(try Binary.run(["list", mp]).status == 2)
        #expect(try Binary.run(["explain"]).status == 2)
        #expect(try Binary.run(["explain", broken]).status == 2)
    }

    @Test func completionScriptsAreGenerated() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try Binary.run(["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("explain"))
        }
    }
}
