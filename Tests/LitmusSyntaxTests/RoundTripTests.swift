import Testing
@testable import LitmusSyntax

/// `--print` output parses back to the same test, on every fixture.
@Suite struct RoundTripTests {
    @Test func fixturesExist() {
        #expect(Fixtures.names.count >= 6)
    }

    @Test(arguments: Fixtures.names)
    func parsePrintParseIsIdentity(name: String) throws {
        let test = try LitmusTest.parse(source: try Fixtures.source(name), file: name)
        let printed = Printer().print(test)
        let reparsed = try LitmusTest.parse(source: printed, file: "printed-" + name)
        #expect(reparsed == test)
        #expect(Printer().print(reparsed) == printed)
    }

    @Test func equalityIgnoresLocationsButNotContent() throws {
        let a = try LitmusTest.parse(source: "C t {} P0(int *x) { WRITE_ONCE(*x, 1); } exists (x=1)", file: "a")
        let b = try LitmusTest.parse(source: "C t\n{\n}\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\nexists x=1\n", file: "b")
        let c = try LitmusTest.parse(source: "C t {} P0(int *x) { WRITE_ONCE(*x, 2); } exists (x=1)", file: "c")
        #expect(a == b)
        #expect(a != c)
    }

    @Test func canonicalFormOfAKernelStyleTest() throws {
        let source = """
            C SB+mbs
            (* Result: Never *)
            { x=0; int y; }
            P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); smp_mb(); r0 = READ_ONCE(*y); }
            P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); smp_mb(); if (r0 == 0) r0 = READ_ONCE(*x); }
            exists 0:r0=0 /\\ 1:r0=0
            """
        let expected = """
            C SB+mbs

            (* Result: Never *)

            {
            \tx=0;
            \tint y;
            }

            P0(int *x, int *y)
            {
            \tint r0;

            \tWRITE_ONCE(*x, 1);
            \tsmp_mb();
            \tr0 = READ_ONCE(*y);
            }

            P1(int *x, int *y)
            {
            \tint r0;

            \tWRITE_ONCE(*y, 1);
            \tsmp_mb();
            \tif (r0 == 0) {
            \t\tr0 = READ_ONCE(*x);
            \t}
            }

            exists (0:r0=0 /\\ 1:r0=0)

            """
        #expect(Printer().print(try LitmusTest.parse(source: source, file: "sb")) == expected)
    }
}
