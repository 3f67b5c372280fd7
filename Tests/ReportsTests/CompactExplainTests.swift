import Litmus
import Models
import Testing
@testable import Reports

/// `explain` on tests written compactly: one-line bodies, several threads, no cycle at all.
@Suite struct CompactExplainTests {
    func explain(_ source: String) throws -> String {
        Support.explanation(program: try Program.parse(source: source, file: "t.litmus"), source: source, file: "t.litmus",
                        models: ModelKind.allCases, hostModel: nil).text()
    }

    @Test func oneLineBodiesAreShownNotTheCondition() throws {
        let text = try explain("C one\n{}\nP0(int *x) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*x); }\nforall (0:r0=1)\n")
        let table = text.components(separatedBy: "The outcome of interest")[0]
        #expect(table.contains("WRITE_ONCE(*x, 1);"))
        #expect(table.contains("r0 = READ_ONCE(*x);"))
        #expect(!table.contains("int r0"))
        #expect(table.components(separatedBy: "forall").count == 2, "the condition is shown once")
    }

    @Test func emptyFirstColumnKeepsTheOthersAligned() throws {
        let text = try explain("""
            C two
            {}
            P0(int *x) { WRITE_ONCE(*x, 1); }
            P1(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*x); r1 = READ_ONCE(*y); }
            exists (1:r0=1)
            """)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("  P0") })
        let second = try #require(lines.first { $0.contains("r1 = READ_ONCE(*y);") })
        #expect(second.firstIndex(of: "|").map { second.distance(from: second.startIndex, to: $0) }
            == header.firstIndex(of: "|").map { header.distance(from: header.startIndex, to: $0) })
    }

    @Test func outcomesSCAllowsNeedNoCycleInWeakerModels() throws {
        let text = try explain("C w\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nP1(int *x) { WRITE_ONCE(*x, 2); }\nexists (x=1)\n")
        #expect(!text.contains("cycle need not close"))
        #expect(text.contains("as SC does: an interleaving produces it"))
    }
}
