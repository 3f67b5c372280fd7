import Testing
import Litmus
@testable import Models

/// How herd7 computes dependencies for C: a control dependency reaches only the statements
/// inside the branches of the `if` (or the unrolled loop iterations) whose condition depends
/// on the read; a register carries only the dependencies of the value it was assigned.
/// Each P0 body below runs against `r0 = READ_ONCE(*y); smp_mb(); WRITE_ONCE(*x, 1);`:
/// `0:r0=1 /\ 1:r0=1` is forbidden exactly when P0's write to y is ordered after its read of x.
@Suite struct ControlDependencyTests {
    func verdict(_ body: String, model: ModelKind = .lkmm) throws -> Verdict {
        let source = """
            C LB+dep
            {}
            P0(int *x, int *y, int *z)
            {
            \tint r0;
            \tint r1;
            \tint r2;
            \(body)
            }
            P1(int *x, int *y)
            {
            \tint r0;
            \tr0 = READ_ONCE(*y);
            \tsmp_mb();
            \tWRITE_ONCE(*x, 1);
            }
            exists (0:r0=1 /\\ 1:r0=1)
            """
        return try ModelChecker.check(try Program.parse(source: source, file: "LB+dep.litmus"), model: model).verdict
    }

    static let orderedBodies: [String] = [
        // inside the if, inside the else
        "r0 = READ_ONCE(*x); if (r0) WRITE_ONCE(*y, 1);",
        "r0 = READ_ONCE(*x); if (r0 == 0) WRITE_ONCE(*z, 1); else WRITE_ONCE(*y, 1);",
        // nested: the outer or the inner condition depends on the read
        "r0 = READ_ONCE(*x); if (r0) { r1 = 1; if (r1) WRITE_ONCE(*y, 1); }",
        "r0 = READ_ONCE(*x); r1 = 1; if (r1) { if (r0) WRITE_ONCE(*y, 1); }",
        // after an inner if, still inside the outer one that depends on the read
        "r0 = READ_ONCE(*x); if (r0) { if (r0 == 2) WRITE_ONCE(*z, 1); WRITE_ONCE(*y, 1); }",
        // a loop iteration is a branch of its condition
        "r0 = READ_ONCE(*x); r1 = r0; while (r1 == 1) { WRITE_ONCE(*y, 1); r1 = 0; }",
        "r0 = READ_ONCE(*x); r1 = r0; while (r1 != 0) { r1 = r1 - 1; if (r1 == 0) WRITE_ONCE(*y, 1); }",
        // data through registers
        "r0 = READ_ONCE(*x); r1 = r0 + 1; WRITE_ONCE(*y, r1 - r0);",
        "r0 = READ_ONCE(*x); r1 = r0; if (r1) WRITE_ONCE(*y, 1);",
    ]

    /// Unordered for the LKMM; on arm64 the store in the branch keeps the branch and the
    /// marked store after it stays after it, so ARMv8 orders them.
    static let unorderedInCBodies: [String] = [
        // after the if, after the if-else
        "r0 = READ_ONCE(*x); if (r0) WRITE_ONCE(*z, 1); WRITE_ONCE(*y, 1);",
        "r0 = READ_ONCE(*x); if (r0) WRITE_ONCE(*z, 1); else WRITE_ONCE(*z, 2); WRITE_ONCE(*y, 1);",
        // after an inner if that depends on the read, inside an outer one that does not
        "r0 = READ_ONCE(*x); r1 = 1; if (r1) { if (r0) WRITE_ONCE(*z, 1); WRITE_ONCE(*y, 1); }",
    ]

    static let unorderedBodies: [String] = [
        // after a loop whose condition depends on the read
        "r0 = READ_ONCE(*x); r1 = r0; while (r1 == 1) { r1 = 0; } WRITE_ONCE(*y, 1);",
        // a register assigned in a branch carries the value's dependencies only, not the branch's
        "r1 = 1; r0 = READ_ONCE(*x); if (r0 == 0) r1 = 0; WRITE_ONCE(*y, r1);",
        "r0 = READ_ONCE(*x); if (r0) r1 = 1; else r1 = 2; WRITE_ONCE(*y, r1);",
        // the branch is over, whatever it assigned
        "r0 = READ_ONCE(*x); if (r0) { r2 = 5; } WRITE_ONCE(*y, 1);",
    ]

    @Test(arguments: orderedBodies)
    func ordered(_ body: String) throws {
        #expect(try verdict(body) == .never, "LKMM: \(body)")
        #expect(try verdict(body, model: .armv8) == .never, "ARMv8: \(body)")
    }

    @Test(arguments: unorderedBodies)
    func unordered(_ body: String) throws {
        #expect(try verdict(body) == .sometimes, "LKMM: \(body)")
        #expect(try verdict(body, model: .armv8) == .sometimes, "ARMv8: \(body)")
    }

    @Test(arguments: unorderedInCBodies)
    func unorderedInC(_ body: String) throws {
        #expect(try verdict(body) == .sometimes, "LKMM: \(body)")
        #expect(try verdict(body, model: .armv8) == .never, "ARMv8: \(body)")
    }

    /// MP whose reader writes under a control dependency, reads its own write back (rfi) and
    /// uses it as an address: ctrl ; rfi ; addr does not order the first read before the last.
    @Test func controlDependencyThroughAnOwnStoreDoesNotOrderReads() throws {
        let source = """
            C MP+ctrl-rfi-addr
            {}
            P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_store_release(y, 1); }
            P1(int *x, int *y, int *z)
            {
            \tint r0; int *r1; int r2;
            \tr0 = READ_ONCE(*y);
            \tif (r0) { WRITE_ONCE(*z, x); r1 = READ_ONCE(*z); r2 = READ_ONCE(*r1); }
            }
            exists (1:r0=1 /\\ 1:r1=x /\\ 1:r2=0)
            """
        let program = try Program.parse(source: source, file: "t.litmus")
        #expect(try ModelChecker.check(program, model: .lkmm).verdict == .sometimes)
        // With a data dependency instead (dep ; rfi is in to-r), the reads are ordered.
        let data = source.replacingOccurrences(of: "WRITE_ONCE(*z, x);", with: "WRITE_ONCE(*z, x + (r0 & 0));")
        #expect(try ModelChecker.check(try Program.parse(source: data, file: "t.litmus"), model: .lkmm).verdict == .never)
    }
}
