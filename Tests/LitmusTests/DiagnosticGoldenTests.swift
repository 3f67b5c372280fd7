import Foundation
import Testing
import Litmus
import LitmusSyntax

/// Each Fixtures/Diagnostics/NAME.litmus is malformed; NAME.expected is exactly what
/// `litmus parse NAME.litmus` must print on stderr (text, line, column, source line, caret).
@Suite struct DiagnosticGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Diagnostics")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".litmus") }.sorted()
    }

    @Test func goldenFilesExist() {
        #expect(Self.names.count >= 7)
    }

    @Test(arguments: names)
    func diagnosticsMatchGolden(name: String) throws {
        let source = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let expected = try String(
            contentsOf: Self.directory.appendingPathComponent(name.replacingOccurrences(of: ".litmus", with: ".expected")),
            encoding: .utf8)
        do {
            _ = try Program.parse(source: source, file: name)
            Issue.record("\(name) parsed without errors")
        } catch {
            #expect(error.description + "\n" == expected)
        }
    }

    @Test func missingFileIsADiagnostic() {
        do {
            _ = try Program.load(contentsOf: "/nonexistent/dir/test.litmus")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description == "/nonexistent/dir/test.litmus: error: no such file")
        }
        do {
            _ = try Program.load(contentsOf: Self.directory.path)
            Issue.record("loaded a directory")
        } catch {
            #expect(error.description.hasSuffix("error: is a directory, not a litmus file"))
        }
    }

    @Test func loadReadsAndLowersAFile() throws {
        let path = Self.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("LitmusSyntaxTests/Fixtures/mp+wmb+rmb.litmus").path
        let program = try Program.load(contentsOf: path)
        #expect(program.name == "mp+wmb+rmb")
        #expect(program.threads[0].body[0].origin?.location.file == path)
    }
}

extension Instruction {
    /// The origin of a memory or fence instruction.
    var origin: Origin? {
        switch self {
        case let .load(l): return l.origin
        case let .store(s): return s.origin
        case let .fence(f): return f.origin
        case let .rmw(r): return r.origin
        case let .lock(l): return l.origin
        case let .synchronizeSRCU(_, origin): return origin
        case .assign, .branch, .loop: return nil
        }
    }
}
