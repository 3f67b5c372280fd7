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

    /// The kernel's RCU guarantee holds on every architecture: no hardware column says
    /// Sometimes next to the LKMM's Never, and explain says where the guarantee comes from.
    @Test func rcuGuaranteesAreNeverOnEveryModel() throws {
        let directory = Binary.fixtures.appendingPathComponent("rcu")
        let list = try Binary.run(["list", directory.path])
        #expect(list.status == 0)
        let rows = list.stdout.split(separator: "\n").filter { $0.hasPrefix("RCU+sync+") }
        #expect(rows.count == 2)
        for row in rows {
            let words = row.split(separator: " ", omittingEmptySubsequences: true)
            #expect(Array(words[1 ... 4]) == ["Never", "Never", "Never", "Never"], "\(row)")
        }
        let explain = try Binary.run(["explain", directory.appendingPathComponent("RCU+sync+read.litmus").path])
        #expect(explain.stdout.contains("x86-TSO  FORBIDDEN (Never)"))
        #expect(explain.stdout.contains("grace-period guarantee, applied on top of x86-TSO"))
        #expect(!explain.stdout.contains("ALLOWED"))
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
