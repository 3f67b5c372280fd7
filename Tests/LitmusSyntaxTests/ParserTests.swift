import Foundation
import Testing
@testable import LitmusSyntax

@Suite struct ParserTests {
    let here = SourceLocation(file: "t", line: 0, column: 0)

    func parse(_ source: String) throws -> LitmusTest {
        try LitmusTest.parse(source: source, file: "t")
    }

    @Test func headerDocStringCommentAndResult() throws {
        let test = try parse("""
            C Z6.0+pooncelock-x
            "The doc string"
            (*
             * Result: DEADLOCK
             *)
            {}
            P0(int *x) { WRITE_ONCE(*x, 1); }
            exists (x=1)
            """)
        #expect(test.name == "Z6.0+pooncelock-x")
        #expect(test.docString == "The doc string")
        #expect(test.expectedResult == "DEADLOCK")
        #expect(test.headerComment == "(*\n * Result: DEADLOCK\n *)")
    }

    @Test func initBlockForms() throws {
        let test = try parse("""
            C init
            { int x = 1; y=2; int *p = &x; q=y; spinlock_t s; atomic_t v = ATOMIC_INIT(-3);
              0:r1=x; int a, *b; struct srcu_struct ss; unsigned long n = 0x10; [m]=4; int *1:r2 = &x; u64 0:r3 }
            P0(int *x) { }
            exists (x=1)
            """)
        let entries = test.initializers.map { ($0.target, $0.type, $0.value) }
        #expect(entries.count == 14)
        #expect(entries[0] == (.variable("x"), CType("int"), .integer(1)))
        #expect(entries[1] == (.variable("y"), nil, .integer(2)))
        #expect(entries[2] == (.variable("p"), CType("int", pointerDepth: 1), .addressOf("x")))
        #expect(entries[3] == (.variable("q"), nil, .name("y")))
        #expect(entries[4] == (.variable("s"), CType("spinlock_t"), nil))
        #expect(entries[5] == (.variable("v"), CType("atomic_t"), .atomicInit(-3)))
        #expect(entries[6] == (.register(thread: 0, name: "r1"), nil, .name("x")))
        #expect(entries[7] == (.variable("a"), CType("int"), nil))
        #expect(entries[8] == (.variable("b"), CType("int", pointerDepth: 1), nil))
        #expect(entries[9] == (.variable("ss"), CType("struct srcu_struct"), nil))
        #expect(entries[10] == (.variable("n"), CType("unsigned long"), .integer(16)))
        #expect(entries[11] == (.variable("m"), nil, .integer(4)))
        #expect(entries[12] == (.register(thread: 1, name: "r2"), CType("int", pointerDepth: 1), .addressOf("x")))
        #expect(entries[13] == (.register(thread: 0, name: "r3"), CType("u64"), nil))
    }

    @Test func parenthesisStarInBodyIsADereferenceNotAComment() throws {
        let test = try parse("""
            C deref (* a comment *)
            {}
            P0(int **p) { int r0; r0 = (*(*p)); /* c */ } // line comment
            exists (0:r0=0) (* trailing *)
            """)
        guard case let .assignment(_, nil, value) = test.processes[0].body[1].kind else {
            Issue.record("expected an assignment")
            return
        }
        let p = Expr(.identifier("p"), at: here)
        #expect(value == Expr(.unary(.dereference, Expr(.unary(.dereference, p), at: here)), at: here))
    }

    @Test func statementsNormaliseBodies() throws {
        let braced = try parse("C t {} P0(int *x) { int r0; if (r0) { WRITE_ONCE(*x, 1); } else { while (r0) { r0 = 0; } } } exists (x=1)")
        let bare = try parse("C t {} P0(int *x) { int r0; if (r0) WRITE_ONCE(*x, 1); else while (r0) r0 = 0; } exists (x=1)")
        #expect(braced == bare)
        guard case let .ifElse(_, then, otherwise) = bare.processes[0].body[1].kind else {
            Issue.record("expected an if")
            return
        }
        #expect(then.count == 1 && otherwise?.count == 1)
    }

    @Test func declarationsSplitPerDeclarator() throws {
        let test = try parse("C t {} P0(int *x) { int r0 = 1, *r1, r2; } exists (x=1)")
        let kinds = test.processes[0].body.map(\.kind)
        #expect(kinds == [
            .declaration(type: CType("int"), name: "r0", initialValue: Expr(.integer(1), at: here)),
            .declaration(type: CType("int", pointerDepth: 1), name: "r1", initialValue: nil),
            .declaration(type: CType("int"), name: "r2", initialValue: nil),
        ])
    }

    @Test func finalPart() throws {
        let test = try parse("""
            C t {} P0(int *x) { }
            locations [x; 0:r1;]
            filter (0:r0=1)
            ~exists (x=1 \\/ ~x=2)
            """)
        #expect(test.extraLocations.map(\.kind) == [.variable("x"), .register(thread: 0, name: "r1")])
        #expect(test.filter != nil)
        #expect(test.condition.quantifier == .notExists)
        let forall = try parse("C t {} P0(int *x) { } forall (true)")
        #expect(forall.condition == Condition(quantifier: .forall, proposition: .constant(true)))
    }

    @Test func keywordNamedVariablesSurviveTheRoundTrip() throws {
        let test = try parse("C t {} P0(int *x) { } exists ([true]=1 /\\ x=true)")
        #expect(try parse(Printer().print(test)) == test)
    }

    @Test func windowsLineEndingsAndByteOrderMark() throws {
        let source = "\u{FEFF}C crlf\r\n{ int *p = NULL; }\r\nP0(int *x)\r\n{\r\n\tWRITE_ONCE(*x, 1);\r\n}\r\nexists (x=1)\r\n"
        let test = try parse(source)
        #expect(test.name == "crlf" && test.initializers[0].value == .integer(0))
        do {
            _ = try parse(source.replacingOccurrences(of: "1);", with: "1) 2;"))
            Issue.record("parsed")
        } catch {
            #expect((error as? DiagnosticError)?.description == "t:5:20: error: expected ';' after the statement, found '2'\n\tWRITE_ONCE(*x, 1) 2;\n\t                  ^")
        }
    }

    @Test func mostNegativeIntegerIsAccepted() throws {
        let test = try parse("C t { x=-9223372036854775808; } P0(int *x) { } exists (x=-9223372036854775808)")
        #expect(test.initializers[0].value == .integer(Int.min))
    }
}
