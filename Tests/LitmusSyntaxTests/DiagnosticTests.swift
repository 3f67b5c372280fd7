import Testing
@testable import LitmusSyntax

@Suite struct DiagnosticTests {
    func errors(_ source: String) -> [Diagnostic] {
        do {
            _ = try LitmusTest.parse(source: source, file: "bad.litmus")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func renderingKeepsTabsBeforeTheCaret() {
        let source = "C t\n{}\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1) 2;\n}\nexists (x=1)\n"
        let error = DiagnosticError(diagnostics: errors(source), source: source)
        #expect(error.description == """
            bad.litmus:5:20: error: expected ';' after the statement, found '2'
            \tWRITE_ONCE(*x, 1) 2;
            \t                  ^
            """)
    }

    @Test func caretCountsCharactersNotBytes() {
        let diagnostic = Diagnostic("here", at: SourceLocation(file: "f", line: 1, column: 5))
        #expect(diagnostic.rendered(source: "é = x") == "f:1:5: error: here\né = x\n   ^")
    }

    @Test func fileLevelDiagnosticHasNoPosition() {
        let diagnostic = Diagnostic("no such file", at: SourceLocation(file: "missing.litmus", line: 0, column: 0))
        #expect(DiagnosticError(diagnostic).description == "missing.litmus: error: no such file")
    }

    @Test func severalErrorsInOneFile() {
        let found = errors("""
            C t
            { int x = ; }
            P0(int *x)
            {
            \tWRITE_ONCE(*x, 1)
            \tint r0 = ;
            }
            exists (x=)
            """)
        #expect(found.map(\.location.line) == [2, 5, 6, 8])
        #expect(found.map(\.message) == [
            "expected an initial value, found ';'",
            "expected ';' after the statement, found 'int'",
            "expected an expression, found ';'",
            "expected a value (an integer or a variable name), found ')'",
        ])
    }

    @Test func unsupportedConstructsSaySo() {
        let found = errors("C t {} P0(int *x) { int r0; r0 = x[1]; r0 = x->f; do { } while (r0); switch (r0) { } } exists (x=1)")
        #expect(found.map(\.message) == [
            "arrays are not supported yet", "structure members are not supported yet",
            "'do' loops are not supported yet", "'switch' statements are not supported yet",
        ])
        #expect(errors("AArch64 MP\n{}\n").map(\.message) == ["'AArch64' litmus tests are not supported yet"])
    }

    @Test func processesMustBeNumberedInOrder() {
        let found = errors("C t {} P0(int *x) { } P2(int *x) { } exists (x=1)")
        #expect(found.map(\.message) == ["process P2 is out of order: expected P1 (processes are numbered from P0 in order)"])
        #expect(found.first?.location == SourceLocation(file: "bad.litmus", line: 1, column: 23))
    }
}

@Suite struct LongLineTests {
    @Test func longLinesAreCutAroundTheColumn() {
        let line = String(repeating: "a", count: 500) + "@" + String(repeating: "b", count: 500)
        let rendered = Diagnostic("here", at: SourceLocation(file: "f", line: 1, column: 501)).rendered(source: line)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[1].count < 160 && lines[1].hasPrefix("...") && lines[1].hasSuffix("..."))
        let caret = lines[2].count - 1
        #expect(Array(lines[1])[caret] == "@")
    }
}

@Suite struct BinaryInputTests {
    @Test func controlCharactersAreShownAsSpaces() {
        let source = "\u{7F}ELF\u{01}\u{00}x\n"
        do {
            _ = try LitmusTest.parse(source: source, file: "bin")
            Issue.record("parsed")
        } catch {
            #expect(error.description.hasPrefix("bin:1:1: error: unexpected character '\\u{7f}'\n ELF  x\n^\n"))
        }
    }
}
