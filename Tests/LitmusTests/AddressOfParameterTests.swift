import Testing
import Litmus

/// `&x` of a pointer parameter means x's address, as herd7's C front end reads it
/// (paulmckrcu/litmus writes `atomic_dec_and_test(&x)` with `P0(atomic_t *x)`).
@Suite struct AddressOfParameterTests {
    @Test func addressOfParameterIsTheParameter() throws {
        let withAmpersand = try Program.parse(source: """
            C SB+adat
            { atomic_t x = ATOMIC_INIT(2); }
            P0(atomic_t *x, int *y) { int r1; r1 = atomic_dec_and_test(&x); WRITE_ONCE(*y, 1); }
            exists (0:r1=0)
            """, file: "a.litmus")
        let plain = try Program.parse(source: """
            C SB+adat
            { atomic_t x = ATOMIC_INIT(2); }
            P0(atomic_t *x, int *y) { int r1; r1 = atomic_dec_and_test(x); WRITE_ONCE(*y, 1); }
            exists (0:r1=0)
            """, file: "a.litmus")
        guard case let .rmw(a) = withAmpersand.threads[0].body[0], case let .rmw(b) = plain.threads[0].body[0] else {
            Issue.record("not read-modify-writes: \(withAmpersand.threads[0].body)"); return
        }
        #expect(a.address == .constant(.address(0)))
        #expect(a.address == b.address && a.operation == b.operation)
    }

    @Test func addressOfParameterInAStoreAndInitialRegister() throws {
        let p = try Program.parse(source: """
            C store
            {}
            P0(int *x) { int *r0 = &x; WRITE_ONCE(*&x, 1); WRITE_ONCE(*r0, 2); }
            exists (x=2)
            """, file: "b.litmus")
        guard case let .store(first) = p.threads[0].body.first(where: { if case .store = $0 { true } else { false } })
        else { Issue.record("no store: \(p.threads[0].body)"); return }
        #expect(first.address == .constant(.address(0)))
    }
}
