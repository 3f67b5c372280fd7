import Foundation
import Testing

/// `litmus check` end to end through the built binary: formats, models, exit codes.
@Suite struct CheckCommandTests {
    static let classic = Binary.tests.appendingPathComponent("ModelsTests/Fixtures/classic")
    static let lkmm = Binary.tests.appendingPathComponent("ModelsTests/Fixtures/lkmm")
    let sb = classic.appendingPathComponent("SB.litmus").path
    let mp = classic.appendingPathComponent("MP+release+acquire.litmus").path

    @Test func herdFormatForManyFilesInOneProcess() throws {
        let result = try Binary.run(["check", "--format", "herd", sb, mp])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Observation SB Sometimes 1 3\n"))
        #expect(result.stdout.contains("Observation MP+release+acquire Never 0 3\n"))
        #expect(!result.stdout.contains("Hash="))
    }

    /// `-j`: files checked on several threads of one process print as with one, in input order.
    @Test func parallelJobsPrintInInputOrder() throws {
        let files = (Fixtures.files(Self.classic) + Fixtures.files(Self.lkmm)).map(\.path) + ["/nonexistent.litmus"]
        func run(_ jobs: String) throws -> (Int32, String) {
            let result = try Binary.run(["check", "--format", "herd", "--model", "lkmm,armv8", "-j", jobs] + files)
            return (result.status, result.stdout.split(separator: "\n").filter { !$0.hasPrefix("Time ") }.joined(separator: "\n"))
        }
        let (oneStatus, one) = try run("1")
        let (threeStatus, three) = try run("3")
        #expect(one == three)
        #expect((oneStatus, threeStatus) == (2, 2))  // the missing file
        #expect(one.components(separatedBy: "Observation ").count - 1 == 2 * (files.count - 1))
        #expect(try Binary.run(["check", "-j", "0", sb]).status == 2)
    }

    /// In one pipe, a file's error lands between the blocks of the files around it, not inside
    /// or before them (stdout is block-buffered in a pipe; it is flushed before each diagnostic).
    @Test func errorsKeepTheirPlaceInOnePipe() throws {
        let result = try Binary.run(["check", "--format", "herd", "-j", "1", sb, "/nonexistent.litmus", mp], oneStream: true)
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let sbEnd = lines.firstIndex { $0.hasPrefix("Observation SB ") }
        let error = lines.firstIndex { $0.hasPrefix("/nonexistent.litmus") || $0.contains("nonexistent.litmus:") }
        let mpStart = lines.firstIndex { $0.hasPrefix("Test MP+release+acquire") }
        #expect(sbEnd != nil && error != nil && mpStart != nil)
        if let sbEnd, let error, let mpStart { #expect(sbEnd < error && error < mpStart) }
    }

    @Test func herdFormatMatchesHerdOnAKernelTest() throws {
        let test = Self.lkmm.appendingPathComponent("MP+polockonce+poacquiresilsil.litmus").path
        let expected = try String(contentsOfFile: Self.lkmm.appendingPathComponent("MP+polockonce+poacquiresilsil.expected").path, encoding: .utf8)
        let result = try Binary.run(["check", "--format", "herd", test])
        let ours = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("Time ") }.joined(separator: "\n") + "\n"
        #expect(ours == expected)
    }

    @Test func severalModelsAndJSON() throws {
        let result = try Binary.run(["check", "--format", "json", "--model", "sc,tso", "--model", "armv8", sb])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[\n"))
        for model in ["sc", "tso", "armv8"] { #expect(result.stdout.contains("\"model\": \"\(model)\"")) }
        #expect(!result.stdout.contains("\"model\": \"lkmm\""))
        #expect(result.stdout.contains("\"verdict\": \"Never\""))
    }

    @Test func humanOutputExplainsTheForbiddingAxiom() throws {
        let result = try Binary.run(["check", "--model", "sc", sb])
        #expect(result.stdout.contains("Why: forbidden by sc (acyclic po | rf | co | fr): P0: WRITE_ONCE(*x, 1) —po→"))
    }

    @Test func graphIsWrittenAsDot() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).dot").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Binary.run(["check", "--graph", path, sb])
        #expect(result.status == 0)
        let dot = try String(contentsOfFile: path, encoding: .utf8)
        #expect(dot.hasPrefix("digraph"))
    }

    @Test func usageAndParseErrorsExitTwo() throws {
        #expect(try Binary.run(["check", "--model", "power", sb]).status == 2)
        #expect(try Binary.run(["check", "--graph", "out.png", sb]).status == 2)
        #expect(try Binary.run(["check"]).status == 2)
        let missing = try Binary.run(["check", "/nonexistent/test.litmus", sb])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/test.litmus"))
        #expect(missing.stdout.contains("Test SB"))  // the other file is still checked
    }

    @Test func giveUpIsExitOneWithSizes() throws {
        let iriw = Self.classic.appendingPathComponent("IRIW.litmus").path
        let result = try Binary.run(["check", "--max-candidates", "2", iriw])
        #expect(result.status == 1)
        #expect(result.stderr.contains("state explosion"))
    }
}

private enum Fixtures {
    static func files(_ directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".litmus") }.sorted().map { directory.appendingPathComponent($0) }
    }
}
