import LitmusSyntax

/// Lowers one process body to instructions. Registers are the process's locals (declared, or
/// just assigned, as herd7 allows); a parameter or a shared variable's name denotes its address.
/// Memory accesses nested in expressions are hoisted into instructions writing temporaries
/// `$t0`, `$t1`, ..., so every expression in the output is pure.
struct ThreadLowering {
    let process: Process
    private let variables: [String: VariableIndex]
    private var parameters: [String: VariableIndex] = [:]
    private var registers: [String] = []
    private var registerIndex: [String: RegisterIndex] = [:]
    private var initialRegisters: [RegisterIndex: Value] = [:]
    private var temporaries = 0
    private let printer = Printer()
    var diagnostics: [Diagnostic] = []
    /// The `.def` in force: every call is expanded through it (ThreadLowering+Macros).
    let macros: MacroDefinitions?
    /// While expanding a call: the user's call, which every event of the expansion comes from.
    var expansionOrigin: Origin?
    var expansionDepth = 0

    init(process: Process, variables: [String: VariableIndex], extraRegisters: [String], macros: MacroDefinitions? = nil) {
        self.process = process
        self.variables = variables
        self.macros = macros
        for parameter in process.parameters {
            if let index = variables[parameter.name] { parameters[parameter.name] = index }
        }
        // User registers first, then the ones only the init block or condition name.
        collectRegisters(process.body)
        extraRegisters.forEach { addRegister($0) }
    }

    mutating func lower() -> ThreadProgram {
        var body: [Instruction] = []
        lower(process.body, topLevel: true, into: &body)
        return ThreadProgram(
            index: process.index, registers: registers, initialRegisters: initialRegisters,
            parameters: parameters, body: body)
    }

    // MARK: Names

    @discardableResult
    private mutating func addRegister(_ name: String) -> RegisterIndex {
        if let index = registerIndex[name] { return index }
        registers.append(name)
        registerIndex[name] = registers.count - 1
        return registers.count - 1
    }

    private func isAddressName(_ name: String) -> Bool {
        parameters[name] != nil || variables[name] != nil
    }

    /// Declared locals and assigned names that are not shared variables, in order of appearance.
    private mutating func collectRegisters(_ statements: [Statement]) {
        for statement in statements {
            switch statement.kind {
            case let .declaration(_, name, _):
                addRegister(name)
            case let .assignment(target, _, _):
                if case let .identifier(name) = target.kind, !isAddressName(name) { addRegister(name) }
            case .expression: break
            case let .ifElse(_, then, otherwise):
                collectRegisters(then)
                collectRegisters(otherwise ?? [])
            case let .whileLoop(_, body), let .block(body):
                collectRegisters(body)
            }
        }
    }

    mutating func temporaryRegister() -> RegisterIndex { temporary() }

    private mutating func temporary() -> RegisterIndex {
        defer { temporaries += 1 }
        return addRegister("$t\(temporaries)")
    }

    func fail(_ message: String, at location: SourceLocation) -> LoweringError {
        LoweringError(diagnostic: Diagnostic(message, at: location))
    }

    private func origin(_ expression: Expr) -> Origin {
        Origin(text: printer.print(expression), location: expression.location)
    }

    // MARK: Statements

    mutating func lower(_ statements: [Statement], topLevel: Bool, into out: inout [Instruction]) {
        for statement in statements {
            do throws(LoweringError) {
                try lower(statement, topLevel: topLevel, into: &out)
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
    }

    private mutating func lower(_ statement: Statement, topLevel: Bool, into out: inout [Instruction]) throws(LoweringError) {
        switch statement.kind {
        case let .declaration(type, name, value):
            guard Lowering.isIntegerType(type.base) || type.pointerDepth > 0 else {
                throw fail("unknown type '\(type.base)' for a local variable", at: statement.location)
            }
            let register = addRegister(name)
            guard let value else { return }
            // A constant at the top level is the register's initial value; inside a loop or
            // a branch it must be an assignment, executed each time.
            if topLevel, let constant = constantValue(value) {
                initialRegisters[register] = constant
            } else {
                try assign(value, to: register, into: &out)
            }
        case let .assignment(target, op, value):
            let combined = op.map { Expr(.binary($0, target, value), at: value.location) } ?? value
            switch target.kind {
            case let .identifier(name):
                guard let register = registerIndex[name] else {
                    throw fail("cannot assign to '\(name)', the address of a shared variable; write '*\(name) = ...'", at: target.location)
                }
                try assign(combined, to: register, into: &out)
            case let .unary(.dereference, pointer):
                let address = try self.value(pointer, into: &out)
                let stored = try self.value(combined, into: &out)
                let text = printer.print(target) + " = " + printer.print(combined)
                out.append(.store(Store(address: address, value: stored, annotation: .plain,
                                        origin: Origin(text: text, location: target.location))))
            default:
                throw fail("cannot assign to '\(printer.print(target))'", at: target.location)
            }
        case let .expression(expression):
            try effect(expression, into: &out)
        case let .ifElse(condition, then, otherwise):
            let test = try value(condition, into: &out)
            var thenBody: [Instruction] = [], elseBody: [Instruction] = []
            lower(then, topLevel: false, into: &thenBody)
            lower(otherwise ?? [], topLevel: false, into: &elseBody)
            out.append(.branch(condition: test, then: thenBody, otherwise: elseBody))
        case let .whileLoop(condition, body):
            // The condition's loads run before the loop and again at the end of each iteration.
            var evaluation: [Instruction] = []
            let test = try value(condition, into: &evaluation)
            var loopBody: [Instruction] = []
            lower(body, topLevel: false, into: &loopBody)
            out += evaluation
            out.append(.loop(condition: test, body: loopBody + evaluation))
        case let .block(inner):
            lower(inner, topLevel: false, into: &out)
        }
    }

    /// A value known before the thread runs: an integer or a variable's address.
    private func constantValue(_ expression: Expr) -> Value? {
        switch expression.kind {
        case let .integer(n): return .integer(n)
        case let .unary(.negate, inner):
            if case let .integer(n) = constantValue(inner), n != Int.min { return .integer(-n) }
            return nil
        case let .identifier(name) where registerIndex[name] == nil:
            return (parameters[name] ?? variables[name]).map { .address($0) }
        case let .unary(.addressOf, inner):
            // `&x` of a parameter is x's address, as herd7's C front end reads it.
            if case let .identifier(name) = inner.kind, registerIndex[name] == nil {
                return (parameters[name] ?? variables[name]).map { .address($0) }
            }
            return nil
        default: return nil
        }
    }

    /// `register = expression`, loading or calling straight into the register when the
    /// expression is a single access.
    mutating func assign(_ expression: Expr, to register: RegisterIndex, into out: inout [Instruction]) throws(LoweringError) {
        switch expression.kind {
        case let .call(name, arguments):
            try call(expression, name, arguments, destination: register, into: &out)
        case let .unary(.dereference, pointer):
            let address = try value(pointer, into: &out)
            out.append(.load(Load(destination: register, address: address, annotation: .plain, origin: origin(expression))))
        case let .cast(_, inner):
            try assign(inner, to: register, into: &out)
        default:
            out.append(.assign(register: register, value: try value(expression, into: &out)))
        }
    }

    /// An expression evaluated for its effects only.
    mutating func effect(_ expression: Expr, into out: inout [Instruction]) throws(LoweringError) {
        switch expression.kind {
        case let .call(name, arguments):
            try call(expression, name, arguments, destination: nil, into: &out)
        case let .cast(_, inner):
            try effect(inner, into: &out)
        default:
            _ = try value(expression, into: &out)
        }
    }

    // MARK: Expressions

    /// The pure expression computing `expression`, after the instructions its accesses need.
    mutating func value(_ expression: Expr, into out: inout [Instruction]) throws(LoweringError) -> Expression {
        switch expression.kind {
        case let .integer(n):
            return .constant(.integer(n))
        case let .identifier(name):
            if let register = registerIndex[name] { return .register(register) }
            if let variable = parameters[name] ?? variables[name] { return .constant(.address(variable)) }
            if name == "NULL" { return .constant(.integer(0)) }
            let known = registers.filter { !$0.hasPrefix("$") } + parameters.keys.sorted() + variables.keys.sorted()
            let suggestion = PrimitiveTable.closest(to: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
            throw fail("use of undeclared identifier '\(name)'\(suggestion)", at: expression.location)
        case let .unary(.dereference, pointer):
            let address = try value(pointer, into: &out)
            let destination = temporary()
            out.append(.load(Load(destination: destination, address: address, annotation: .plain, origin: origin(expression))))
            return .register(destination)
        case let .unary(.addressOf, inner):
            if case let .unary(.dereference, pointer) = inner.kind { return try value(pointer, into: &out) }
            if case let .identifier(name) = inner.kind, registerIndex[name] == nil,
               let variable = parameters[name] ?? variables[name] {
                return .constant(.address(variable))
            }
            throw fail("cannot take the address of '\(printer.print(inner))'", at: expression.location)
        case let .unary(op, inner):
            let operand = try value(inner, into: &out)
            guard let core = UnaryOperator(rawValue: op.rawValue) else {
                throw fail("operator '\(op.rawValue)' not supported yet", at: expression.location)
            }
            return .unary(core, operand)
        case let .binary(op, lhs, rhs):
            guard let core = BinaryOperator(rawValue: op.rawValue) else {
                throw fail("operator '\(op.rawValue)' not supported yet", at: expression.location)
            }
            let left = try value(lhs, into: &out)
            if (op == .logicalAnd || op == .logicalOr) && Self.accessesMemory(rhs) {
                return try shortCircuit(op == .logicalAnd, left, rhs, into: &out)
            }
            return .binary(core, left, try value(rhs, into: &out))
        case let .call(name, arguments):
            let destination = temporary()
            try call(expression, name, arguments, destination: destination, into: &out)
            return .register(destination)
        case let .cast(_, inner):
            return try value(inner, into: &out)
        }
    }

    /// `a && b` where `b` accesses memory: `b`'s accesses only happen when `a` does not decide.
    private mutating func shortCircuit(_ isAnd: Bool, _ left: Expression, _ rhs: Expr, into out: inout [Instruction]) throws(LoweringError) -> Expression {
        let result = temporary()
        let zero = Expression.constant(.integer(0))
        out.append(.assign(register: result, value: .binary(.notEqual, left, zero)))
        var evaluateRight: [Instruction] = []
        let right = try value(rhs, into: &evaluateRight)
        evaluateRight.append(.assign(register: result, value: .binary(.notEqual, right, zero)))
        let decided: Expression = isAnd ? .register(result) : .unary(.logicalNot, .register(result))
        out.append(.branch(condition: decided, then: evaluateRight, otherwise: []))
        return .register(result)
    }

    private static func accessesMemory(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .integer, .identifier: return false
        case .call, .unary(.dereference, _): return true
        case let .unary(_, inner), let .cast(_, inner): return accessesMemory(inner)
        case let .binary(_, lhs, rhs): return accessesMemory(lhs) || accessesMemory(rhs)
        }
    }
}
