import Foundation
import Testing

/// `litmus run` on tests whose iterations never finish: the built binary gives up early, prints
/// the partial result and the reason, and exits 1 (within a short timeout, at the default -n).
@Suite struct RunGiveUpCommandTests {
    func write(_ source: String, _ name: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("giveup-\(getpid())-\(name).litmus")
        try source.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test(arguments: [
        ("infloop", "C infloop\n{}\nP0(int *x) { while (1) { } }\nexists (x=0)\n"),
        ("deadlock", "C deadlock\n{ spinlock_t s; }\nP0(spinlock_t *s) { spin_lock(s); spin_lock(s); }\nexists (s=0)\n"),
    ])
    func neverEndingIterationsGiveUpQuickly(name: String, source: String) throws {
        let file = try write(source, name)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Binary.run(["run", "--no-ablate", file.path], timeout: 120)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(file.path): error: every iteration of P0 loops forever or deadlocks"))
        #expect(result.stderr.contains("gave up after the first 10000 of 1000000"))
        #expect(result.stdout.contains("10,000 iterations abandoned"), "the partial result is printed")
    }

    @Test func nullDereferenceIsReportedAsSuch() throws {
        let file = try write("""
            C nullderef
            { int *p = NULL; }
            P0(int **p) { int *r0; int r1; r0 = READ_ONCE(*p); r1 = READ_ONCE(*r0); }
            exists (0:r1=0)
            """, "null")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Binary.run(["run", "-n", "20k", file.path], timeout: 120)
        #expect(result.status == 1)
        #expect(result.stderr.contains("P0: r0 is not a pointer to a shared variable (value 0) in `READ_ONCE(*r0)` at \(file.path):3:57"))
        #expect(!result.stdout.contains("exceeded its budget"))
    }
}
