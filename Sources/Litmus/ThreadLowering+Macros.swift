import LitmusSyntax

/// Calls lowered through a `.def` (herd7's `-macros`): a call to a defined name is replaced by
/// its body with the arguments substituted for the parameters, down to herd's internal
/// primitives, whose tags the events carry (``Origin/macroTags``). As in herd7, a name the
/// `.def` does not define is an error ("unknown macro"); only `atomic_add_unless`, which
/// herd7's C parser knows itself, falls back to our table (and C11 atomics to its message).
extension ThreadLowering {
    /// Lowers the call when the `.def` decides it; false when our table should (see above).
    mutating func macroCall(
        _ expression: Expr, _ name: String, _ arguments: [Expr], destination: RegisterIndex?,
        into out: inout [Instruction]
    ) throws(LoweringError) -> Bool {
        guard let macros else { return false }
        if let (primitive, tags) = InternalPrimitive.decode(name) {
            try internalPrimitive(primitive, tags, expression, arguments, destination: destination, into: &out)
            return true
        }
        guard let macro = macros.macro(named: name) else {
            // herd7's C parser knows atomic_add_unless itself; C11 atomics get our table's message.
            if name == "atomic_add_unless" || PrimitiveTable.isC11Atomic(name) { return false }
            let suggestion = PrimitiveTable.closest(to: name, among: macros.names).map { "; did you mean '\($0)'?" } ?? ""
            throw fail("unknown macro '\(name)': \(macros.file) does not define it\(suggestion)", at: expression.location)
        }
        guard arguments.count == macro.parameters.count else {
            let expected = macro.parameters.count == 1 ? "1 argument" : "\(macro.parameters.count) arguments"
            throw fail("'\(name)' takes \(expected), found \(arguments.count) (defined at \(macro.location))", at: expression.location)
        }
        guard expansionDepth < 32 else {
            throw fail("expanding '\(name)' does not end: the definitions at \(macro.location) call each other", at: expression.location)
        }
        var frame: [String: Expr] = [:]
        for (parameter, argument) in zip(macro.parameters, arguments) { frame[parameter] = argument }
        let savedOrigin = expansionOrigin
        if expansionDepth == 0 { expansionOrigin = Origin(text: Printer().print(expression), location: expression.location) }
        expansionDepth += 1
        defer {
            expansionDepth -= 1
            expansionOrigin = savedOrigin
        }
        switch macro.body {
        case let .expression(body):
            let expanded = Self.substitute(body, frame, at: expression.location)
            if let destination {
                try assign(expanded, to: destination, into: &out)
            } else {
                try effect(expanded, into: &out)
            }
        case let .statements(body):
            if destination != nil {
                throw fail("'\(name)' does not return a value (its definition at \(macro.location) is a statement block)", at: expression.location)
            }
            let before = diagnostics.count
            lower(body.map { Self.substitute($0, frame, at: expression.location) }, topLevel: false, into: &out)
            if diagnostics.count > before {
                // Report once, at the call, what went wrong inside the expansion.
                let inner = diagnostics[before...].map(\.message)
                diagnostics.removeSubrange(before...)
                throw fail(inner.joined(separator: "; "), at: expression.location)
            }
        }
        return true
    }

    /// One of herd's internal primitives: the events, with the tags it names.
    private mutating func internalPrimitive(
        _ primitive: InternalPrimitive, _ tags: [String], _ expression: Expr, _ arguments: [Expr],
        destination: RegisterIndex?, into out: inout [Instruction]
    ) throws(LoweringError) {
        let base = expansionOrigin ?? Origin(text: Printer().print(expression), location: expression.location)
        let display = InternalPrimitive.encode(primitive, tags: tags)
        if destination != nil, !primitive.returnsValue {
            let hint = primitive == .srcu ? " (older .def files' srcu_read_lock form; write __load{srcu-lock}(*X))" : ""
            throw fail("'\(base.text)' uses its value, but \(display) gives none\(hint)", at: expression.location)
        }
        let called = String(base.text.prefix { $0 != "(" })  // the name the test wrote
        var origin = base
        origin.macroTags = primitive.takesTags ? tags : nil
        // Without a meaning for the built-in models, a placeholder: they refuse such events
        // (Program.uninterpretedTags), cat models read the tags.
        func meaning<T>(_ value: T?, placeholder: T) -> T { value ?? placeholder }
        switch primitive {
        case .load:
            let address = try self.address(arguments[0], .location, called)
            out += address.instructions
            let annotation = meaning(MacroTagMeaning.load(tags), placeholder: .once)
            out.append(.load(Load(destination: destination ?? temporaryRegister(), address: address.expression,
                                  annotation: annotation, origin: origin)))
        case .store:
            let address = try self.address(arguments[0], .location, called)
            out += address.instructions
            let stored = try value(arguments[1], into: &out)
            let annotation = meaning(MacroTagMeaning.store(tags), placeholder: .once)
            out.append(.store(Store(address: address.expression, value: stored, annotation: annotation, origin: origin)))
        case .fence:
            let kind = meaning(MacroTagMeaning.fence(tags), placeholder: .compilerBarrier)
            out.append(.fence(Fence(kind: kind, origin: origin)))
        case .xchg, .cmpxchg, .atomicOp, .atomicOpReturn, .atomicFetchOp, .atomicAddUnless:
            let address = try value(arguments[0], into: &out)
            let operation: RMWOperation
            switch primitive {
            case .xchg:
                operation = .exchange(value: try value(arguments[1], into: &out))
            case .cmpxchg:
                let expected = try value(arguments[1], into: &out)
                operation = .compareExchange(expected: expected, new: try value(arguments[2], into: &out))
            case .atomicAddUnless:
                let operand = try value(arguments[1], into: &out)
                operation = .addUnless(operand: operand, unless: try value(arguments[2], into: &out))
            default:
                guard case let .identifier(symbol) = arguments[1].kind, let op = RMWArithmetic(rawValue: symbol) else {
                    throw fail("\(display) needs an operator (+ - & | ^ &~) as its second argument", at: arguments[1].location)
                }
                let operand = try value(arguments[2], into: &out)
                operation = primitive == .atomicOp ? .op(op, operand: operand)
                    : primitive == .atomicOpReturn ? .opReturn(op, operand: operand) : .fetchOp(op, operand: operand)
            }
            let annotation = meaning(MacroTagMeaning.rmw(primitive, tags), placeholder: .once)
            out.append(.rmw(ReadModifyWrite(destination: destination, address: address, operation: operation,
                                            annotation: annotation, origin: origin)))
        case .lock, .unlock, .tryLock, .isLocked:
            let kind: LockOperation.Kind = primitive == .lock ? .lock : primitive == .unlock ? .unlock
                : primitive == .tryLock ? .tryLock : .isLocked
            let address = try value(arguments[0], into: &out)
            out.append(.lock(LockOperation(kind: kind, destination: destination, address: address, origin: origin)))
        case .srcu:
            let address = try value(arguments[0], into: &out)
            out.append(.synchronizeSRCU(address: address, origin: origin))
        }
    }

    /// The body with parameters replaced by the call's arguments; the body's own nodes take the
    /// call's location, so what goes wrong inside points at the call in the test.
    static func substitute(_ e: Expr, _ frame: [String: Expr], at location: SourceLocation) -> Expr {
        func go(_ e: Expr) -> Expr {
            switch e.kind {
            case let .identifier(name):
                if let argument = frame[name] { return argument }
                return Expr(e.kind, at: location)
            case .integer: return Expr(e.kind, at: location)
            case let .unary(op, inner): return Expr(.unary(op, go(inner)), at: location)
            case let .binary(op, a, b): return Expr(.binary(op, go(a), go(b)), at: location)
            case let .call(name, arguments): return Expr(.call(name, arguments.map(go)), at: location)
            case let .cast(type, inner): return Expr(.cast(type, go(inner)), at: location)
            }
        }
        return go(e)
    }

    static func substitute(_ s: Statement, _ frame: [String: Expr], at location: SourceLocation) -> Statement {
        func e(_ x: Expr) -> Expr { substitute(x, frame, at: location) }
        func body(_ b: [Statement]) -> [Statement] { b.map { substitute($0, frame, at: location) } }
        switch s.kind {
        case let .declaration(type, name, value):
            return Statement(.declaration(type: type, name: name, initialValue: value.map(e)), at: location)
        case let .assignment(target, op, value):
            return Statement(.assignment(target: e(target), operator: op, value: e(value)), at: location)
        case let .expression(x): return Statement(.expression(e(x)), at: location)
        case let .ifElse(c, a, b): return Statement(.ifElse(condition: e(c), then: body(a), otherwise: b.map(body)), at: location)
        case let .whileLoop(c, b): return Statement(.whileLoop(condition: e(c), body: body(b)), at: location)
        case let .block(b): return Statement(.block(body(b)), at: location)
        }
    }
}

extension Program {
    /// Events a `.def` gave tags the built-in models have no meaning for (`P0: my_fence()
    /// gives __fence{my-tag}`): the built-in models refuse such a program; cat models read
    /// the tags. Computed from the instructions, so a barrier variant drops what it removes.
    public var uninterpretedTags: [String] {
        var found: [String] = []
        func visit(_ body: [Instruction], _ thread: Int) {
            for instruction in body {
                let primitive: InternalPrimitive, origin: Origin, readable: Bool
                switch instruction {
                case let .load(l): (primitive, origin, readable) = (.load, l.origin, l.origin.macroTags.map(MacroTagMeaning.load) != .some(nil))
                case let .store(s): (primitive, origin, readable) = (.store, s.origin, s.origin.macroTags.map(MacroTagMeaning.store) != .some(nil))
                case let .fence(f): (primitive, origin, readable) = (.fence, f.origin, f.origin.macroTags.map(MacroTagMeaning.fence) != .some(nil))
                case let .rmw(r):
                    primitive = MacroTagMeaning.primitive(of: r.operation)
                    (origin, readable) = (r.origin, r.origin.macroTags.map { MacroTagMeaning.rmw(primitive, $0) } != .some(nil))
                case let .synchronizeSRCU(_, o): (primitive, origin, readable) = (.srcu, o, o.macroTags.map { $0 == ["sync-srcu"] } != .some(false))
                case let .branch(_, then, otherwise):
                    visit(then, thread)
                    visit(otherwise, thread)
                    continue
                case let .loop(_, loopBody):
                    visit(loopBody, thread)
                    continue
                case .lock, .assign: continue
                }
                if !readable, let tags = origin.macroTags {
                    let entry = "P\(thread): \(origin.text) gives \(InternalPrimitive.encode(primitive, tags: tags))"
                    if !found.contains(entry) { found.append(entry) }
                }
            }
        }
        for (t, thread) in threads.enumerated() { visit(thread.body, t) }
        return found
    }
}

/// What a `.def` tag means to the built-in models: the annotation or fence kind our own table
/// gives the same operation with that tag (linux-kernel.def's names), or nil when none does
/// exactly (several tags, a tag the table never gives that operation).
enum MacroTagMeaning {
    static func load(_ tags: [String]) -> Annotation? {
        switch tags {
        case ["ONCE"]: return .once
        case ["ACQUIRE"]: return .acquire
        case ["srcu-lock"]: return .srcuLock
        default: return nil
        }
    }

    static func store(_ tags: [String]) -> Annotation? {
        switch tags {
        case ["ONCE"]: return .once
        case ["RELEASE"]: return .release
        case ["srcu-unlock"]: return .srcuUnlock
        default: return nil
        }
    }

    static func rmw(_ primitive: InternalPrimitive, _ tags: [String]) -> Annotation? {
        if primitive == .atomicOp { return tags == ["NORETURN"] ? .noReturn : nil }
        switch tags {
        case ["ONCE"]: return .once
        case ["ACQUIRE"]: return .acquire
        case ["RELEASE"]: return .release
        case ["MB"]: return .mb
        default: return nil
        }
    }

    /// The internal primitive an RMW instruction comes from.
    static func primitive(of operation: RMWOperation) -> InternalPrimitive {
        switch operation {
        case .exchange: return .xchg
        case .compareExchange: return .cmpxchg
        case .op: return .atomicOp
        case .opReturn: return .atomicOpReturn
        case .fetchOp: return .atomicFetchOp
        case .addUnless: return .atomicAddUnless
        }
    }

    static func fence(_ tags: [String]) -> FenceKind? {
        guard tags.count == 1 else { return nil }
        return fences[tags[0]]
    }

    private static let fences: [String: FenceKind] = [
        "MB": .mb, "rmb": .rmb, "wmb": .wmb, "before-atomic": .beforeAtomic, "after-atomic": .afterAtomic,
        "after-spinlock": .afterSpinlock, "after-unlock-lock": .afterUnlockLock,
        "after-srcu-read-unlock": .afterSRCUReadUnlock, "barrier": .compilerBarrier,
        "rcu-lock": .rcuReadLock, "rcu-unlock": .rcuReadUnlock, "sync-rcu": .synchronizeRCU,
    ]
}
