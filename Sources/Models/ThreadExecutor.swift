import Litmus

/// Runs one thread symbolically: every read returns, in turn, every value of its location's
/// domain, so each path is one combination of read values. Loops are unrolled `loopBound`
/// times; a path still looping after that is cut (and counted), as herd7 does with `-unroll`.
struct ThreadExecutor {
    let program: Program
    let thread: ThreadProgram
    /// Candidate values per variable index.
    let domains: [[Value]]
    let loopBound: Int
    let maxPaths: Int
    /// When set, hears of each access whose address is no shared variable (the path dies there).
    var badAccesses: BadAccessLog? = nil
    /// For value domains only: a branch whose condition depends on a read takes both ways
    /// whatever the values so far. herd7 picks the branch first and solves for the values,
    /// so a value may be justified only through the other way (`r1 = 1; if (r0 == 0) r1 = 0;`
    /// writes 1 only when some read returns a value that itself needs that write).
    var bothWaysOnReads = false

    private enum Op {
        case instruction(Instruction)
        /// Enters a branch: the condition's reads control what follows up to the matching `leave`.
        case branch(Expression, elseTarget: Int)
        /// Leaves the innermost branch: statements after an `if` are not control dependent on it.
        case leave
        case jump(Int)
        case cut
    }

    private struct State {
        var pc = 0
        var registers: [Value]
        var taint: [Set<Int>]
        /// The reads the enclosing branch conditions depend on (herd7's ctrl: the branches
        /// of an `if` only), with the sets of the outer branches to restore on leaving.
        var ctrlSources: Set<Int> = []
        var enclosingCtrl: [Set<Int>] = []
        var path = ThreadPath()
    }

    /// All complete paths, and how many paths the loop bound cut.
    func run() throws(ModelError) -> (paths: [ThreadPath], cut: Int) {
        let (paths, cut, _) = try runKeepingDeadWrites()
        return (paths, cut)
    }

    /// As ``run()``, plus the writes of each path that died later (an access through a value
    /// that is no address yet): with wider domains the same writes may lead to complete paths, so
    /// the domain fixpoint must see them (`*z = x; r1 = *z; r2 = *r1`).
    func runKeepingDeadWrites() throws(ModelError) -> (paths: [ThreadPath], cut: Int, deadWrites: [[Event]]) {
        var code: [Op] = []
        compile(thread.body, into: &code)
        var registers = Array(repeating: Value.integer(0), count: thread.registers.count)
        for (r, v) in thread.initialRegisters where r < registers.count { registers[r] = v }
        var stack = [State(registers: registers, taint: Array(repeating: [], count: registers.count))]
        var paths: [ThreadPath] = []
        var deadWrites: [[Event]] = []
        var cut = 0
        while var state = stack.popLast() {
            var alive = true, wasCut = false
            stepping: while state.pc < code.count {
                switch code[state.pc] {
                case let .jump(target):
                    state.pc = target
                case .cut:
                    cut += 1
                    alive = false
                    wasCut = true
                    break stepping
                case let .branch(condition, elseTarget):
                    guard let value = evaluate(condition, state.registers) else { alive = false; break stepping }
                    let sources = taint(of: condition, state)
                    state.enclosingCtrl.append(state.ctrlSources)
                    state.ctrlSources.formUnion(sources)
                    if bothWaysOnReads, !sources.isEmpty {
                        var other = state
                        other.pc = isTrue(value) ? elseTarget : state.pc + 1
                        stack.append(other)
                    }
                    state.pc = isTrue(value) ? state.pc + 1 : elseTarget
                case .leave:
                    state.ctrlSources = state.enclosingCtrl.popLast() ?? []
                    state.pc += 1
                case let .instruction(instruction):
                    state.pc += 1
                    let successors = execute(instruction, state)
                    if successors.count == 1 {
                        state = successors[0]
                    } else {
                        stack.append(contentsOf: successors.reversed())
                        alive = false
                        break stepping
                    }
                    if state.pc < 0 { alive = false; break stepping }
                }
            }
            if !alive, !wasCut, case let writes = state.path.events.filter({ $0.kind == .write }), !writes.isEmpty {
                deadWrites.append(writes)
            }
            if alive {
                state.path.registers = state.registers
                paths.append(state.path)
                if paths.count > maxPaths {
                    throw ModelError.stateExplosion(
                        "thread P\(thread.index) has more than \(maxPaths) paths (one per combination of values its reads may return)")
                }
            }
        }
        return (paths, cut, deadWrites)
    }

    private func compile(_ body: [Instruction], into code: inout [Op]) {
        for instruction in body {
            switch instruction {
            case let .branch(condition, then, otherwise):
                // branch; then; leave; jump end; else: otherwise; leave; end:
                let branchAt = code.count
                code.append(.jump(0))
                compile(then, into: &code)
                code.append(.leave)
                let jumpAt = code.count
                code.append(.jump(0))
                code[branchAt] = .branch(condition, elseTarget: code.count)
                compile(otherwise, into: &code)
                code.append(.leave)
                code[jumpAt] = .jump(code.count)
            case let .loop(condition, body):
                // while (c) b  ==>  if (c) { b; if (c) { b; ... if (c) cut } }
                compileUnrolled(condition, body, remaining: loopBound, into: &code)
            default:
                code.append(.instruction(instruction))
            }
        }
    }

    /// Each unrolled iteration is a branch of the previous one, so its statements depend on
    /// every condition so far; the statements after the loop depend on none of them.
    private func compileUnrolled(_ condition: Expression, _ body: [Instruction], remaining: Int, into code: inout [Op]) {
        let branchAt = code.count
        code.append(.jump(0))
        if remaining == 0 {
            code.append(.cut)
        } else {
            compile(body, into: &code)
            compileUnrolled(condition, body, remaining: remaining - 1, into: &code)
            code.append(.leave)
        }
        let jumpAt = code.count
        code.append(.jump(0))
        code[branchAt] = .branch(condition, elseTarget: code.count)
        code.append(.leave)
        code[jumpAt] = .jump(code.count)
    }

    // MARK: - Instructions

    private func execute(_ instruction: Instruction, _ state: State) -> [State] {
        switch instruction {
        case let .load(load):
            guard let location = address(load.address, state) else { return [badAccess(load.address, load.origin, state)] }
            let kind: Event.Kind = .read
            return domains[location].map { value in
                var s = state
                let e = append(Event(thread: thread.index, kind: kind, location: location, value: value,
                                     annotation: load.annotation, origin: load.origin), to: &s, address: load.address)
                set(load.destination, value, taint: [e], in: &s)
                return s
            }
        case let .store(store):
            guard let location = address(store.address, state) else { return [badAccess(store.address, store.origin, state)] }
            guard let value = evaluate(store.value, state.registers) else { return [dead(state)] }
            var s = state
            let e = append(Event(thread: thread.index, kind: .write, location: location, value: value,
                                 annotation: store.annotation, origin: store.origin), to: &s, address: store.address)
            for source in taint(of: store.value, state) { s.path.data.append((source, e)) }
            return [s]
        case let .fence(fence):
            var s = state
            append(Event(thread: thread.index, kind: .fence, fence: fence.kind, origin: fence.origin), to: &s)
            return [s]
        case let .synchronizeSRCU(addressExpression, origin):
            guard let location = address(addressExpression, state) else { return [badAccess(addressExpression, origin, state)] }
            var s = state
            append(Event(thread: thread.index, kind: .syncSRCU, location: location, origin: origin),
                   to: &s, address: addressExpression)
            return [s]
        case let .assign(register, expression):
            guard let value = evaluate(expression, state.registers) else { return [dead(state)] }
            var s = state
            set(register, value, taint: taint(of: expression, state), in: &s)
            return [s]
        case let .rmw(rmw):
            return executeRMW(rmw, state)
        case let .lock(operation):
            return executeLock(operation, state)
        case .branch, .loop:
            return [state]  // compiled away
        }
    }

    private func executeRMW(_ rmw: ReadModifyWrite, _ state: State) -> [State] {
        guard let location = address(rmw.address, state) else { return [badAccess(rmw.address, rmw.origin, state)] }
        return domains[location].map { old in
            var s = state
            let r = append(Event(thread: thread.index, kind: .read, location: location, value: old,
                                 annotation: rmw.annotation, isRMW: true, origin: rmw.origin), to: &s, address: rmw.address)
            // (value written or nil for a failed RMW, value returned, operand expressions)
            var written: Value?
            var returned: Value = old
            var operands: [Expression] = []
            switch rmw.operation {
            case let .exchange(value):
                guard let v = evaluate(value, s.registers) else { return dead(s) }
                written = v
                operands = [value]
            case let .compareExchange(expected, new):
                guard let e = evaluate(expected, s.registers), let n = evaluate(new, s.registers) else { return dead(s) }
                if e == old { written = n }
                operands = [new]
            case let .fetchOp(op, operand), let .op(op, operand):
                guard let v = arithmetic(op, old, operand, s) else { return dead(s) }
                written = v
                operands = [operand]
            case let .opReturn(op, operand):
                guard let v = arithmetic(op, old, operand, s) else { return dead(s) }
                written = v
                returned = v
                operands = [operand]
            case let .addUnless(operand, unless):
                guard let u = evaluate(unless, s.registers) else { return dead(s) }
                if old != u {
                    guard let v = arithmetic(.add, old, operand, s) else { return dead(s) }
                    written = v
                }
                returned = .integer(old != u ? 1 : 0)
                operands = [operand]
            }
            if let written {
                let w = append(Event(thread: thread.index, kind: .write, location: location, value: written,
                                     annotation: rmw.annotation, isRMW: true, origin: rmw.origin), to: &s, address: rmw.address)
                s.path.rmw.append((r, w))
                for operand in operands { for source in taint(of: operand, state) { s.path.data.append((source, w)) } }
            }
            if let destination = rmw.destination { set(destination, returned, taint: [r], in: &s) }
            return s
        }
    }

    private func executeLock(_ operation: LockOperation, _ state: State) -> [State] {
        guard let location = address(operation.address, state) else { return [badAccess(operation.address, operation.origin, state)] }
        func event(_ kind: Event.Kind, _ value: Int) -> Event {
            Event(thread: thread.index, kind: kind, location: location, value: .integer(value), origin: operation.origin)
        }
        func acquire(_ s: inout State) -> Int {
            let r = append(event(.lockRead, 0), to: &s, address: operation.address)
            let w = append(event(.lockWrite, 1), to: &s, address: operation.address)
            s.path.rmw.append((r, w))
            return r
        }
        func result(_ s: inout State, _ value: Int, _ read: Int) {
            if let d = operation.destination { set(d, .integer(value), taint: [read], in: &s) }
        }
        switch operation.kind {
        case .lock:
            var s = state
            _ = acquire(&s)
            return [s]
        case .unlock:
            var s = state
            append(event(.unlock, 0), to: &s, address: operation.address)
            return [s]
        case .tryLock:
            var success = state, failure = state
            result(&success, 1, acquire(&success))
            result(&failure, 0, append(event(.lockFail, 1), to: &failure, address: operation.address))
            return [success, failure]
        case .isLocked:
            var locked = state, unlocked = state
            result(&locked, 1, append(event(.readLocked, 1), to: &locked, address: operation.address))
            result(&unlocked, 0, append(event(.readUnlocked, 0), to: &unlocked, address: operation.address))
            return [locked, unlocked]
        }
    }

    // MARK: - Helpers

    /// Appends an event with its address and control dependencies; returns its index.
    @discardableResult
    private func append(_ event: Event, to s: inout State, address: Expression? = nil) -> Int {
        let index = s.path.events.count
        s.path.events.append(event)
        if let address { for source in taint(of: address, s) { s.path.addr.append((source, index)) } }
        for source in s.ctrlSources { s.path.ctrl.append((source, index)) }
        return index
    }

    /// A path ends at an access through something that is not a variable's address.
    private func badAccess(_ address: Expression, _ origin: Origin, _ state: State) -> State {
        if let log = badAccesses {
            var subject = "the address"
            if case let .register(r) = address, r < thread.registers.count { subject = thread.registers[r] }
            let value = evaluate(address, state.registers).map { "value \($0)" } ?? "undefined value"
            log.add("P\(thread.index): \(subject) is not a pointer to a shared variable (\(value)) in `\(origin.text)` at \(origin.location)")
        }
        return dead(state)
    }

    private func dead(_ state: State) -> State {
        var s = state
        s.pc = -1
        return s
    }

    private func set(_ register: RegisterIndex, _ value: Value, taint: Set<Int>, in s: inout State) {
        guard register < s.registers.count else { return }
        s.registers[register] = value
        s.taint[register] = taint
    }

    private func taint(of expression: Expression, _ state: State) -> Set<Int> {
        var result: Set<Int> = []
        for r in expression.registers where r < state.taint.count { result.formUnion(state.taint[r]) }
        return result
    }

    private func address(_ expression: Expression, _ state: State) -> VariableIndex? {
        guard case let .address(v)? = evaluate(expression, state.registers), v < domains.count else { return nil }
        return v
    }

    private func arithmetic(_ op: RMWArithmetic, _ old: Value, _ operand: Expression, _ s: State) -> Value? {
        guard case let .integer(a) = old, case let .integer(b)? = evaluate(operand, s.registers) else { return nil }
        return .integer(op.apply(a, b))
    }
}

func isTrue(_ value: Value) -> Bool {
    if case let .integer(n) = value { return n != 0 }
    return true
}

/// Evaluates a pure expression; nil when undefined (division by zero, arithmetic on addresses).
func evaluate(_ expression: Expression, _ registers: [Value]) -> Value? {
    switch expression {
    case let .constant(v): return v
    case let .register(r): return r < registers.count ? registers[r] : .integer(0)
    case let .unary(op, e):
        guard let v = evaluate(e, registers) else { return nil }
        if op == .logicalNot { return .integer(isTrue(v) ? 0 : 1) }
        guard case let .integer(n) = v else { return nil }
        return .integer(op.apply(n))
    case let .binary(op, l, r):
        guard let a = evaluate(l, registers), let b = evaluate(r, registers) else { return nil }
        switch op {
        case .equal: return .integer(a == b ? 1 : 0)
        case .notEqual: return .integer(a != b ? 1 : 0)
        case .logicalAnd: return .integer(isTrue(a) && isTrue(b) ? 1 : 0)
        case .logicalOr: return .integer(isTrue(a) || isTrue(b) ? 1 : 0)
        default: break
        }
        if case let .address(v) = a, case .integer(0) = b, op == .add || op == .subtract { return .address(v) }
        // `r0 & 0` with r0 a pointer: the usual fake dependency, 0 whatever the address.
        if op == .bitwiseAnd || op == .multiply, a == .integer(0) || b == .integer(0) { return .integer(0) }
        guard case let .integer(x) = a, case let .integer(y) = b else { return nil }
        return .integer(op.apply(x, y))
    }
}

/// Accesses through a non-address, in the order met, each once.
final class BadAccessLog: @unchecked Sendable {
    private(set) var messages: [String] = []

    func add(_ message: String) {
        if !messages.contains(message) { messages.append(message) }
    }
}
