import Litmus

/// Where one observed location's final value comes from.
enum ObservationSource: Hashable, Sendable {
    /// Output slot `slot` of thread `thread` (position in ``Program/threads``).
    case register(thread: Int, slot: Int)
    case variable(VariableIndex)
    /// A location the test never writes (a register it never declares): always 0.
    case zero
}

/// A Program compiled for the interpreter.
struct CompiledProgram: Sendable {
    var threads: [CompiledThread]
    /// One per ``Program/observedLocations`` entry, same order.
    var observations: [ObservationSource]
    /// Whether any value may be an address (pointer tests): final values then get decoded.
    var mayHoldAddresses: Bool
}

/// Lowers each thread's instructions to flat ``Op`` code.
struct ThreadCompiler {
    /// Most threads a test may have; beyond it a run would say nothing useful on any machine.
    static let threadLimit = 64

    static func compile(_ program: Program) throws(HarnessError) -> CompiledProgram {
        guard !program.threads.isEmpty else { throw .noThreads(test: program.name) }
        guard program.threads.count <= threadLimit else {
            throw .tooManyThreads(test: program.name, count: program.threads.count, limit: threadLimit)
        }
        try refuseGracePeriods(program)
        let locations = program.observedLocations
        var threads: [CompiledThread] = []
        var observations: [ObservationSource] = Array(repeating: .zero, count: locations.count)
        for (position, thread) in program.threads.enumerated() {
            var observed: [RegisterIndex] = []
            for (k, location) in locations.enumerated() {
                guard case let .register(index, name) = location, index == thread.index else { continue }
                if let register = thread.registerIndex(named: name) {
                    observations[k] = .register(thread: position, slot: observed.count)
                    observed.append(register)
                }
            }
            var compiler = ThreadCompiler(thread: thread, variableCount: program.variables.count)
            threads.append(compiler.finish(outputs: observed))
        }
        for (k, location) in locations.enumerated() {
            if case let .variable(name) = location, let v = program.variableIndex(named: name) {
                observations[k] = .variable(v)
            }
        }
        return CompiledProgram(threads: threads, observations: observations, mayHoldAddresses: mentionsAddressValues(program))
    }

    private var code: [Op] = []
    /// Where each memory op came from, by op position (for bad-address reports).
    private var origins: [Int: Origin] = [:]
    private var registerCount: Int
    private let thread: ThreadProgram
    private let variableCount: Int

    private init(thread: ThreadProgram, variableCount: Int) {
        self.thread = thread
        self.variableCount = variableCount
        registerCount = thread.registers.count
    }

    private mutating func finish(outputs: [RegisterIndex]) -> CompiledThread {
        // Prologue: this iteration's initial register values (addresses differ per iteration).
        for (register, value) in thread.initialRegisters.sorted(by: { $0.key < $1.key }) {
            emitValue(value, into: register)
        }
        compile(thread.body)
        for (slot, register) in outputs.enumerated() {
            code.append(Op(.output, a: Int32(register), b: Int32(slot)))
        }
        code.append(Op(.end))
        return CompiledThread(
            index: thread.index, code: code, registerCount: max(registerCount, 1), outputs: outputs, origins: origins)
    }

    private mutating func temporary() -> Int32 {
        registerCount += 1
        return Int32(registerCount - 1)
    }

    private mutating func emitValue(_ value: Value, into register: Int) {
        switch value {
        case let .integer(n): code.append(Op(.constant, a: Int32(register), immediate: n))
        case let .address(v): code.append(Op(.address, a: Int32(register), b: Int32(v)))
        }
    }

    /// Evaluates an expression; returns the register holding its value.
    private mutating func evaluate(_ expression: Expression) -> Int32 {
        switch expression {
        case let .register(r):
            return Int32(r)
        case let .constant(value):
            let t = temporary()
            emitValue(value, into: Int(t))
            return t
        case let .unary(op, operand):
            let source = evaluate(operand)
            let t = temporary()
            var unary = Op(.unary, a: t, b: source)
            unary.unaryOperator = op
            code.append(unary)
            return t
        case let .binary(op, lhs, rhs):
            let left = evaluate(lhs), right = evaluate(rhs)
            let t = temporary()
            var binary = Op(.binary, a: t, b: left, c: right)
            binary.binaryOperator = op
            code.append(binary)
            return t
        }
    }

    /// A memory operand: the variable itself when the address is a constant, else a register.
    private mutating func memoryOperand(_ address: Expression) -> Int32 {
        if case let .constant(.address(v)) = address, v >= 0, v < variableCount { return Int32(v) }
        return -(evaluate(address) + 1)
    }

    private mutating func compile(_ body: [Instruction]) {
        for instruction in body { compile(instruction) }
    }

    private mutating func compile(_ instruction: Instruction) {
        switch instruction {
        case let .load(load):
            let address = memoryOperand(load.address)
            let code: OpCode = load.annotation == .acquire ? .loadAcquire : .loadOnce
            origins[self.code.count] = load.origin
            self.code.append(Op(code, a: Int32(load.destination), b: address))
        case let .store(store):
            let address = memoryOperand(store.address)
            let value = evaluate(store.value)
            let code: OpCode = store.annotation == .release ? .storeRelease : .storeOnce
            origins[self.code.count] = store.origin
            self.code.append(Op(code, b: address, c: value))
        case let .fence(fence):
            // Grace periods have no barrier; they are refused before compiling.
            if let barrier = HardwareFence(fence.kind) { code.append(Op(.fence, a: Int32(barrier.rawValue))) }
        case let .rmw(rmw):
            compileRMW(rmw)
        case let .lock(lock):
            let address = memoryOperand(lock.address)
            let destination = Int32(lock.destination ?? Int(temporary()))
            let code: OpCode = switch lock.kind {
            case .lock: .lock
            case .unlock: .unlock
            case .tryLock: .tryLock
            case .isLocked: .isLocked
            }
            origins[self.code.count] = lock.origin
            self.code.append(Op(code, a: destination, b: address))
        case .synchronizeSRCU:
            break  // refused before compiling
        case let .assign(register, value):
            let source = evaluate(value)
            code.append(Op(.move, a: Int32(register), b: source))
        case let .branch(condition, then, otherwise):
            let test = evaluate(condition)
            let toElse = code.count
            code.append(Op(.jumpIfZero, a: test))
            compile(then)
            let toEnd = code.count
            code.append(Op(.jump))
            code[toElse].b = Int32(code.count)
            compile(otherwise)
            code[toEnd].b = Int32(code.count)
        case let .loop(condition, body):
            let top = code.count
            let test = evaluate(condition)
            let exit = code.count
            code.append(Op(.jumpIfZero, a: test))
            compile(body)
            code.append(Op(.jump, b: Int32(top)))
            code[exit].b = Int32(code.count)
        }
    }

    private mutating func compileRMW(_ rmw: ReadModifyWrite) {
        let address = memoryOperand(rmw.address)
        let ordering: RMWDetails.Ordering = switch rmw.annotation {
        case .acquire: .acquire
        case .release: .release
        case .mb: .full
        default: .relaxed
        }
        let details: RMWDetails
        let operand: Int32
        switch rmw.operation {
        case let .exchange(value):
            operand = evaluate(value)
            details = RMWDetails(kind: .exchange, ordering: ordering)
        case let .compareExchange(expected, new):
            operand = evaluate(expected)
            details = RMWDetails(kind: .compareExchange, ordering: ordering, secondOperand: evaluate(new))
        case let .fetchOp(arithmetic, value):
            operand = evaluate(value)
            details = RMWDetails(kind: .fetchOp, ordering: ordering, arithmetic: arithmetic)
        case let .opReturn(arithmetic, value):
            operand = evaluate(value)
            details = RMWDetails(kind: .opReturn, ordering: ordering, arithmetic: arithmetic)
        case let .op(arithmetic, value):
            operand = evaluate(value)
            details = RMWDetails(kind: .op, ordering: ordering, arithmetic: arithmetic)
        case let .addUnless(value, unless):
            operand = evaluate(value)
            details = RMWDetails(kind: .addUnless, ordering: ordering, secondOperand: evaluate(unless))
        }
        let destination = Int32(rmw.destination ?? Int(temporary()))
        origins[code.count] = rmw.origin
        code.append(Op(.rmw, a: destination, b: address, c: operand, immediate: details.packed))
    }

    private static func refuseGracePeriods(_ program: Program) throws(HarnessError) {
        func refuse(_ construct: String, _ origin: Origin) -> HarnessError {
            .needsModel(test: program.name, construct: construct, location: origin.location.description)
        }
        func check(_ body: [Instruction]) throws(HarnessError) {
            for instruction in body {
                switch instruction {
                case let .fence(fence) where fence.kind == .synchronizeRCU:
                    throw refuse("synchronize_rcu()", fence.origin)
                case let .fence(fence) where fence.kind == .afterSRCUReadUnlock:
                    throw refuse("SRCU (\(fence.origin.text))", fence.origin)
                case let .synchronizeSRCU(_, origin):
                    throw refuse("SRCU (\(origin.text))", origin)
                case let .load(load) where load.annotation == .srcuLock || load.annotation == .srcuUnlock:
                    throw refuse("SRCU (\(load.origin.text))", load.origin)
                case let .store(store) where store.annotation == .srcuLock || store.annotation == .srcuUnlock:
                    throw refuse("SRCU (\(store.origin.text))", store.origin)
                case let .rmw(rmw) where rmw.annotation == .srcuLock || rmw.annotation == .srcuUnlock:
                    throw refuse("SRCU (\(rmw.origin.text))", rmw.origin)
                case let .branch(_, then, otherwise):
                    try check(then)
                    try check(otherwise)
                case let .loop(_, body):
                    try check(body)
                default:
                    break
                }
            }
        }
        for thread in program.threads { try check(thread.body) }
    }

    /// True when an address can be a value (not only a place accessed): pointer tests.
    private static func mentionsAddressValues(_ program: Program) -> Bool {
        if program.variables.contains(where: { if case .address = $0.initialValue { true } else { false } }) { return true }
        return program.threads.contains { thread in
            thread.initialRegisters.values.contains { if case .address = $0 { true } else { false } }
                || thread.body.contains(where: usesAddressValue)
        }
    }

    private static func usesAddressValue(_ instruction: Instruction) -> Bool {
        func inValue(_ e: Expression) -> Bool {
            switch e {
            case let .constant(value): if case .address = value { return true } else { return false }
            case .register: return false
            case let .unary(_, a): return inValue(a)
            case let .binary(_, a, b): return inValue(a) || inValue(b)
            }
        }
        switch instruction {
        case let .store(store): return inValue(store.value)
        case let .assign(_, value): return inValue(value)
        case let .rmw(rmw):
            switch rmw.operation {
            case let .exchange(v), let .fetchOp(_, v), let .opReturn(_, v), let .op(_, v): return inValue(v)
            case let .compareExchange(a, b), let .addUnless(a, b): return inValue(a) || inValue(b)
            }
        case let .branch(_, then, otherwise): return then.contains(where: usesAddressValue) || otherwise.contains(where: usesAddressValue)
        case let .loop(_, body): return body.contains(where: usesAddressValue)
        default: return false
        }
    }
}
