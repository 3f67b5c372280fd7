import Foundation
import Testing

/// `litmus check` on a NULL dereference: the empty result names the access, in every format.
@Suite struct CheckBadAccessCommandTests {
    @Test(arguments: ["human", "herd", "json"])
    func nullDereferenceIsNoted(format: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("badaccess-\(getpid())-\(format).litmus")
        try "C nullderef\n{ int *p = NULL; }\nP0(int **p) { int *r0; int r1; r0 = READ_ONCE(*p); r1 = READ_ONCE(*r0); }\nexists (0:r1=0)\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Binary.run(["check", "--model", "all", "--format", format, file.path])
        #expect(result.status == 0)
        let note = "P0: r0 is not a pointer to a shared variable (value 0) in `READ_ONCE(*r0)` at \(file.path):3:57"
        if format == "human" {
            #expect(result.stdout.contains("Note: " + note))
        } else {
            #expect(result.stderr.components(separatedBy: note).count == 2, "once, not once per model: \(result.stderr)")
            #expect(!result.stdout.contains(note))
        }
    }
}
