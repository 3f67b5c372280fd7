import Advice
import Litmus
import Models
import Testing
@testable import Reports

/// `run` suggests a computed fix when the hardware or the LKMM contradict the test's Result.
@Suite struct RunAdviceTests {
    let clean = ["1:r0=0; 1:r1=0;": 400, "1:r0=0; 1:r1=1;": 100, "1:r0=1; 1:r1=1;": 500]

    @Test func aResultNeverThatTheLKMMAllowsGetsTheLKMMsFix() throws {
        let program = try Support.program("classic/mp-claims-never.litmus")
        // Nothing seen on x86: the advice comes from the LKMM disagreeing with Result: Never.
        let report = Support.report(run: Support.run(program, [clean]), cpuModel: .tso, architecture: "x86-64")
        #expect(report.wantsAdvice)
        #expect(report.adviceModels == [.lkmm, .tso])
        let source = try Support.source("classic/mp-claims-never.litmus")
        let fixes = FixSearch.reports(source: source, file: "classic/mp-claims-never.litmus", models: report.adviceModels)
        let text = report.adviceText(fixes)
        #expect(text.contains("  LKMM (cost 2 on arm64, then forbidden by happens-before (acyclic hb)):"))
        #expect(text.contains("    P0: smp_wmb() between WRITE_ONCE(*x, 1) and WRITE_ONCE(*y, 1)"))
        #expect(text.contains("  x86-TSO: already forbids the outcome as written"))
        // The printed fix is checked: applied to the source, the LKMM forbids the outcome.
        let fix = try #require(fixes[.lkmm]?.fixes.first)
        let changed = SourceText(source).applying(fix.changes.map(\.edit))
        #expect(try ModelChecker.check(try Program.parse(source: changed, file: "t"), model: .lkmm).verdict == .never)
    }

    /// JSON carries the same advice as the human text, one object per advice model.
    @Test func jsonAdviceHasOneObjectPerAdviceModel() throws {
        let program = try Support.program("classic/mp-claims-never.litmus")
        let report = Support.report(run: Support.run(program, [clean]), cpuModel: .tso, architecture: "x86-64")
        let fixes = FixSearch.reports(source: try Support.source("classic/mp-claims-never.litmus"), file: "t", models: report.adviceModels)
        let rendered = report.json(advice: fixes).rendered()
        #expect(rendered.contains("\"advice\": ["))
        #expect(rendered.contains("\"result\": \"fixed\""))
        #expect(rendered.contains("\"result\": \"already_forbidden\""))
        #expect(rendered.contains("P0: smp_wmb() between WRITE_ONCE(*x, 1) and WRITE_ONCE(*y, 1)"))
        #expect(!report.json.rendered().contains("\"advice\""))
    }

    @Test func anObservedContradictionOnARMGetsBothFixes() throws {
        let program = try Support.program("classic/mp-claims-never.litmus")
        var weak = clean
        weak["1:r0=1; 1:r1=0;"] = 5
        let report = Support.report(run: Support.run(program, [weak]), cpuModel: .armv8, architecture: "arm64")
        #expect(report.findings.contains { $0.kind == .contradictsResult })
        #expect(report.wantsAdvice)
        let fixes = FixSearch.reports(source: try Support.source("classic/mp-claims-never.litmus"), file: "t", models: report.adviceModels)
        let text = report.adviceText(fixes)
        #expect(text.contains("  ARMv8 (cost 2 on arm64, then forbidden by external (acyclic ob)):"))
    }

    @Test func aCleanRunOfAForbiddenTestAsksForNothing() throws {
        let program = try Support.program("mp+wmb+rmb.litmus")
        let report = Support.report(run: Support.run(program, [clean]), cpuModel: .tso, architecture: "x86-64")
        #expect(!report.wantsAdvice)
    }
}
