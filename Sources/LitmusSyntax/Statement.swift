/// A statement of a process body. `if` and `while` bodies are statement lists whether or not
/// the source used braces, so the printer can always print braces.
public struct Statement: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        /// `int r0;`, `int r0 = 1;`, `int *r1;` (one per declarator).
        case declaration(type: CType, name: String, initialValue: Expr?)
        /// `target = value` or, with an operator, `target op= value`.
        case assignment(target: Expr, operator: Expr.BinaryOp?, value: Expr)
        /// A call or other expression evaluated for its effect: `smp_mb();`.
        case expression(Expr)
        case ifElse(condition: Expr, then: [Statement], otherwise: [Statement]?)
        case whileLoop(condition: Expr, body: [Statement])
        case block([Statement])
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public static func == (a: Statement, b: Statement) -> Bool { a.kind == b.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}

/// A C expression. Parentheses are not kept: the printer puts back those precedence needs.
public struct Expr: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case integer(Int)
        case identifier(String)
        case unary(UnaryOp, Expr)
        case binary(BinaryOp, Expr, Expr)
        /// A kernel primitive: `READ_ONCE(*x)`, `smp_mb()`.
        case call(String, [Expr])
        /// `(void)atomic_add_unless(v, 1, 0)`.
        case cast(CType, Expr)
    }

    public enum UnaryOp: String, Hashable, Sendable {
        case negate = "-", logicalNot = "!", bitwiseNot = "~", dereference = "*", addressOf = "&"
    }

    /// C's binary operators; `precedence` is C's (higher binds tighter).
    public enum BinaryOp: String, Hashable, Sendable, CaseIterable {
        case multiply = "*", divide = "/", remainder = "%"
        case add = "+", subtract = "-"
        case shiftLeft = "<<", shiftRight = ">>"
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case equal = "==", notEqual = "!="
        case bitwiseAnd = "&", bitwiseXor = "^", bitwiseOr = "|"
        case logicalAnd = "&&", logicalOr = "||"

        public var precedence: Int {
            switch self {
            case .multiply, .divide, .remainder: return 10
            case .add, .subtract: return 9
            case .shiftLeft, .shiftRight: return 8
            case .less, .lessOrEqual, .greater, .greaterOrEqual: return 7
            case .equal, .notEqual: return 6
            case .bitwiseAnd: return 5
            case .bitwiseXor: return 4
            case .bitwiseOr: return 3
            case .logicalAnd: return 2
            case .logicalOr: return 1
            }
        }
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public static func == (a: Expr, b: Expr) -> Bool { a.kind == b.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}
