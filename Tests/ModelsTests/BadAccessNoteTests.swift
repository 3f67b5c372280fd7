import Litmus
import Reports
import Models
import Testing

/// An access through NULL or an integer ends every path through it; the empty result says why.
@Suite struct BadAccessNoteTests {
    func check(_ source: String) throws -> CheckResult {
        try ModelChecker.check(Program.parse(source: source, file: "t.litmus"), model: .lkmm)
    }

    @Test func nullDereferenceIsNamed() throws {
        let result = try check("""
            C nullderef
            { int *p = NULL; }
            P0(int **p) { int *r0; int r1; r0 = READ_ONCE(*p); r1 = READ_ONCE(*r0); }
            exists (0:r1=0)
            """)
        #expect(result.states.isEmpty)
        #expect(result.notes == ["P0: r0 is not a pointer to a shared variable (value 0) in `READ_ONCE(*r0)` at t.litmus:3:57"])
        #expect(result.humanText.contains("Note: P0: r0 is not a pointer to a shared variable (value 0)"))
    }

    @Test func integerStoredThroughIsNamed() throws {
        let result = try check("""
            C intstore
            { int *p = 7; }
            P0(int **p, int *x) { int *r0; r0 = READ_ONCE(*p); WRITE_ONCE(*r0, 1); }
            exists (x=0)
            """)
        #expect(result.notes == ["P0: r0 is not a pointer to a shared variable (value 7) in `WRITE_ONCE(*r0, 1)` at t.litmus:3:52"])
    }

    @Test func healthyPointerTestHasNoNote() throws {
        let result = try check("""
            C ptr
            { int *p = x; }
            P0(int **p, int *x) { int *r0; r0 = READ_ONCE(*p); WRITE_ONCE(*r0, 1); }
            exists (x=1)
            """)
        #expect(!result.states.isEmpty)
        #expect(result.notes.isEmpty)
    }
}
