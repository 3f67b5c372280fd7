/// One lexical token. Punctuation keeps its spelling in `text` (`"/\\"`, `"=="`, `"("`).
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier, integer, string, symbol, endOfFile
    }

    var kind: Kind
    var text: String
    var location: SourceLocation
    /// Where the lexer stands just after this token, to re-lex from there in another mode.
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
