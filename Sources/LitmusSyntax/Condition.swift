/// The final condition: `exists (...)`, `~exists (...)`, `forall (...)`.
public struct Condition: Hashable, Sendable {
    public enum Quantifier: String, Hashable, Sendable {
        case exists = "exists", notExists = "~exists", forall = "forall"
    }

    public var quantifier: Quantifier
    public var proposition: PropositionSyntax

    public init(quantifier: Quantifier, proposition: PropositionSyntax) {
        self.quantifier = quantifier
        self.proposition = proposition
    }
}

/// A proposition over final values, as written in the condition or `filter`.
public indirect enum PropositionSyntax: Hashable, Sendable {
    case constant(Bool)
    case atom(AtomSyntax)
    case not(PropositionSyntax)
    case and(PropositionSyntax, PropositionSyntax)
    case or(PropositionSyntax, PropositionSyntax)
    /// `a ==> b`.
    case implies(PropositionSyntax, PropositionSyntax)
}

/// `0:r0=1`, `x=2`, `0:r1=x`, `[x]=1`, `0:r0=1:r0`, `x!=1`.
public struct AtomSyntax: Hashable, Sendable {
    public var lhs: LocationSyntax
    /// True for `!=`.
    public var isNegated: Bool
    public var rhs: OperandSyntax

    public init(_ lhs: LocationSyntax, isNegated: Bool = false, _ rhs: OperandSyntax) {
        self.lhs = lhs
        self.isNegated = isNegated
        self.rhs = rhs
    }
}

public enum OperandSyntax: Hashable, Sendable {
    case integer(Int)
    /// A bare variable name stands for its address (`0:r1=x`).
    case address(String, at: SourceLocation)
    /// Another location's final value: `0:r0=1:r0`, `x=[y]`.
    case location(LocationSyntax)

    public static func == (a: OperandSyntax, b: OperandSyntax) -> Bool {
        switch (a, b) {
        case let (.integer(x), .integer(y)): return x == y
        case let (.address(x, _), .address(y, _)): return x == y
        case let (.location(x), .location(y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .integer(n): hasher.combine(0); hasher.combine(n)
        case let .address(name, _): hasher.combine(1); hasher.combine(name)
        case let .location(l): hasher.combine(2); hasher.combine(l)
        }
    }
}

/// `0:r0` (a register of thread 0) or `x` / `[x]` (a shared variable).
public struct LocationSyntax: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case register(thread: Int, name: String)
        case variable(String)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public static func == (a: LocationSyntax, b: LocationSyntax) -> Bool { a.kind == b.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}
