import Foundation
import Testing

/// `litmus fix` end to end: exit statuses, the summary format and `--write`.
@Suite struct FixCommandTests {
    let mp = Binary.reportsFixtures.appendingPathComponent("mp.litmus").path
    let forbidden = Binary.reportsFixtures.appendingPathComponent("mp+wmb+rmb.litmus").path
    let broken = Binary.reportsFixtures.appendingPathComponent("broken.litmus").path
    let scAllowed = Binary.fixtures.appendingPathComponent("fix-sc-allowed.litmus").path

    @Test func exitStatuses() throws {
        let fixed = try Binary.run(["fix", mp, "--model", "armv8", "--cost", "arm64"])
        #expect(fixed.status == 0)
        #expect(fixed.stdout.contains("+\tsmp_wmb();"))
        #expect(fixed.stdout.contains("forbidden by external (acyclic ob)"))
        #expect(fixed.stdout.contains(" checks in "))
        #expect(try Binary.run(["fix", forbidden, "--model", "all"]).status == 0)
        let none = try Binary.run(["fix", scAllowed])
        #expect(none.status == 1)
        #expect(none.stdout.contains("SC allows the outcome too"))
        let bad = try Binary.run(["fix", broken])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("error:"))
        #expect(try Binary.run(["fix", "/nonexistent.litmus"]).status == 2)
        #expect(try Binary.run(["fix", mp, "--cost", "power"]).status == 2)
        #expect(try Binary.run(["fix", mp, "--model", "power"]).status == 2)
    }

    @Test func summaryHasOneLinePerModel() throws {
        let result = try Binary.run(["fix", mp, "--model", "all", "--format", "summary"])
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.map { $0.count } == [5, 5, 5, 5])
        #expect(rows.map { String($0[1]) } == ["sc", "tso", "armv8", "lkmm"])
        #expect(rows[0][2] == "already forbidden" && rows[1][2] == "already forbidden")
        #expect(rows[2][2].hasPrefix("cost 2: P0: smp_wmb()"))
    }

    @Test func writeMakesANewTestThatTheModelForbids() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fix-\(UUID().uuidString).litmus").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try Binary.run(["fix", mp, "--write", out]).status == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("smp_rmb();"))
        let check = try Binary.run(["check", out, "--model", "lkmm"])
        #expect(check.stdout.contains("Never"))
    }

    /// `--format json`: one object per model; each fix's `source` is the changed test, which
    /// the model then forbids.
    @Test func jsonGivesEachModelAndTheChangedSource() throws {
        let result = try Binary.run(["fix", mp, "--model", "tso,lkmm", "--format", "json"])
        #expect(result.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(objects.compactMap { $0["model"] as? String }.sorted() == ["lkmm", "tso"])
        let tso = try #require(objects.first { $0["model"] as? String == "tso" })
        #expect(tso["result"] as? String == "already_forbidden")
        let lkmm = try #require(objects.first { $0["model"] as? String == "lkmm" })
        #expect(lkmm["result"] as? String == "fixed" && lkmm["as_written"] as? String == "Sometimes")
        let fix = try #require((lkmm["fixes"] as? [[String: Any]])?.first)
        #expect((fix["forbidden_by"] as? [String: Any])?["axiom"] as? String == "happens-before")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fix-\(UUID().uuidString).litmus").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        try #require(fix["source"] as? String).write(toFile: out, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["check", out, "--model", "lkmm", "--format", "herd"]).stdout.contains(" Never 0 "))
    }
}
