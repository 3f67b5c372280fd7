import Testing
import Litmus
import LitmusSyntax

/// Lowering from source text to the core IR.
@Suite struct LoweringTests {
    func program(_ source: String) throws -> Program {
        try Program.parse(source: source, file: "test.litmus")
    }

    /// The body of P0 in `C t {...} P0(params) { body } exists (...)`.
    func body(_ body: String, params: String = "int *x, int *y", initial: String = "") throws -> ThreadProgram {
        try program("C t { \(initial) } P0(\(params)) { \(body) } exists (x=0)").threads[0]
    }

    let x = Expression.constant(.address(0)), y = Expression.constant(.address(1))
    func int(_ n: Int) -> Expression { .constant(.integer(n)) }
    func reg(_ r: Int) -> Expression { .register(r) }

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
        #expect(p.threads[0].body.compactMap(\.origin?.text) == ["WRITE_ONCE(*buf, 1)", "smp_store_release(flag, 1)"])
        #expect(p.threads[0].body[1] == .store(Store(
            address: y, value: int(1), annotation: .release,
            origin: Origin(text: "smp_store_release(flag, 1)", location: SourceLocation(file: "test.litmus", line: 4, column: 48)))))
        #expect(p.threads[1].registers == ["r0", "r1"])
        guard case let .load(acquire) = p.threads[1].body[0], case let .load(once) = p.threads[1].body[1] else {
            Issue.record("not loads"); return
        }
        #expect(acquire.destination == 0 && acquire.address == y && acquire.annotation == .acquire)
        #expect(once.destination == 1 && once.address == x && once.annotation == .once)
        #expect(p.condition == FinalCondition(quantifier: .exists, proposition: .and(
            .equals(.register(thread: 1, name: "r0"), .value(.integer(1))),
            .equals(.register(thread: 1, name: "r1"), .value(.integer(0))))))
    }

    @Test func bareNameInInitIsAnAddress() throws {
        let p = try program("""
            C MP+onceassign+derefonce
            { int *p=y; int x; int y=0; }
            P0(int *x, int **p) { WRITE_ONCE(*x, 1); rcu_assign_pointer(*p, x); }
            P1(int *x, int **p) { int *r0; int r1; rcu_read_lock(); r0 = rcu_dereference(*p); r1 = READ_ONCE(*r0); rcu_read_unlock(); }
            exists (1:r0=x /\\ 1:r1=0)
            """)
        #expect(p.variables == [Variable(name: "p", kind: .pointer, initialValue: .address(2)),
                                Variable(name: "x"), Variable(name: "y")])
        #expect(p.condition.proposition == .and(.equals(.register(thread: 1, name: "r0"), .value(.address(1))),
                                                .equals(.register(thread: 1, name: "r1"), .value(.integer(0)))))
        guard case let .store(assign) = p.threads[0].body[1], case let .load(deref) = p.threads[1].body[2] else {
            Issue.record("unexpected shape"); return
        }
        #expect(assign.address == .constant(.address(0)) && assign.value == .constant(.address(1)) && assign.annotation == .release)
        #expect(deref.address == .register(0))  // address dependency on r0
        #expect(p.threads[1].body.first == .fence(Fence(kind: .rcuReadLock, origin: Origin(
            text: "rcu_read_lock()", location: SourceLocation(file: "test.litmus", line: 4, column: 40)))))
    }

    @Test func nestedAccessesAreHoistedIntoTemporaries() throws {
        let t = try body("WRITE_ONCE(*y, READ_ONCE(*x) + 1);")
        #expect(t.registers == ["$t0"])
        guard case let .load(load) = t.body[0], case let .store(store) = t.body[1] else { Issue.record("shape"); return }
        #expect(load.destination == 0 && load.address == x && load.annotation == .once)
        #expect(store.address == y && store.value == .binary(.add, reg(0), int(1)))
    }

    @Test func whileReevaluatesItsConditionEachIteration() throws {
        let t = try body("int r0; while (READ_ONCE(*x) == 0) { r0 = r0 + 1; }")
        guard t.body.count == 2, case let .load(load) = t.body[0],
              case let .loop(condition, loopBody) = t.body[1] else { Issue.record("shape \(t.body)"); return }
        #expect(load.destination == 1)
        #expect(condition == .binary(.equal, reg(1), int(0)))
        #expect(loopBody == [.assign(register: 0, value: .binary(.add, reg(0), int(1))), t.body[0]])
    }

    @Test func ifConditionLoadsComeFirst() throws {
        let t = try body("if (READ_ONCE(*x)) WRITE_ONCE(*y, 1); else *y = 2;")
        guard case let .branch(condition, then, otherwise) = t.body[1] else { Issue.record("shape"); return }
        #expect(condition == reg(0))
        guard case let .store(once) = then[0], case let .store(plain) = otherwise[0] else { Issue.record("shape"); return }
        #expect(once.annotation == .once && plain.annotation == .plain && plain.origin.text == "*y = 2")
    }

    @Test func shortCircuitGuardsTheRightOperandsAccesses() throws {
        let t = try body("int r0; if (r0 && READ_ONCE(*y)) WRITE_ONCE(*x, 1);")
        #expect(t.registers == ["r0", "$t0", "$t1"])
        let guarded: [Instruction] = [
            .load(Load(destination: 2, address: y, annotation: .once, origin: Origin(
                text: "READ_ONCE(*y)", location: SourceLocation(file: "test.litmus", line: 1, column: 49)))),
            .assign(register: 1, value: .binary(.notEqual, reg(2), int(0))),
        ]
        #expect(Array(t.body.prefix(2)) == [
            .assign(register: 1, value: .binary(.notEqual, reg(0), int(0))),
            .branch(condition: reg(1), then: guarded, otherwise: []),
        ])
        let or = try body("int r0; r0 = r0 || *x;")
        guard case let .branch(condition, _, _) = or.body[1] else { Issue.record("shape"); return }
        #expect(condition == .unary(.logicalNot, reg(1)))
    }

    @Test func plainAccessesAndAddressDependencies() throws {
        let t = try body("int r0; r0 = *x; *y = r0; WRITE_ONCE(*(y + (r0 & 0)), 1); *x = *y;")
        guard case let .load(load) = t.body[0], case let .store(store) = t.body[1], case let .store(dep) = t.body[2],
              case let .load(inner) = t.body[3], case let .store(copy) = t.body[4]
        else { Issue.record("shape \(t.body)"); return }
        #expect(load.destination == 0 && load.annotation == .plain && load.origin.text == "*x")
        #expect(store.annotation == .plain && store.value == reg(0))
        #expect(dep.address == .binary(.add, y, .binary(.bitwiseAnd, reg(0), int(0))))
        #expect(inner.annotation == .plain && copy.value == reg(inner.destination))
    }

    @Test func atomicsFollowTheTable() throws {
        let t = try body("""
            int r0; int r1; int r2; int r3; int r4;
            atomic_add(2, v);
            r0 = atomic_inc_return(v);
            r1 = atomic_fetch_or_relaxed(4, v);
            r2 = atomic_dec_and_test(v);
            r3 = cmpxchg_acquire(x, 1, 2);
            (void)atomic_add_unless(v, 1, 0);
            r4 = atomic_long_add_return_release(3, v);
            """, params: "int *x, atomic_t *v")
        let rmws = t.body.compactMap { i -> ReadModifyWrite? in if case let .rmw(r) = i { r } else { nil } }
        let v = Expression.constant(.address(1))
        #expect(rmws.map(\.operation) == [
            .op(.add, operand: int(2)), .opReturn(.add, operand: int(1)), .fetchOp(.or, operand: int(4)),
            .opReturn(.sub, operand: int(1)), .compareExchange(expected: int(1), new: int(2)),
            .addUnless(operand: int(1), unless: int(0)), .opReturn(.add, operand: int(3)),
        ])
        #expect(rmws.map(\.annotation) == [.noReturn, .mb, .once, .mb, .acquire, .mb, .release])
        #expect(rmws.map(\.address) == [v, v, v, v, x, v, v])
        #expect(rmws.map(\.destination) == [nil, 0, 1, 5, 3, nil, 4])
        #expect(t.body.contains(.assign(register: 2, value: .binary(.equal, reg(5), int(0)))))
    }

    @Test func fencesLocksAndSRCU() throws {
        let t = try body("""
            int r0; int idx;
            mb(); rmb(); wmb(); dma_mb(); dma_rmb(); dma_wmb(); barrier(); smp_mb__before_atomic();
            spin_lock(s); r0 = spin_is_locked(s); spin_unlock(s);
            idx = srcu_read_lock(ss); srcu_read_unlock(ss, idx); synchronize_srcu(ss); smp_store_mb(*x, 1);
            """, params: "int *x, spinlock_t *s, struct srcu_struct *ss")
        let fences = t.body.compactMap { i -> FenceKind? in if case let .fence(f) = i { f.kind } else { nil } }
        #expect(fences == [.mandatoryMB, .mandatoryRMB, .mandatoryWMB, .dmaMB, .dmaRMB, .dmaWMB, .compilerBarrier,
                           .beforeAtomic, .mb])
        let locks = t.body.compactMap { i -> LockOperation? in if case let .lock(l) = i { l } else { nil } }
        #expect(locks.map(\.kind) == [.lock, .isLocked, .unlock])
        #expect(locks[1].destination == 0)
        let s = Expression.constant(.address(1)), ss = Expression.constant(.address(2))
        #expect(t.body[11] == .load(Load(destination: 1, address: ss, annotation: .srcuLock, origin: t.body[11].origin!)))
        #expect(t.body[12] == .store(Store(address: ss, value: reg(1), annotation: .srcuUnlock, origin: t.body[12].origin!)))
        #expect(t.body[13] == .synchronizeSRCU(address: ss, origin: t.body[13].origin!))
        #expect(locks[0].address == s)
        guard case let .store(storeMB) = t.body[14] else { Issue.record("shape"); return }
        #expect(storeMB.annotation == .once && storeMB.origin.text == "smp_store_mb(*x, 1)")
    }

    @Test func variablesComeFromInitParametersAndCondition() throws {
        let p = try program("""
            C kinds
            { v=3; atomic_t a = ATOMIC_INIT(-1); 0:r1=v; }
            P0(atomic_t *v, spinlock_t *lck, int **p, struct srcu_struct *ss) { int r0 = 5; if (r0) { int r2 = 1; } }
            P1(atomic_t *a) { }
            locations [lck; 1:r9]
            exists (onlyhere=0 /\\ 0:r1=v)
            """)
        #expect(p.variables == [
            Variable(name: "v", kind: .atomic, initialValue: .integer(3)),
            Variable(name: "a", kind: .atomic, initialValue: .integer(-1)),
            Variable(name: "lck", kind: .spinlock), Variable(name: "p", kind: .pointer),
            Variable(name: "ss", kind: .srcu), Variable(name: "onlyhere"),
        ])
        let t0 = p.threads[0]
        #expect(t0.registers == ["r0", "r2", "r1"])
        #expect(t0.initialRegisters == [0: .integer(5), 2: .address(0)])
        #expect(t0.parameters == ["v": 0, "lck": 2, "p": 3, "ss": 4])
        guard case let .branch(_, then, _) = t0.body[0] else { Issue.record("shape"); return }
        #expect(then == [.assign(register: 1, value: int(1))])
        #expect(p.threads[1].registers == ["r9"])
        #expect(p.extraLocations == [.variable(name: "lck"), .register(thread: 1, name: "r9")])
    }

    @Test func conditionAtoms() throws {
        let p = try program("C t {} P0(int *x) { int r0; } P1(int *x) { int r1; } filter (~x=1) forall (x!=2 \\/ 0:r0=1:r1 /\\ [x]=0:r0 ==> true)")
        let r0 = StateLocation.register(thread: 0, name: "r0"), r1 = StateLocation.register(thread: 1, name: "r1")
        let xv = StateLocation.variable(name: "x")
        #expect(p.filter == .not(.equals(xv, .value(.integer(1)))))
        #expect(p.condition == FinalCondition(quantifier: .forall, proposition: .implies(
            .or(.not(.equals(xv, .value(.integer(2)))),
                .and(.equals(r0, .location(r1)), .equals(xv, .location(r0)))),
            .constant(true))))
    }

    @Test func undeclaredRegistersFollowHerd() throws {
        // Assigning an undeclared name makes it a register, as herd7 does; reading one never written is an error.
        let t = try body("r5 = READ_ONCE(*x);")
        #expect(t.registers == ["r5"])
        #expect(throws: DiagnosticError.self) { try body("WRITE_ONCE(*x, r7);") }
    }

    @Test func everyFixtureLowers() throws {
        for name in SyntaxFixtures.names {
            let program = try Program.parse(source: try SyntaxFixtures.source(name), file: name)
            #expect(!program.threads.isEmpty, "\(name)")
        }
    }
}

@Suite struct SuggestionTests {
    func message(_ body: String) -> String? {
        do {
            _ = try Program.parse(source: "C t {} P0(int *flag, int *data) { int r0; \(body) } exists (0:r0=0)", file: "t")
            return nil
        } catch {
            return error.diagnostics.first?.message
        }
    }

    @Test func typosGetTheClosestName() {
        #expect(message("r0 = READ_ONCE(*flg);") == "use of undeclared identifier 'flg'; did you mean 'flag'?")
        #expect(message("r0 = rr0;") == "use of undeclared identifier 'rr0'; did you mean 'r0'?")
        #expect(message("r0 = z;") == "use of undeclared identifier 'z'")
        #expect(message("smp_store_relase(flag, 1);") == "unknown primitive 'smp_store_relase'; did you mean 'smp_store_release'?")
        #expect(message("atomic_inc_retrun(flag);") == "unknown primitive 'atomic_inc_retrun'; did you mean 'atomic_inc_return'?")
        #expect(message("frobnicate(flag);") == "unknown primitive 'frobnicate'")
        #expect(message("atomic_store_explicit(flag, 1, memory_order_release);")
            == "C11 atomics such as 'atomic_store_explicit' are not supported yet; use the kernel's primitives (READ_ONCE, smp_store_release, ...)")
    }
}

@Suite struct NestingLimitLoweringTests {
    /// The deepest input the parser accepts must lower (and hash) without exhausting the stack.
    @Test func deepestAcceptedInputLowers() throws {
        let chain = Array(repeating: "READ_ONCE(*x)", count: 99).joined(separator: " + ")
        let nots = String(repeating: "~", count: 99) + "x=1"
        let ifs = String(repeating: "if (r0) ", count: 99) + "r0 = 1;"
        let program = try Program.parse(
            source: "C deep {} P0(int *x) { int r0; r0 = \(chain); \(ifs) } exists (\(nots))", file: "deep")
        #expect(program.threads[0].registers.count == 100)
        #expect(Set([program, program]).count == 1)
    }
}
