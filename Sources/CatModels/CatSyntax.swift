import LitmusSyntax

/// A cat expression, with the place it starts for messages.
indirect enum CatExpr: Sendable {
    enum BinaryOperator: String, Sendable {
        case union = "|", addElement = "++", sequence = ";", difference = "\\", intersection = "&", cartesian = "*"
    }

    enum PostfixOperator: String, Sendable {
        case star = "*", plus = "+", option = "?", inverse = "^-1"
    }

    /// `let`-bound or function parameter: a name or a tuple of names (`(k, ys, oss)`).
    enum Pattern: Sendable {
        case name(String)
        case tuple([String])
    }

    /// A condition on the model's variants (`if "lkmmv2" then ...`).
    indirect enum VariantCondition: Sendable {
        case variant(String)
        case not(VariantCondition)
        case and(VariantCondition, VariantCondition)
        case or(VariantCondition, VariantCondition)
    }

    struct MatchCase: Sendable {
        enum Pattern: Sendable {
            /// `{}`: the empty set or relation.
            case empty
            /// `e ++ rest`: one element and the others.
            case element(String, String)
            case tag(String)
            case wildcard
        }
        var pattern: Pattern
        var body: CatExpr
    }

    case name(String, SourceLocation)
    case tag(String, SourceLocation)
    case zero(SourceLocation)
    /// `_`: every event (or every pair).
    case universe(SourceLocation)
    /// `{}` or `{a, b}`.
    case set([CatExpr], SourceLocation)
    case tuple([CatExpr], SourceLocation)
    /// `[S]`: the identity on S.
    case identity(CatExpr, SourceLocation)
    case complement(CatExpr, SourceLocation)
    case postfix(PostfixOperator, CatExpr, SourceLocation)
    case binary(BinaryOperator, CatExpr, CatExpr, SourceLocation)
    case application(CatExpr, CatExpr, SourceLocation)
    case function(Pattern, CatExpr, SourceLocation)
    case letIn(recursive: Bool, [CatBinding], CatExpr, SourceLocation)
    case match(CatExpr, [MatchCase], SourceLocation)
    case ifVariant(VariantCondition, CatExpr, CatExpr, SourceLocation)
    case tryWith(CatExpr, CatExpr, SourceLocation)

    var location: SourceLocation {
        switch self {
        case let .name(_, l), let .tag(_, l), let .zero(l), let .universe(l), let .set(_, l), let .tuple(_, l),
             let .identity(_, l), let .complement(_, l), let .postfix(_, _, l), let .binary(_, _, _, l),
             let .application(_, _, l), let .function(_, _, l), let .letIn(_, _, _, l), let .match(_, _, l),
             let .ifVariant(_, _, _, l), let .tryWith(_, _, l):
            return l
        }
    }
}

/// `name = e`, `f x = e`, `f(x, y) = e` or `(a, b) = e`.
struct CatBinding: Sendable {
    var pattern: CatExpr.Pattern
    var value: CatExpr
    var location: SourceLocation
}

/// What an axiom requires, and whether it is a `flag` (reported, never forbidding).
enum CatCheck: String, Sendable {
    case acyclic, irreflexive, empty
}

/// A statement of a cat or bell file.
indirect enum CatStatement: Sendable {
    case `let`(recursive: Bool, [CatBinding], SourceLocation)
    case include(String, SourceLocation)
    /// `[flag] [~] acyclic|irreflexive|empty e [as name]`.
    case check(CatCheck, negated: Bool, flag: Bool, CatExpr, name: String?, SourceLocation)
    /// `show e, f` / `show e as name`: relations drawn in graphs, each with its label;
    /// `unshow a, b`: labels no longer drawn (`unshow` true, the expressions are names).
    case show([(CatExpr, String)], unshow: Bool, SourceLocation)
    case enumeration(String, [String], SourceLocation)
    /// `instructions R[Accesses]` (bell): accepted, the tags come from the events.
    case instructions(SourceLocation)
    case procedure(String, CatExpr.Pattern, [CatStatement], SourceLocation)
    case call(String, CatExpr, flag: Bool, name: String?, SourceLocation)
    case with(String, CatExpr, SourceLocation)
    case forall(String, CatExpr, [CatStatement], SourceLocation)
    case ifVariant(CatExpr.VariantCondition, [CatStatement], [CatStatement], SourceLocation)
}

/// A parsed cat file: its title (`"Linux-kernel memory consistency model"`) and statements.
struct CatFile: Sendable {
    var path: String
    var source: String
    var title: String?
    var statements: [CatStatement]
}
