import Litmus
import Models
import Testing
@testable import Reports

/// Machine formats byte for byte (principle: output for machines is stable).
@Suite struct GoldenFormatTests {
    func report(cpu: ModelKind = .tso, forbidden: Int = 0) throws -> RunReport {
        let program = try Support.program("mp+wmb+rmb.litmus")
        var states = ["1:r0=0; 1:r1=0;": 400, "1:r0=0; 1:r1=1;": 100, "1:r0=1; 1:r1=1;": 500]
        if forbidden > 0 { states["1:r0=1; 1:r1=0;"] = forbidden }
        return RunReport(run: Support.run(program, [states]), file: "litmus/mp+wmb+rmb.litmus", cpuModel: cpu, architecture: "x86-64")
    }

    @Test func json() throws {
        #expect(try Support.matchesGolden(report(forbidden: 2).json.rendered() + "\n", "run-mp+wmb+rmb.json"))
    }

    @Test func herd() throws {
        #expect(try Support.matchesGolden(report().herdText(), "run-mp+wmb+rmb.herd"))
    }

    @Test func junit() throws {
        let junit = JUnitReport(
            reports: [try report(forbidden: 2)],
            errors: [JUnitReport.Problem(file: "litmus/broken.litmus", message: "litmus/broken.litmus:7:2: error: expected ';' <here>")])
        #expect(try Support.matchesGolden(junit.xml, "run-mp+wmb+rmb.junit.xml"))
    }

    @Test func human() throws {
        #expect(try Support.matchesGolden(report(forbidden: 2).humanText(), "run-mp+wmb+rmb.txt"))
    }

    @Test func explainMP() throws {
        let explanation = TestExplanation(
            program: try Support.program("mp.litmus"), source: try Support.source("mp.litmus"),
            file: "litmus/mp.litmus", hostModel: .tso)
        #expect(try Support.matchesGolden(explanation.text(), "explain-mp.txt"))
    }

    @Test func listFixtures() throws {
        var catalogue = try Catalogue.load(directory: Support.fixtures.path)
        catalogue.directory = "Fixtures"
        #expect(try Support.matchesGolden(catalogue.text(), "list.txt"))
        #expect(try Support.matchesGolden(catalogue.markdown, "list.md"))
    }
}
