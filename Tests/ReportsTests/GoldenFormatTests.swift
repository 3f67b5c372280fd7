import Advice
import Foundation
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
        return Support.report(run: Support.run(program, [states]), file: "litmus/mp+wmb+rmb.litmus", cpuModel: cpu, architecture: "x86-64")
    }

    @Test func json() throws {
        #expect(try Support.matchesGolden(report(forbidden: 2).json.rendered() + "\n", "run-mp+wmb+rmb.json"))
    }

    /// The harness's keys stay, in their order, and the models' keys come after them.
    @Test func jsonIsValidAndKeepsTheHarnessKeys() throws {
        let report = try report(forbidden: 2)
        let text = report.json.rendered()
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "fail")
        #expect(object["cpu_model"] as? String == "tso")
        let variants = try #require(object["variants"] as? [[String: Any]])
        let entry = try #require((variants[1]["histogram"] as? [[String: Any]])?.first)
        #expect(Set(entry.keys) == ["state", "count", "satisfies_condition", "allowed_by"])
        let models = try #require(variants[1]["models"] as? [String: [String: Any]])
        #expect(models["armv8"]?["condition_allowed"] as? Bool == true)
        #expect(models["tso"]?["condition_allowed"] as? Bool == false)
        guard case let .object(harness) = HardwareReport.json(report.run), case let .object(ours) = report.json else {
            Issue.record("not objects")
            return
        }
        #expect(Array(ours.prefix(harness.count).map(\.0)) == harness.map(\.0))
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
        var explanation = Support.explanation(
            program: try Support.program("mp.litmus"), source: try Support.source("mp.litmus"),
            file: "litmus/mp.litmus", hostModel: .tso)
        // What `litmus explain` adds: the computed fixes (Advice), one report per allowing model.
        explanation.fixes = FixSearch.reports(source: try Support.source("mp.litmus"), file: "litmus/mp.litmus",
                                              models: ModelKind.allCases)
        #expect(try Support.matchesGolden(explanation.text(), "explain-mp.txt"))
    }

    @Test func listFixtures() throws {
        var catalogue = try Support.catalogue(directory: Support.fixtures.path)
        catalogue.directory = "Fixtures"
        #expect(try Support.matchesGolden(catalogue.text(), "list.txt"))
        #expect(try Support.matchesGolden(catalogue.markdown, "list.md"))
    }
}
