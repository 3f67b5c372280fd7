import Testing
@testable import LitmusSyntax

@Suite struct LexerTests {
    func tokens(_ source: String, mode: Lexer.Mode = .litmus) -> [String] {
        var lexer = Lexer(source: source, file: "t")
        lexer.mode = mode
        var out: [String] = []
        while true {
            let token = lexer.next()
            if token.kind == .endOfFile { return out }
            out.append(token.text)
        }
    }

    @Test func longestSymbolWins() {
        #expect(tokens("a==>b /\\ c \\/ d == e <<= f && g") == ["a", "==>", "b", "/\\", "c", "\\/", "d", "==", "e", "<<=", "f", "&&", "g"])
    }

    @Test func commentsDependOnTheMode() {
        #expect(tokens("x (* c (* nested *) *) y // line\n z /* block */") == ["x", "y", "z"])
        #expect(tokens("r0 = (*p);", mode: .c) == ["r0", "=", "(", "*", "p", ")", ";"])
    }

    @Test func locationsCountLinesAndColumns() {
        var lexer = Lexer(source: "a\n\tbb  c", file: "f")
        let locations = (0..<3).map { _ in lexer.next().location }
        #expect(locations.map(\.line) == [1, 2, 2])
        #expect(locations.map(\.column) == [1, 2, 6])
    }

    @Test func numbersKeepTheirSpellingForTheParser() {
        #expect(tokens("0x1F 10UL 0:r0") == ["0x1F", "10UL", "0", ":", "r0"])
        #expect(Parser.integerValue("0x1F") == 31 && Parser.integerValue("10UL") == 10 && Parser.integerValue("010") == 8)
        #expect(Parser.integerValue("99999999999999999999") == nil && Parser.integerValue("09") == nil)
    }

    @Test func strayCharactersAreReportedOnce() {
        var lexer = Lexer(source: "a @ é b", file: "f")
        var texts: [String] = []
        while case let token = lexer.next(), token.kind != .endOfFile { texts.append(token.text) }
        #expect(texts == ["a", "b"])
        #expect(lexer.diagnostics.map(\.message) == ["unexpected character '@'", "unexpected character 'é'"])
    }
}
