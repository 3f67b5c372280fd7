import Litmus
import Models
import Testing
@testable import Reports

/// The join of hardware histograms with the models: verdicts per state, and the findings that
/// make `--check` fail.
@Suite struct RunReportTests {
    let mpStates = ["1:r0=0; 1:r1=0;": 400, "1:r0=0; 1:r1=1;": 100, "1:r0=1; 1:r1=1;": 500]

    @Test func cleanRunOnTSOPasses() throws {
        let program = try Support.program("mp+wmb+rmb.litmus")
        let report = Support.report(run: Support.run(program, [mpStates]), cpuModel: .tso, architecture: "x86-64")
        #expect(report.passed)
        #expect(report.findings.isEmpty)
        #expect(report.variants.count == 4)  // as written, without each barrier, without both
        let row = try #require(report.variants[0].rows.first { $0.state == Support.state("1:r0=1; 1:r1=1;") })
        #expect(row.allowed[.tso] == true && row.allowed[.lkmm] == true && row.allowed[.sc] == true)
    }

    @Test func stateForbiddenByTheCPUModelIsFlagged() throws {
        let program = try Support.program("mp+wmb+rmb.litmus")
        var states = mpStates
        states["1:r0=1; 1:r1=0;"] = 3
        let report = Support.report(run: Support.run(program, [states]), cpuModel: .tso, architecture: "x86-64")
        #expect(!report.passed)
        let kinds = Set(report.findings.filter { $0.variant == "as written" }.map(\.kind))
        #expect(kinds == [.forbiddenByCPUModel, .forbiddenByLKMM, .contradictsResult])
        // Every variant saw it, and TSO forbids it in all of them: one CPU-model finding each.
        #expect(report.findings.filter { $0.kind == .forbiddenByCPUModel }.count == 4)
        // Without barriers the LKMM allows it, so only the test as written reports the LKMM.
        #expect(report.findings.filter { $0.kind == .forbiddenByLKMM }.count == 1)
        #expect(report.humanText().contains("!! FORBIDDEN BY THIS CPU'S MODEL: 1:r0=1; 1:r1=0; observed 3 times (as written)"))
        #expect(report.summaryLine().hasPrefix("FAIL "))
    }

    @Test func onARMTheWeakStateWithoutABarrierIsNoFinding() throws {
        let program = try Support.program("mp+wmb+rmb.litmus")
        var weak = mpStates
        weak["1:r0=1; 1:r1=0;"] = 7
        let report = Support.report(run: Support.run(program, [mpStates, weak, mpStates]), cpuModel: .armv8, architecture: "arm64")
        #expect(report.passed)
        #expect(report.variants[1].observed.witnesses == 7)
        #expect(report.humanText().contains(
            "P0: smp_wmb(): needed on this arm64 CPU: ARMv8 allows the condition without it (seen 7 times); "
                + "without it LKMM allows it; x86-TSO still forbids it."))
        #expect(report.humanText().contains(
            "P1: smp_rmb(): needed on this arm64 CPU: ARMv8 allows the condition without it (not seen in 1,000 iterations)"))
    }

    @Test func ablationColumnsSayWhichModelNeedsEachBarrier() throws {
        let program = try Support.program("mp+wmb+rmb.litmus")
        let report = Support.report(run: Support.run(program, [mpStates]), cpuModel: .tso, architecture: "x86-64")
        let withoutWMB = report.variants[1]
        #expect(withoutWMB.label == "P0: smp_wmb() removed")
        #expect(withoutWMB.models.allowsCondition(under: .tso) == false)
        #expect(withoutWMB.models.allowsCondition(under: .armv8) == true)
        #expect(withoutWMB.models.allowsCondition(under: .lkmm) == true)
        #expect(report.variants[3].label == "all 2 barriers removed")
        let text = report.humanText()
        #expect(text.contains("P0: smp_wmb(): x86-TSO forbids the condition even without it, so on this x86-64 CPU it is not what forbids the outcome; without it ARMv8 and LKMM allow it."))
    }

    @Test func allowedButUnseenIsSaid() throws {
        let program = try Support.program("mp.litmus")
        let report = Support.report(run: Support.run(program, [mpStates]), cpuModel: .armv8, architecture: "arm64")
        #expect(report.passed)
        #expect(report.humanText().contains("Allowed on this CPU (ARMv8), not seen in 1,000 iterations."))
        let tso = Support.report(run: Support.run(program, [mpStates]), cpuModel: .tso, architecture: "x86-64")
        #expect(tso.humanText().contains("Forbidden on this CPU (x86-TSO) and never seen."))
    }

    @Test func resultAlwaysContradictedByANegativeState() throws {
        var program = try Support.program("mp.litmus")
        program.expectedResult = "Always"
        let report = Support.report(run: Support.run(program, [mpStates]), cpuModel: nil, architecture: "riscv64")
        #expect(report.findings.map(\.kind) == [.contradictsResult])
        #expect(report.findings[0].count == 1000)
    }

    @Test func graphDrawsTheMostFrequentConditionState() throws {
        let program = try Support.program("mp.litmus")
        var states = mpStates
        states["1:r0=1; 1:r1=0;"] = 9
        let report = Support.report(run: Support.run(program, [states]), cpuModel: .armv8, architecture: "arm64")
        let dot = try #require(report.graph())
        #expect(dot.hasPrefix("digraph \"MP: 1:r0=1; 1:r1=0; observed 9 times on arm64; ARMv8 allows it\""))
        #expect(dot.contains("[label=\"rf\", color=red]"))
        let onTSO = Support.report(run: Support.run(program, [states]), cpuModel: .tso, architecture: "x86-64")
        let forbidden = try #require(onTSO.graph())
        #expect(forbidden.contains("x86-TSO forbids it (tso)"))
        #expect(forbidden.contains("penwidth=2"))  // the forbidding cycle
    }
}

/// Memory locations in states, `~exists` conditions, ARMv8 as the CPU model.
@Suite struct RunReportMemoryStateTests {
    @Test func memoryStatesAndNegatedCondition() throws {
        let program = try Support.program("2+2w+mb+mb-forbidden.litmus")
        let clean = ["[x]=2; [y]=2;": 10, "[x]=1; [y]=2;": 5, "[x]=2; [y]=1;": 5]
        let report = Support.report(run: Support.run(program, [clean]), cpuModel: .armv8, architecture: "arm64")
        #expect(report.passed)
        var weak = clean
        weak["[x]=1; [y]=1;"] = 1
        let bad = Support.report(run: Support.run(program, [weak]), cpuModel: .armv8, architecture: "arm64")
        #expect(Set(bad.findings.filter { $0.variant == "as written" }.map(\.kind))
            == [.forbiddenByCPUModel, .forbiddenByLKMM, .contradictsResult])
        // Without one smp_mb() ARMv8 allows 2+2W: that variant has no finding.
        #expect(bad.variants[1].findings.isEmpty)
        #expect(bad.variants[1].models.allowsCondition(under: .armv8) == true)
        #expect(bad.variants[1].models.allowsCondition(under: .tso) == false)
        #expect(bad.json.rendered().contains("\"x\": 1"))
    }
}
