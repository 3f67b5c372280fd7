/// A parsed `.litmus` file, as written: the syntax tree the printer prints and `Litmus` lowers.
///
/// Nodes carry the location they were written at, but locations never take part in equality:
/// two trees are equal when they say the same thing, so `parse(print(t)) == t`.
public struct LitmusTest: Hashable, Sendable {
    /// The header's first word; only `C` is supported.
    public var architecture: String
    /// As herd7 prints it: a `.litmus` suffix dropped, `--` replaced by the file's name.
    public var name: String
    /// herd7's optional `(texname)` after the name (used for LaTeX output only).
    public var texName: String?
    /// The optional quoted string after the header.
    public var docString: String?
    /// diy7's `Key=Value` lines before the init block (`Cycle=`, `Relax=`, `Safe=`,
    /// `Generator=`, `Prefetch=`, `Com=`, `Orig=`, `Hash=`...), in order.
    public var metadata: [MetadataLine]
    /// The first comment after the header, verbatim with its delimiters (the kernel's tests
    /// explain themselves there); the printer keeps it.
    public var headerComment: String?
    /// The word after `Result:` in the file's comments (`Never`, `Sometimes`, `DEADLOCK`).
    public var expectedResult: String?
    public var initializers: [Initializer]
    public var processes: [Process]
    /// `locations [...]`.
    public var extraLocations: [LocationSyntax]
    /// `filter (...)`.
    public var filter: PropositionSyntax?
    public var condition: Condition

    public init(
        architecture: String = "C", name: String, texName: String? = nil, docString: String? = nil,
        metadata: [MetadataLine] = [], headerComment: String? = nil,
        expectedResult: String? = nil, initializers: [Initializer] = [], processes: [Process],
        extraLocations: [LocationSyntax] = [], filter: PropositionSyntax? = nil, condition: Condition
    ) {
        self.architecture = architecture
        self.name = name
        self.texName = texName
        self.docString = docString
        self.metadata = metadata
        self.headerComment = headerComment
        self.expectedResult = expectedResult
        self.initializers = initializers
        self.processes = processes
        self.extraLocations = extraLocations
        self.filter = filter
        self.condition = condition
    }
}

/// One `Key=Value` line of a test's header (diy7 writes them; herd7 reads and ignores them).
public struct MetadataLine: Hashable, Sendable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A C type as litmus tests spell it: `int`, `int *`, `spinlock_t`, `struct srcu_struct`.
public struct CType: Hashable, Sendable, CustomStringConvertible {
    /// The type without its stars, words joined by one space (`unsigned long`).
    public var base: String
    public var pointerDepth: Int

    public init(_ base: String, pointerDepth: Int = 0) {
        self.base = base
        self.pointerDepth = pointerDepth
    }

    /// The type one dereference removes (`int *` → `int`).
    public var pointee: CType { CType(base, pointerDepth: max(0, pointerDepth - 1)) }

    public var description: String {
        pointerDepth <= 0 ? base : base + " " + String(repeating: "*", count: pointerDepth)
    }
}

/// One entry of the init block: `int x = 1;`, `x=1;`, `int *p = &x;`, `0:r1=x;`, `spinlock_t s;`.
public struct Initializer: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        case variable(String)
        /// `0:r1=...`: a register's initial value.
        case register(thread: Int, name: String)
    }

    public var target: Target
    public var type: CType?
    public var value: InitialValue?
    public var location: SourceLocation

    public init(target: Target, type: CType? = nil, value: InitialValue? = nil, location: SourceLocation) {
        self.target = target
        self.type = type
        self.value = value
        self.location = location
    }

    public static func == (a: Initializer, b: Initializer) -> Bool {
        a.target == b.target && a.type == b.type && a.value == b.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(target)
        hasher.combine(type)
        hasher.combine(value)
    }
}

public enum InitialValue: Hashable, Sendable {
    case integer(Int)
    /// `p=x`: herd7 reads a bare variable name as that variable's address.
    case name(String)
    /// `&x`.
    case addressOf(String)
    /// `ATOMIC_INIT(n)`.
    case atomicInit(Int)
}

/// `Pn(params) { body }`.
public struct Process: Hashable, Sendable {
    public var index: Int
    public var parameters: [Parameter]
    public var body: [Statement]
    public var location: SourceLocation

    public init(index: Int, parameters: [Parameter], body: [Statement], location: SourceLocation) {
        self.index = index
        self.parameters = parameters
        self.body = body
        self.location = location
    }

    public static func == (a: Process, b: Process) -> Bool {
        a.index == b.index && a.parameters == b.parameters && a.body == b.body
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(parameters)
        hasher.combine(body)
    }
}

/// `int *x`: the process receives the address of shared variable `x`.
public struct Parameter: Hashable, Sendable {
    public var type: CType
    public var name: String
    public var location: SourceLocation

    public init(type: CType, name: String, location: SourceLocation) {
        self.type = type
        self.name = name
        self.location = location
    }

    public static func == (a: Parameter, b: Parameter) -> Bool { a.type == b.type && a.name == b.name }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(name)
    }
}
