import Litmus
import LitmusSyntax

/// Classic shapes built directly as IR, so the harness tests do not depend on the parser.
enum HandBuilt {
    static func origin(_ text: String, line: Int = 1) -> Origin {
        Origin(text: text, location: LitmusSyntax.SourceLocation(file: "hand.litmus", line: line, column: 1))
    }
    static func variable(_ v: Int) -> Expression { .constant(.address(v)) }
    static func constant(_ n: Int) -> Expression { .constant(.integer(n)) }
    static func once(store v: Int, _ value: Int, line: Int = 1) -> Instruction {
        .store(Store(address: variable(v), value: constant(value), annotation: .once, origin: origin("WRITE_ONCE", line: line)))
    }
    static func once(load v: Int, into r: Int, line: Int = 1) -> Instruction {
        .load(Load(destination: r, address: variable(v), annotation: .once, origin: origin("READ_ONCE", line: line)))
    }
    static func fence(_ kind: FenceKind, line: Int) -> Instruction {
        .fence(Fence(kind: kind, origin: origin("smp_\(kind.rawValue)()", line: line)))
    }
    static func equals(_ thread: Int, _ register: String, _ value: Int) -> Proposition {
        .equals(.register(thread: thread, name: register), .value(.integer(value)))
    }

    /// SB: each thread writes one variable and reads the other; `fenced` puts smp_mb() between.
    static func storeBuffering(fenced: Bool) -> Program {
        func thread(_ i: Int) -> ThreadProgram {
            var body = [once(store: i, 1, line: 10 * i + 1)]
            if fenced { body.append(fence(.mb, line: 10 * i + 2)) }
            body.append(once(load: 1 - i, into: 0, line: 10 * i + 3))
            return ThreadProgram(index: i, registers: ["r0"], body: body)
        }
        return Program(
            name: fenced ? "SB+mb+mb" : "SB", variables: [Variable(name: "x"), Variable(name: "y")],
            threads: [thread(0), thread(1)],
            condition: FinalCondition(quantifier: .exists, proposition: .and(equals(0, "r0", 0), equals(1, "r0", 0))))
    }

    /// MP with release/acquire.
    static func messagePassing() -> Program {
        let writer = ThreadProgram(index: 0, registers: [], body: [
            once(store: 0, 1),
            .store(Store(address: variable(1), value: constant(1), annotation: .release, origin: origin("smp_store_release(y, 1)", line: 2))),
        ])
        let reader = ThreadProgram(index: 1, registers: ["r0", "r1"], body: [
            .load(Load(destination: 0, address: variable(1), annotation: .acquire, origin: origin("smp_load_acquire(y)", line: 3))),
            once(load: 0, into: 1),
        ])
        return Program(
            name: "MP+rel+acq", variables: [Variable(name: "x"), Variable(name: "y")], threads: [writer, reader],
            condition: FinalCondition(quantifier: .exists, proposition: .and(equals(1, "r0", 1), equals(1, "r1", 0))))
    }

    /// IRIW: two writers, two readers reading in opposite orders.
    static func iriw() -> Program {
        let reader = { (i: Int, first: Int) in
            ThreadProgram(index: i, registers: ["r0", "r1"], body: [once(load: first, into: 0), once(load: 1 - first, into: 1)])
        }
        return Program(
            name: "IRIW", variables: [Variable(name: "x"), Variable(name: "y")],
            threads: [
                ThreadProgram(index: 0, registers: [], body: [once(store: 0, 1)]),
                ThreadProgram(index: 1, registers: [], body: [once(store: 1, 1)]),
                reader(2, 0), reader(3, 1),
            ],
            condition: FinalCondition(quantifier: .exists, proposition: .and(
                .and(equals(2, "r0", 1), equals(2, "r1", 0)), .and(equals(3, "r0", 1), equals(3, "r1", 0)))))
    }

    /// P0 spins until y is 1, which P1 never writes: every iteration exhausts its loop budget.
    static func endlessWait() -> Program {
        let condition = Expression.binary(.equal, .register(0), constant(0))
        let waiter = ThreadProgram(index: 0, registers: ["r0"], body: [
            once(load: 1, into: 0),
            .loop(condition: condition, body: [once(load: 1, into: 0)]),
        ])
        let other = ThreadProgram(index: 1, registers: [], body: [once(store: 0, 1)])
        return Program(
            name: "endless", variables: [Variable(name: "x"), Variable(name: "y")], threads: [waiter, other],
            condition: FinalCondition(quantifier: .exists, proposition: equals(0, "r0", 1)))
    }
}

extension HandBuilt {
    /// One thread exercising the RMWs, a spin lock, a branch and the arithmetic, whose final
    /// state is fixed: run on one CPU it has exactly one outcome.
    static func sequentialOperations() -> Program {
        let x = variable(0), lock = variable(1)
        func rmw(_ destination: Int?, _ operation: RMWOperation, _ annotation: Annotation, on address: Expression = x) -> Instruction {
            .rmw(ReadModifyWrite(destination: destination, address: address, operation: operation, annotation: annotation, origin: origin("rmw")))
        }
        func lockOp(_ kind: LockOperation.Kind, _ destination: Int? = nil) -> Instruction {
            .lock(LockOperation(kind: kind, destination: destination, address: lock, origin: origin("\(kind)")))
        }
        let body: [Instruction] = [
            rmw(0, .exchange(value: constant(5)), .mb),                                    // r0 = 0, x = 5
            rmw(1, .compareExchange(expected: constant(5), new: constant(7)), .acquire),   // r1 = 5, x = 7
            rmw(2, .compareExchange(expected: constant(5), new: constant(9)), .release),   // fails: r2 = 7
            rmw(3, .fetchOp(.add, operand: constant(3)), .once),                           // r3 = 7, x = 10
            rmw(4, .opReturn(.sub, operand: constant(4)), .mb),                            // r4 = 6, x = 6
            rmw(nil, .op(.or, operand: constant(8)), .noReturn),                           // x = 14
            rmw(5, .addUnless(operand: constant(1), unless: constant(14)), .mb),           // r5 = 0
            lockOp(.lock),
            lockOp(.isLocked, 6),                                                          // r6 = 1
            lockOp(.tryLock, 7),                                                           // r7 = 0
            lockOp(.unlock),
            lockOp(.tryLock, 8),                                                           // r8 = 1, lock held
            .branch(condition: .binary(.equal, .register(8), constant(1)),
                    then: [.assign(register: 9, value: .binary(.multiply, .register(3), constant(6)))],  // r9 = 42
                    otherwise: [.assign(register: 9, value: constant(-1))]),
            .assign(register: 10, value: .binary(.divide, constant(1), constant(0))),      // no trap: 0
        ]
        let registers = (0...10).map { "r\($0)" }
        let condition = Proposition.and(equals(0, "r9", 42), .equals(.variable(name: "x"), .value(.integer(14))))
        return Program(
            name: "sequential", variables: [Variable(name: "x"), Variable(name: "lock", kind: .spinlock)],
            threads: [ThreadProgram(index: 0, registers: registers, body: body)],
            condition: FinalCondition(quantifier: .exists, proposition: condition),
            extraLocations: registers.map { .register(thread: 0, name: $0) } + [.variable(name: "lock")])
    }

    /// Pointers: p starts at &x; P1 may move it to &y; P0 reads through it (an address
    /// dependency on a computed address).
    static func pointerChase() -> Program {
        let p = variable(2)
        let reader = ThreadProgram(index: 0, registers: ["r0", "r1"], body: [
            .load(Load(destination: 0, address: p, annotation: .once, origin: origin("READ_ONCE(*p)"))),
            .load(Load(destination: 1, address: .register(0), annotation: .once, origin: origin("READ_ONCE(*r0)"))),
        ])
        let mover = ThreadProgram(index: 1, registers: [], body: [
            .store(Store(address: p, value: .constant(.address(1)), annotation: .release, origin: origin("smp_store_release(p, &y)"))),
        ])
        return Program(
            name: "pointers",
            variables: [Variable(name: "x", initialValue: .integer(3)), Variable(name: "y", initialValue: .integer(4)),
                        Variable(name: "p", kind: .pointer, initialValue: .address(0))],
            threads: [reader, mover],
            condition: FinalCondition(quantifier: .exists, proposition: .equals(.register(thread: 0, name: "r0"), .value(.address(1)))),
            extraLocations: [.register(thread: 0, name: "r1"), .variable(name: "p")])
    }

    /// Dereferences an integer that is no address: the harness must drop it, not crash.
    static func wildPointer() -> Program {
        let thread = ThreadProgram(index: 0, registers: ["r0", "r1"], initialRegisters: [0: .integer(12345)], body: [
            .load(Load(destination: 1, address: .register(0), annotation: .once, origin: origin("READ_ONCE(*r0)"))),
        ])
        return Program(
            name: "wild", variables: [Variable(name: "x")], threads: [thread],
            condition: FinalCondition(quantifier: .exists, proposition: equals(0, "r1", 0)))
    }

    /// P1 waits for P0's flag in a `while` loop.
    static func flagWait() -> Program {
        let waiter = ThreadProgram(index: 1, registers: ["r0", "r1"], body: [
            once(load: 1, into: 0),
            .loop(condition: .binary(.equal, .register(0), constant(0)), body: [once(load: 1, into: 0)]),
            once(load: 0, into: 1),
        ])
        let setter = ThreadProgram(index: 0, registers: [], body: [
            once(store: 0, 1),
            .store(Store(address: variable(1), value: constant(1), annotation: .release, origin: origin("smp_store_release(flag, 1)"))),
        ])
        return Program(
            name: "flag", variables: [Variable(name: "x"), Variable(name: "flag")], threads: [setter, waiter],
            condition: FinalCondition(quantifier: .exists, proposition: equals(1, "r1", 0)))
    }

    static func withGracePeriod() -> Program {
        var program = storeBuffering(fenced: false)
        program.threads[0].body.insert(.fence(Fence(kind: .synchronizeRCU, origin: origin("synchronize_rcu()", line: 7))), at: 1)
        return program
    }
}
