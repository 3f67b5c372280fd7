import Testing
@testable import LitmusSyntax

/// What herd7 accepts in a C litmus file beyond the kernel's own tests: diy7's header lines,
/// the name spellings, and the final part's other forms.
@Suite struct HerdFormatTests {
    func parse(_ source: String, file: String = "t.litmus") throws -> LitmusTest {
        try LitmusTest.parse(source: source, file: file)
    }

    func firstError(_ source: String) -> Diagnostic? {
        do throws(DiagnosticError) {
            _ = try LitmusTest.parse(source: source, file: "t.litmus")
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    static let body = "P0(int *x, int *y) { WRITE_ONCE(*x, 1); int r0 = READ_ONCE(*y); }\n"

    @Test func diyMetadataLinesAreKeptInOrder() throws {
        let test = try parse("""
            C SB+diy
            "PodWROnceOnce FreOnceOnce"
            Cycle=FreOnceOnce PodWROnceOnce
            Relax = PodWROnceOnce
            Safe=FreOnceOnce
            Generator=diy7 (version 7.58)
            Prefetch=0:x=F,0:y=T
            Com=Fr Fr
            Orig=PodWROnceOnce FreOnceOnce
            (* Result: Sometimes *)
            {}
            \(Self.body)exists (0:r0=0)
            """)
        #expect(test.docString == "PodWROnceOnce FreOnceOnce")
        #expect(test.metadata.map(\.key) == ["Cycle", "Relax", "Safe", "Generator", "Prefetch", "Com", "Orig"])
        #expect(test.metadata[1].value == "PodWROnceOnce")
        #expect(test.metadata[3].value == "diy7 (version 7.58)")
        #expect(test.metadata[4].value == "0:x=F,0:y=T")
        #expect(test.expectedResult == "Sometimes")
        #expect(try parse(Printer().print(test)) == test)
    }

    @Test func metadataWithoutDocStringAndTextHerdSkips() throws {
        let test = try parse("C t\nHash=0f88cc055ab6056b837a01609f6cca95\nsome words herd7 skips\n{}\n\(Self.body)exists (0:r0=0)\n")
        #expect(test.metadata == [MetadataLine(key: "Hash", value: "0f88cc055ab6056b837a01609f6cca95")])
        #expect(test.initializers.isEmpty)
    }

    @Test func namesAsHerdPrintsThem() throws {
        #expect(try parse("C MP+wmb+rmb.litmus\n{}\n\(Self.body)exists (0:r0=0)\n").name == "MP+wmb+rmb")
        #expect(try parse("C -- \n{}\n\(Self.body)exists (0:r0=0)\n", file: "dir/SB+x.litmus").name == "SB+x")
        #expect(try parse("C .litmus\n{}\n\(Self.body)exists (0:r0=0)\n").name == ".litmus")
        #expect(try parse("C SB;\n{}\n\(Self.body)exists (0:r0=0)\n").name == "SB")
        let tex = try parse("C SB (SBtex) \"doc\";\n{}\n\(Self.body)exists (0:r0=0)\n")
        #expect((tex.name, tex.texName, tex.docString) == ("SB", "SBtex", "doc"))
        #expect(try parse(Printer().print(tex)) == tex)
    }

    @Test func missingInitBlockIsStillAnError() throws {
        let error = try #require(firstError("C t\nCycle=Fre\n\(Self.body)exists (0:r0=0)\n"))
        #expect(error.message == "expected '{' to open the init block, found 'P0'")
        // Where the init block belongs: just after the header (the metadata lines are header text).
        #expect(error.location.line == 1)
        #expect(firstError("C t\nCycle=Fre\n")?.message.hasPrefix("expected '{' to open the init block") == true)
    }

    func condition(_ final: String) throws -> Condition {
        try parse("C t\n{}\n\(Self.body)\(final)\n").condition
    }

    @Test func herdsOtherConditionForms() throws {
        let atom = PropositionSyntax.atom(AtomSyntax(LocationSyntax(.register(thread: 0, name: "r0"), at: .init(file: "", line: 0, column: 0)), .integer(0)))
        #expect(try condition("final (0:r0=0)") == Condition(quantifier: .exists, proposition: atom))
        #expect(try condition("(0:r0=0)") == Condition(quantifier: .exists, proposition: atom))
        #expect(try condition("not exists (0:r0=0)") == Condition(quantifier: .notExists, proposition: atom))
        #expect(try condition("exists (0:r0=0);") == Condition(quantifier: .exists, proposition: atom))
        #expect(try condition("exists (0:r0=0) with tag: exists; other: ~exists;") == Condition(quantifier: .exists, proposition: atom))
        #expect(try condition("exists (0:r0<>0)") == Condition(quantifier: .exists, proposition: .atom(AtomSyntax(LocationSyntax(.register(thread: 0, name: "r0"), at: .init(file: "", line: 0, column: 0)), isNegated: true, .integer(0)))))
        #expect(try condition("forall (0:r0=0 => x=1)").proposition == .implies(atom, .atom(AtomSyntax(LocationSyntax(.variable("x"), at: .init(file: "", line: 0, column: 0)), .integer(1)))))
        // No condition at all: herd7's `forall (true)`.
        #expect(try condition("") == Condition(quantifier: .forall, proposition: .constant(true)))
        #expect(try condition("locations [x;]") == Condition(quantifier: .forall, proposition: .constant(true)))
    }

    @Test func observedListsStates() throws {
        let c = try condition("observed 0:r0=0; x=1; and 0:r0=1;")
        #expect(c.quantifier == .exists)
        guard case let .or(first, second) = c.proposition, case .and = first, case .atom = second else {
            Issue.record("expected (0:r0=0 /\\ x=1) \\/ 0:r0=1, got \(c.proposition)")
            return
        }
    }

    @Test func malformedFinalPartsAreLocated() throws {
        let with = try #require(firstError("C t\n{}\n\(Self.body)exists (0:r0=0) with tag exists\n"))
        #expect(with.message == "expected ':' after the tag name, found 'exists'")
        #expect((with.location.line, with.location.column) == (4, 26))
        let observed = try #require(firstError("C t\n{}\n\(Self.body)observed 0:r0=0 x=1;\n"))
        #expect(observed.message.hasPrefix("expected ';' after each value of an observed state"))
    }
}
