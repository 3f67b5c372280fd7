import Foundation
import Testing

/// A typo in the condition: herd7's output on stdout, unchanged; the warning on stderr, once.
@Suite struct ConditionWarningCommandTests {
    @Test(arguments: ["herd", "human", "json"])
    func warningGoesToStderr(format: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("typo-\(getpid())-\(format).litmus")
        let clean = "C typo\n{}\nP0(int *x) { int r0; r0 = READ_ONCE(*x); }\nP1(int *x) { WRITE_ONCE(*x, 1); }\nexists (0:r0=1)\n"
        try clean.replacingOccurrences(of: "(0:r0=1)", with: "(0:r0=1 /\\ 1:r5=0)").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Binary.run(["check", "--model", "all", "--format", format, file.path])
        #expect(result.status == 0)
        let warning = "\(file.path):5:19: warning: P1 never assigns r5; it is always 0"
        #expect(result.stderr.components(separatedBy: warning).count == 2, "once: \(result.stderr)")
        #expect(!result.stdout.contains("warning"))
        if format == "herd" {
            #expect(result.stdout.contains("Condition exists (0:r0=1 /\\ 1:r5=0)\nObservation typo Sometimes 1 1"))
        }
    }

    @Test func parseWarnsToo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("typo-parse-\(getpid()).litmus")
        try "C t\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (w=1)\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Binary.run(["parse", file.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("\(file.path):4:9: warning: no thread accesses w"))
    }
}
