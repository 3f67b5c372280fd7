import Foundation
import Testing
@testable import LitmusSyntax

/// No input crashes the parser: deep nesting, huge literals and random damage give diagnostics.
@Suite struct RobustnessTests {
    func messages(_ source: String) -> [String] {
        do {
            _ = try LitmusTest.parse(source: source, file: "t")
            return []
        } catch {
            return error.diagnostics.map(\.message)
        }
    }

    @Test func deepNestingIsADiagnostic() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(messages("C t {} P0(int *x) { int r0; r0 = \(deep); } exists (x=1)").first == "nesting is too deep (more than 100 levels)")
        let chain = Array(repeating: "1", count: 5000).joined(separator: " + ")
        #expect(messages("C t {} P0(int *x) { int r0; r0 = \(chain); } exists (x=1)").first == "nesting is too deep (more than 100 levels)")
        let blocks = String(repeating: "{", count: 5000) + String(repeating: "}", count: 5000)
        #expect(messages("C t {} P0(int *x) { \(blocks) } exists (x=1)").first == "nesting is too deep (more than 100 levels)")
        let props = Array(repeating: "x=1", count: 5000).joined(separator: " /\\ ")
        #expect(messages("C t {} P0(int *x) { } exists (\(props))").first == "nesting is too deep (more than 100 levels)")
        let nots = String(repeating: "~", count: 5000) + "x=1"
        #expect(messages("C t {} P0(int *x) { } exists (\(nots))").first == "nesting is too deep (more than 100 levels)")
    }

    @Test func nestingUpToTheLimitIsFine() {
        let nested = String(repeating: "(", count: 90) + "1" + String(repeating: ")", count: 90)
        #expect(messages("C t {} P0(int *x) { int r0; r0 = \(nested); } exists (x=1)") == [])
    }

    @Test func hugeLiteralsAreDiagnosed() {
        #expect(messages("C t {} P0(int *x) { int r0; r0 = 123456789012345678901234567890; } exists (x=1)")
            == ["integer literal '123456789012345678901234567890' is invalid or too large"])
        #expect(messages("C t {} P0(int *x) { } exists (99999999999999999999:r0=1)")
            == ["integer literal '99999999999999999999' is invalid or too large"])
        #expect(messages("C t {} P99999999999999999999(int *x) { } exists (x=1)").first
            == "process number '99999999999999999999' is too large")
    }

    @Test func errorsAreCapped() {
        let garbage = String(repeating: "@ ", count: 1000)
        #expect(messages("C t {} P0(int *x) { \(garbage) } exists (x=1)").count == Parser.maxErrors)
    }

    /// Deterministic damage to every fixture: truncations, deletions, duplications and
    /// random bytes. Parsing must return (a test or diagnostics), never trap.
    @Test func damagedFixturesNeverCrash() throws {
        var generator = SplitMix64(seed: 42)
        for name in Fixtures.names {
            let original = Array(try Fixtures.source(name).utf8)
            for _ in 0..<150 {
                var bytes = original
                for _ in 0..<(1 + Int(generator.next() % 4)) where !bytes.isEmpty {
                    let i = Int(generator.next() % UInt64(bytes.count))
                    switch generator.next() % 4 {
                    case 0: bytes.removeSubrange(i..<min(bytes.count, i + Int(generator.next() % 20)))
                    case 1: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: i)
                    case 2: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 30)], at: i)
                    default: bytes = Array(bytes[..<i])
                    }
                }
                let source = String(decoding: bytes, as: UTF8.self)
                if let test = try? LitmusTest.parse(source: source, file: name) {
                    _ = Printer().print(test)
                }
            }
        }
    }
}

/// A small seeded generator so the damage is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Inputs the fuzzer once crashed on (Fixtures/FuzzFindings): each must now give a test that
/// prints back to an equal test, or diagnostics.
@Suite struct FuzzFindingTests {
    static var names: [String] {
        let directory = Fixtures.directory.appendingPathComponent("FuzzFindings")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test(arguments: names)
    func findingIsHandled(name: String) throws {
        let source = try Fixtures.source("FuzzFindings/" + name)
        do {
            let test = try LitmusTest.parse(source: source, file: name)
            #expect(try LitmusTest.parse(source: Printer().print(test), file: "printed") == test)
        } catch {
            #expect(!error.diagnostics.isEmpty)
        }
    }
}
