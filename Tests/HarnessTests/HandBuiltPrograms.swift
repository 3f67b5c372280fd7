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
