/// One lexical token. Punctuation keeps its spelling in `text` (`"/\\"`, `"=="`, `"("`).
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier, integer, string, symbol, endOfFile
    }

    var kind: Kind
    var text: String
    var location: SourceLocation
    /// Where the token starts and where the lexer stands just after it, to re-lex in another mode.
    var start: Lexer.Position
    var end: Lexer.Position

    func `is`(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
    func isIdentifier(_ word: String) -> Bool { kind == .identifier && text == word }

    /// How a diagnostic names this token: `'foo'`, `end of file`.
    var quoted: String {
        switch kind {
        case .endOfFile: return "end of file"
        case .string: return "string \"\(text)\""
        default: return "'\(text)'"
        }
    }
}
