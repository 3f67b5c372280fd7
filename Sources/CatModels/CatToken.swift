import LitmusSyntax

/// One token of a cat, bell or def file.
struct CatToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A name (`po-loc`, `A-cumul`, `_RMW`); keywords are names too, told apart by the parser.
        case name(String)
        /// `'release`: an enum tag.
        case tag(String)
        case string(String)
        case number(Int)
        /// Punctuation and operators: `|`, `||`, `++`, `^-1`, `->`, ...
        case symbol(String)
        case end
    }

    var kind: Kind
    var location: SourceLocation

    /// The name, if the token is one (and not a reserved word when `keywordsExcluded`).
    var name: String? {
        if case let .name(n) = kind { return n }
        return nil
    }

    func isSymbol(_ s: String) -> Bool { kind == .symbol(s) }
    func isName(_ s: String) -> Bool { kind == .name(s) }

    var text: String {
        switch kind {
        case let .name(n): return n
        case let .tag(t): return "'" + t
        case let .string(s): return "\"\(s)\""
        case let .number(n): return String(n)
        case let .symbol(s): return s
        case .end: return "end of file"
        }
    }
}

/// The cat language's reserved words: never names of relations.
let catKeywords: Set<String> = [
    "let", "rec", "and", "in", "fun", "include", "acyclic", "irreflexive", "empty", "as", "flag",
    "show", "unshow", "enum", "instructions", "try", "with", "match", "end", "if", "then", "else",
    "from", "procedure", "call", "forall", "do", "begin", "events",
]
