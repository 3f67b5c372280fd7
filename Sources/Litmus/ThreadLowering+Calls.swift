import LitmusSyntax

/// Kernel primitive calls, lowered through ``PrimitiveTable``.
extension ThreadLowering {
    /// Lowers a call; `destination` receives its result (nil when the result is discarded).
    mutating func call(
        _ expression: Expr, _ name: String, _ arguments: [Expr], destination: RegisterIndex?,
        into out: inout [Instruction]
    ) throws(LoweringError) {
        if macros != nil, try macroCall(expression, name, arguments, destination: destination, into: &out) { return }
        if PrimitiveTable.primitive(named: name) == nil, PrimitiveTable.isC11Atomic(name) {
            throw LoweringError(diagnostic: Diagnostic(
                "C11 atomics such as '\(name)' are not supported yet; use the kernel's primitives (READ_ONCE, smp_store_release, ...)",
                at: expression.location))
        }
        guard let primitive = PrimitiveTable.primitive(named: name) else {
            let suggestion = PrimitiveTable.closestName(to: name).map { "; did you mean '\($0)'?" } ?? ""
            throw LoweringError(diagnostic: Diagnostic("unknown primitive '\(name)'\(suggestion)", at: expression.location))
        }
        guard arguments.count == primitive.arity else {
            let expected = primitive.arity == 1 ? "1 argument" : "\(primitive.arity) arguments"
            throw LoweringError(diagnostic: Diagnostic(
                "'\(name)' takes \(expected), found \(arguments.count)", at: expression.location))
        }
        if destination != nil, !primitive.returnsValue {
            throw LoweringError(diagnostic: Diagnostic("'\(name)' does not return a value", at: expression.location))
        }
        let origin = Origin(text: Printer().print(expression), location: expression.location)
        switch primitive {
        case let .load(annotation, form):
            let address = try self.address(arguments[0], form, name)
            out += address.instructions
            out.append(.load(Load(destination: destination ?? temporaryRegister(), address: address.expression,
                                  annotation: annotation, origin: origin)))
        case let .store(annotation, form):
            let address = try self.address(arguments[0], form, name)
            out += address.instructions
            let stored = try value(arguments[1], into: &out)
            out.append(.store(Store(address: address.expression, value: stored, annotation: annotation, origin: origin)))
        case let .storeThenFence(annotation, fence):
            let address = try self.address(arguments[0], .location, name)
            out += address.instructions
            let stored = try value(arguments[1], into: &out)
            out.append(.store(Store(address: address.expression, value: stored, annotation: annotation, origin: origin)))
            out.append(.fence(Fence(kind: fence, origin: origin)))
        case let .fence(kind):
            out.append(.fence(Fence(kind: kind, origin: origin)))
        case let .exchange(annotation):
            let address = try value(arguments[0], into: &out)
            let new = try value(arguments[1], into: &out)
            out.append(.rmw(ReadModifyWrite(destination: destination, address: address,
                                            operation: .exchange(value: new), annotation: annotation, origin: origin)))
        case let .compareExchange(annotation):
            let address = try value(arguments[0], into: &out)
            let expected = try value(arguments[1], into: &out)
            let new = try value(arguments[2], into: &out)
            out.append(.rmw(ReadModifyWrite(destination: destination, address: address,
                                            operation: .compareExchange(expected: expected, new: new),
                                            annotation: annotation, origin: origin)))
        case let .atomicOp(op, source):
            let (address, operand) = try atomicArguments(arguments, source, into: &out)
            out.append(.rmw(ReadModifyWrite(destination: nil, address: address, operation: .op(op, operand: operand),
                                            annotation: .noReturn, origin: origin)))
        case let .opReturn(op, annotation, source):
            let (address, operand) = try atomicArguments(arguments, source, into: &out)
            out.append(.rmw(ReadModifyWrite(destination: destination, address: address,
                                            operation: .opReturn(op, operand: operand), annotation: annotation, origin: origin)))
        case let .fetchOp(op, annotation, source):
            let (address, operand) = try atomicArguments(arguments, source, into: &out)
            out.append(.rmw(ReadModifyWrite(destination: destination, address: address,
                                            operation: .fetchOp(op, operand: operand), annotation: annotation, origin: origin)))
        case let .opReturnTest(op, annotation, source, comparison):
            let (address, operand) = try atomicArguments(arguments, source, into: &out)
            let result = temporaryRegister()
            out.append(.rmw(ReadModifyWrite(destination: result, address: address,
                                            operation: .opReturn(op, operand: operand), annotation: annotation, origin: origin)))
            if let destination {
                out.append(.assign(register: destination,
                                   value: .binary(comparison, .register(result), .constant(.integer(0)))))
            }
        case let .addUnless(annotation):
            let address = try value(arguments[0], into: &out)
            let operand = try value(arguments[1], into: &out)
            let unless = try value(arguments[2], into: &out)
            out.append(.rmw(ReadModifyWrite(destination: destination, address: address,
                                            operation: .addUnless(operand: operand, unless: unless),
                                            annotation: annotation, origin: origin)))
        case let .lock(kind):
            let address = try value(arguments[0], into: &out)
            out.append(.lock(LockOperation(kind: kind, destination: destination, address: address, origin: origin)))
        case .synchronizeSRCU:
            let address = try value(arguments[0], into: &out)
            out.append(.synchronizeSRCU(address: address, origin: origin))
        }
    }

    /// The address an access names. A `.location` argument is written `*p` (READ_ONCE(*x));
    /// a `.pointer` argument is the address itself (smp_load_acquire(x)).
    mutating func address(_ argument: Expr, _ form: Primitive.AddressForm, _ name: String)
        throws(LoweringError) -> (expression: Expression, instructions: [Instruction]) {
        var instructions: [Instruction] = []
        switch form {
        case .pointer:
            return (try value(argument, into: &instructions), instructions)
        case .location:
            guard case let .unary(.dereference, pointer) = argument.kind else {
                let hint = Printer().print(argument)
                throw LoweringError(diagnostic: Diagnostic(
                    "'\(name)' expects a memory location such as '*\(hint)'", at: argument.location))
            }
            return (try value(pointer, into: &instructions), instructions)
        }
    }

    /// `atomic_add(V, X)` puts the operand first; `atomic_inc(X)` has a constant one.
    private mutating func atomicArguments(_ arguments: [Expr], _ source: Primitive.Operand, into out: inout [Instruction])
        throws(LoweringError) -> (address: Expression, operand: Expression) {
        switch source {
        case .argument:
            let operand = try value(arguments[0], into: &out)
            return (try value(arguments[1], into: &out), operand)
        case let .constant(n):
            return (try value(arguments[0], into: &out), .constant(.integer(n)))
        }
    }
}
