import ArgumentParser
import Foundation
import Testing
@testable import LitmusCLI

/// `litmus parse`: exit 0 when every file parses, 2 otherwise.
@Suite struct ParseCommandTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let valid = tests.appendingPathComponent("LitmusSyntaxTests/Fixtures/mp+wmb+rmb.litmus").path
    let invalid = tests.appendingPathComponent("LitmusTests/Fixtures/Diagnostics/unknown-primitive.litmus").path

    func exitCode(_ arguments: [String]) throws -> Int32 {
        let command = try ParseCommand.parse(arguments)
        do {
            try command.run()
            return 0
        } catch let error as ExitCode {
            return error.rawValue
        }
    }

    @Test func validFilesExitZero() throws {
        #expect(try exitCode([valid]) == 0)
    }

    @Test func anyInvalidFileExitsTwo() throws {
        #expect(try exitCode([valid, invalid]) == 2)
        #expect(try exitCode(["/nonexistent.litmus"]) == 2)
    }

    @Test func filesAreRequired() {
        #expect(throws: (any Error).self) { try ParseCommand.parse([]) }
    }
}
