import Testing
@testable import LitmusSyntax

/// The printer puts back exactly the parentheses C's precedence needs.
@Suite struct PrinterTests {
    func expression(_ text: String) throws -> Expr {
        let test = try LitmusTest.parse(source: "C t {} P0(int *x, int *y) { r0 = \(text); } exists (0:r0=0)", file: "t")
        guard case let .assignment(_, _, value) = test.processes[0].body[0].kind else {
            Issue.record("not an assignment")
            return Expr(.integer(0), at: SourceLocation(file: "", line: 0, column: 0))
        }
        return value
    }

    @Test(arguments: [
        ("1 + 2 * 3", "1 + 2 * 3"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("1 - (2 - 3)", "1 - (2 - 3)"),
        ("(1 - 2) - 3", "1 - 2 - 3"),
        ("*(y + (r0 & 0))", "*(y + (r0 & 0))"),
        ("(r0 & 1) == 0", "(r0 & 1) == 0"),
        ("r0 & 1 == 0", "r0 & 1 == 0"),
        ("- -1", "- -1"),
        ("-(-r0)", "- -r0"),
        ("&(&x)", "& &x"),
        ("~~!*&x", "~~!*&x"),
        ("-(r0 + 1)", "-(r0 + 1)"),
        ("(int)-(void)*x", "(int)-(void)*x"),
        ("!(r0 && r1) || ~r2", "!(r0 && r1) || ~r2"),
        ("(void)xchg(x, 1)", "(void)xchg(x, 1)"),
        ("0x10 + 010", "16 + 8"),
        ("a << 2 >> 1", "a << 2 >> 1"),
    ])
    func parentheses(source: String, printed: String) throws {
        let parsed = try expression(source)
        #expect(Printer().print(parsed) == printed)
        #expect(try expression(printed) == parsed)
    }

    @Test func propositionsKeepTheirGrouping() throws {
        for (source, printed) in [
            ("~(x=1 /\\ y=1)", "~(x=1 /\\ y=1)"),
            ("(x=1 \\/ y=1) /\\ 0:r0=1:r1", "(x=1 \\/ y=1) /\\ 0:r0=1:r1"),
            ("x=1 \\/ y=1 /\\ z=1", "x=1 \\/ y=1 /\\ z=1"),
            ("(x=1 ==> y=1) ==> true", "(x=1 ==> y=1) ==> true"),
            ("x=1 ==> (y=1 ==> false)", "x=1 ==> y=1 ==> false"),
            ("[x]=[y] /\\ x!=-3 /\\ 0:r1=x", "x=[y] /\\ x!=-3 /\\ 0:r1=x"),
        ] {
            let test = try LitmusTest.parse(source: "C t {} P0(int *x) { int r0; int r1; } exists (\(source))", file: "t")
            #expect(Printer().print(test.condition.proposition) == printed)
            let again = try LitmusTest.parse(source: "C t {} P0(int *x) { int r0; int r1; } exists (\(printed))", file: "t")
            #expect(again.condition == test.condition)
        }
    }
}
