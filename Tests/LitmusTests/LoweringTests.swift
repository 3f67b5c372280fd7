import Testing
import Litmus
import LitmusSyntax

/// Lowering from source text to the core IR.
@Suite struct LoweringTests {
    func program(_ source: String) throws -> Program {
        try Program.parse(source: source, file: "test.litmus")
    }

    @Test func messagePassingWithReleaseAcquire() throws {
        let p = try program("""
            C MP+pooncerelease+poacquireonce
            (* Result: Never *)
            {}
            P0(int *buf, int *flag) { WRITE_ONCE(*buf, 1); smp_store_release(flag, 1); }
            P1(int *buf, int *flag) { int r0; int r1; r0 = smp_load_acquire(flag); r1 = READ_ONCE(*buf); }
            exists (1:r0=1 /\\ 1:r1=0)
            """)
        #expect(p.name == "MP+pooncerelease+poacquireonce")
        #expect(p.expectedResult == "Never")
        #expect(p.variables.map(\.name) == ["buf", "flag"])
        let buf = Expression.constant(.address(0)), flag = Expression.constant(.address(1))
        let origin0 = p.threads[0].body.map { instruction -> String in
            if case let .store(s) = instruction { return s.origin.text } else { return "?" }
        }
        #expect(origin0 == ["WRITE_ONCE(*buf, 1)", "smp_store_release(flag, 1)"])
        guard case let .store(release) = p.threads[0].body[1] else { Issue.record("not a store"); return }
        #expect(release.address == flag && release.annotation == .release && release.value == .constant(.integer(1)))
        #expect(release.origin.location == SourceLocation(file: "test.litmus", line: 4, column: 48))
        #expect(p.threads[1].registers == ["r0", "r1"])
        guard case let .load(acquire) = p.threads[1].body[0], case let .load(once) = p.threads[1].body[1] else {
            Issue.record("not loads"); return
        }
        #expect(acquire.destination == 0 && acquire.address == flag && acquire.annotation == .acquire)
        #expect(once.destination == 1 && once.address == buf && once.annotation == .once)
        #expect(p.condition.quantifier == .exists)
        #expect(p.condition.proposition == .and(
            .equals(.register(thread: 1, name: "r0"), .value(.integer(1))),
            .equals(.register(thread: 1, name: "r1"), .value(.integer(0)))))
    }

    @Test func bareNameInInitIsAnAddress() throws {
        let p = try program("""
            C MP+onceassign+derefonce
            { int *p=y; int x; int y=0; }
            P0(int *x, int **p) { WRITE_ONCE(*x, 1); rcu_assign_pointer(*p, x); }
            P1(int *x, int **p) { int *r0; int r1; rcu_read_lock(); r0 = rcu_dereference(*p); r1 = READ_ONCE(*r0); rcu_read_unlock(); }
            exists (1:r0=x /\\ 1:r1=0)
            """)
        #expect(p.variables.map(\.name) == ["p", "x", "y"])
        #expect(p.variables[0].kind == .pointer && p.variables[0].initialValue == .address(2))
        #expect(p.condition.proposition.locations.contains(.register(thread: 1, name: "r0")))
        guard case let .equals(_, .value(value)) = p.condition.proposition.firstAtom else { Issue.record("no atom"); return }
        #expect(value == .address(1))
        guard case let .load(deref) = p.threads[1].body[2] else { Issue.record("not a load"); return }
        #expect(deref.address == .register(0))  // address dependency on r0
    }
}

extension Proposition {
    var firstAtom: Proposition? {
        switch self {
        case .equals: return self
        case let .and(a, _), let .or(a, _), let .implies(a, _), let .not(a): return a.firstAtom
        case .constant: return nil
        }
    }
}
