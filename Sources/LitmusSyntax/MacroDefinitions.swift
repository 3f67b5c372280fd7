/// A herd7 `.def` file (`-macros`, the `macros` line of a `.cfg`): kernel primitives defined
/// as expansions into herd's internal primitives, e.g. `smp_load_acquire(X) __load{ACQUIRE}(*X)`
/// or `smp_store_mb(X,V) { __store{ONCE}(X,V); __fence{MB}; }`. When one is in force, every
/// call in a test is expanded through it (see `Program.parse(source:file:macros:)`).
public struct MacroDefinitions: Hashable, Sendable {
    /// One definition: `NAME(PARAMETERS) EXPRESSION` or `NAME(PARAMETERS) { STATEMENTS }`.
    public struct Macro: Hashable, Sendable {
        public enum Body: Hashable, Sendable {
            /// Gives a value: `READ_ONCE(X) __load{ONCE}(X)`.
            case expression(Expr)
            /// Gives none: `WRITE_ONCE(X,V) { __store{ONCE}(X,V); }`.
            case statements([Statement])
        }

        public var name: String
        public var parameters: [String]
        public var body: Body
        /// Where the definition starts (its name).
        public var location: SourceLocation
    }

    /// The file's path, as errors name it.
    public var file: String
    /// By name; a later definition of a name replaces an earlier one, as in herd7.
    public private(set) var macros: [String: Macro] = [:]

    public init(file: String, macros: [Macro] = []) {
        self.file = file
        for m in macros { self.macros[m.name] = m }
    }

    public func macro(named name: String) -> Macro? { macros[name] }

    /// The defined names, sorted.
    public var names: [String] { macros.keys.sorted() }

    /// Every annotation tag the definitions give events (`ONCE`, `before-atomic`, ...).
    public var tags: Set<String> {
        var found: Set<String> = []
        func visit(_ e: Expr) {
            switch e.kind {
            case .integer, .identifier: break
            case let .unary(_, inner), let .cast(_, inner): visit(inner)
            case let .binary(_, a, b): visit(a); visit(b)
            case let .call(name, arguments):
                if let (_, tags) = InternalPrimitive.decode(name) { found.formUnion(tags) }
                arguments.forEach(visit)
            }
        }
        func visit(_ s: Statement) {
            switch s.kind {
            case let .declaration(_, _, value): value.map(visit)
            case let .assignment(target, _, value): visit(target); visit(value)
            case let .expression(e): visit(e)
            case let .ifElse(c, a, b): visit(c); a.forEach(visit); (b ?? []).forEach(visit)
            case let .whileLoop(c, body): visit(c); body.forEach(visit)
            case let .block(body): body.forEach(visit)
            }
        }
        for m in macros.values {
            switch m.body {
            case let .expression(e): visit(e)
            case let .statements(body): body.forEach(visit)
            }
        }
        return found
    }

    /// Parses a `.def` file; a malformed definition is a located error.
    public static func parse(file: String, source: String) throws(DiagnosticError) -> MacroDefinitions {
        var parser = MacroParser(file: file, source: source)
        do throws(Diagnostic) {
            return MacroDefinitions(file: file, macros: try parser.parseFile())
        } catch {
            throw DiagnosticError(error, source: source)
        }
    }
}

/// herd's internal primitives, which `.def` bodies expand into. In a parsed body a use is a
/// call whose name carries its tags, `__load{ONCE}` (see ``encode(_:tags:)``), and the
/// arithmetic operand of the `__atomic_*op*` forms is an identifier `+`, `-`, `&`, `|`, `^` or `&~`.
public enum InternalPrimitive: String, CaseIterable, Hashable, Sendable {
    case load = "__load", store = "__store", fence = "__fence"
    case xchg = "__xchg", cmpxchg = "__cmpxchg"
    case atomicOp = "__atomic_op", atomicOpReturn = "__atomic_op_return", atomicFetchOp = "__atomic_fetch_op"
    case atomicAddUnless = "__atomic_add_unless"
    case lock = "__lock", unlock = "__unlock", tryLock = "__trylock", isLocked = "__islocked"
    case srcu = "__srcu"

    /// The arithmetic operators `__atomic_op{T}(X,OP,V)` accepts.
    public static let operators = ["+", "-", "&", "|", "^", "&~"]

    public var arity: Int {
        switch self {
        case .fence: return 0
        case .load, .lock, .unlock, .tryLock, .isLocked, .srcu: return 1
        case .store, .xchg: return 2
        case .cmpxchg, .atomicOp, .atomicOpReturn, .atomicFetchOp, .atomicAddUnless: return 3
        }
    }

    /// Spin-lock operations carry no tag; every other primitive needs one.
    public var takesTags: Bool {
        switch self {
        case .lock, .unlock, .tryLock, .isLocked: return false
        default: return true
        }
    }

    /// Whether the second argument is an arithmetic operator (`__atomic_op{T}(X,+,V)`).
    public var hasOperator: Bool { self == .atomicOp || self == .atomicOpReturn || self == .atomicFetchOp }

    public var returnsValue: Bool {
        switch self {
        case .load, .xchg, .cmpxchg, .atomicOpReturn, .atomicFetchOp, .atomicAddUnless, .tryLock, .isLocked: return true
        case .store, .fence, .atomicOp, .lock, .unlock, .srcu: return false
        }
    }

    /// The call name standing for a use with `tags`: `__load{ONCE}`.
    public static func encode(_ primitive: InternalPrimitive, tags: [String]) -> String {
        tags.isEmpty ? primitive.rawValue : primitive.rawValue + "{" + tags.joined(separator: ",") + "}"
    }

    /// The primitive and tags a call name stands for; nil for any other name.
    public static func decode(_ name: String) -> (InternalPrimitive, [String])? {
        guard name.hasPrefix("__") else { return nil }
        guard let brace = name.firstIndex(of: "{") else { return InternalPrimitive(rawValue: name).map { ($0, []) } }
        guard let primitive = InternalPrimitive(rawValue: String(name[..<brace])), name.hasSuffix("}") else { return nil }
        let inner = name[name.index(after: brace) ..< name.index(before: name.endIndex)]
        return (primitive, inner.split(separator: ",").map(String.init))
    }
}
