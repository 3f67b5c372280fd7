import Foundation
import Litmus
import Models
import Testing
@testable import Advice

/// `litmus fix`'s search on the classic shapes: every fix it proposes is checked again here,
/// independently, by parsing the changed source and running the model.
@Suite struct FixSearchTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func report(_ name: String, _ model: ModelKind, cost: CostModel? = nil) throws -> FixReport {
        let path = fixtures.appendingPathComponent(name).path
        return try FixSearch(model: model, costModel: cost).run(source: try String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    /// The fences and upgrades of a fix, per thread: `["P2": [.fence(.mb)], ...]`.
    static func options(_ changes: [Change]) -> [Int: [FixOption]] {
        Dictionary(grouping: changes, by: \.slot.thread).mapValues { $0.map(\.option) }
    }

    /// Re-checks a fix from its source text alone.
    static func recheck(_ fix: Fix, _ model: ModelKind) throws -> CheckResult {
        try ModelChecker.check(try Program.parse(source: fix.source, file: "fixed.litmus"), model: model)
    }

    @Test func iriwUnderTheLKMMNeedsFullFencesInBothReaders() throws {
        let report = try Self.report("iriw.litmus", .lkmm)
        #expect(report.fixes.count == 1)
        let fix = try #require(report.fixes.first)
        #expect(Self.options(fix.changes) == [2: [.fence(.mb)], 3: [.fence(.mb)]])
        #expect(try Self.recheck(fix, .lkmm).verdict == .never)
        #expect(fix.forbiddingAxiom?.relationName == "pb")
        // smp_rmb() in both readers was checked and is not enough.
        let rmbs = report.insufficient.first { Self.options($0.changes) == [2: [.fence(.rmb)], 3: [.fence(.rmb)]] }
        let attempt = try #require(rmbs)
        #expect(attempt.result.verdict == .sometimes)
        #expect(attempt.changes.map(\.summary).contains("P2: smp_rmb() between READ_ONCE(*x) and READ_ONCE(*y)"))
        // Applying the rmb pair and checking again agrees: still allowed.
        let text = SourceText(report.originalSource).applying(attempt.changes.map(\.edit))
        #expect(try ModelChecker.check(try Program.parse(source: text, file: "t"), model: .lkmm).verdict == .sometimes)
    }

    @Test func iriwUnderARMv8AcceptsReadFencesInBothReaders() throws {
        let report = try Self.report("iriw.litmus", .armv8)
        let fix = try #require(report.fixes.first)
        #expect(Self.options(fix.changes) == [2: [.fence(.rmb)], 3: [.fence(.rmb)]])
        #expect(fix.cost == 2)
        #expect(try Self.recheck(fix, .armv8).verdict == .never)
        // With x86 prices every acquire and read fence is free: acquires are among the fixes.
        let free = try Self.report("iriw.litmus", .armv8, cost: .x86_64)
        #expect(free.fixes.contains { Self.options($0.changes) == [2: [.acquire], 3: [.acquire]] })
        for fix in free.fixes { #expect(try Self.recheck(fix, .armv8).verdict == .never) }
    }

    @Test func sbUnderTSONeedsSmpMbInBothThreads() throws {
        let report = try Self.report("sb.litmus", .tso)
        #expect(report.costModel == .x86_64)
        #expect(report.fixes.count == 1)
        let fix = try #require(report.fixes.first)
        #expect(Self.options(fix.changes) == [0: [.fence(.mb)], 1: [.fence(.mb)]])
        #expect(try Self.recheck(fix, .tso).verdict == .never)
        #expect(fix.source.components(separatedBy: "smp_mb();").count == 3)
    }

    @Test func mpFollowsTheDocumentedCosts() throws {
        // arm64: dmb ishst + dmb ishld (2) is cheaper than stlr + ldar (4).
        let arm = try Self.report("mp.litmus", .armv8, cost: .arm64)
        #expect(arm.fixes.map { Self.options($0.changes) } == [[0: [.fence(.wmb)], 1: [.fence(.rmb)]]])
        // x86-64: all of those are free, so the release/acquire pair is a cheapest fix too.
        let x86 = try Self.report("mp.litmus", .armv8, cost: .x86_64)
        #expect(x86.fixes.contains { Self.options($0.changes) == [0: [.release], 1: [.acquire]] })
        #expect(x86.fixes.allSatisfy { $0.cost == 0 })
        for fix in arm.fixes + x86.fixes { #expect(try Self.recheck(fix, .armv8).verdict == .never) }
        let pair = try #require(x86.fixes.first { Self.options($0.changes) == [0: [.release], 1: [.acquire]] })
        #expect(pair.source.contains("smp_store_release(y, 1);"))
        #expect(pair.source.contains("r0 = smp_load_acquire(y);"))
    }

    @Test func relaxedRMWsBecomeFullyOrdered() throws {
        let report = try Self.report("sb+xchg-relaxed.litmus", .lkmm)
        let upgrade = try #require(report.fixes.first { Self.options($0.changes) == [0: [.fullyOrdered], 1: [.fullyOrdered]] })
        #expect(upgrade.source.contains("r1 = xchg(x, 1);"))
        #expect(try Self.recheck(upgrade, .lkmm).verdict == .never)
    }

    @Test func plainAccessesAndOneLineThreadsAreEditedInPlace() throws {
        let report = try Self.report("mp+plain-one-line.litmus", .armv8)
        let fix = try #require(report.fixes.first)
        #expect(fix.source.contains("{ *x = 1; smp_wmb(); WRITE_ONCE(*y, 1); }"))
        #expect(fix.source.contains("r0 = READ_ONCE(*y); smp_rmb(); r1 = *x; }"))
        let free = try Self.report("mp+plain-one-line.litmus", .armv8, cost: .x86_64)
        let pair = try #require(free.fixes.first { Self.options($0.changes) == [0: [.release], 1: [.acquire]] })
        #expect(pair.source.contains("smp_store_release(y, 1);"))
        for fix in report.fixes + free.fixes { #expect(try Self.recheck(fix, .armv8).verdict == .never) }
    }

    @Test func nothingToFixAndNothingPossible() throws {
        let forbidden = try Self.report("mp+wmb+rmb.litmus", .lkmm)
        guard case .alreadyForbidden = forbidden.status else { Issue.record("expected already forbidden"); return }
        #expect(forbidden.checks == 1)
        let interleaving = try Self.report("sb-sc-allowed.litmus", .lkmm)
        guard case .allowedBySC = interleaving.status else { Issue.record("expected SC to allow it"); return }
        #expect(interleaving.fixes.isEmpty)
    }

    @Test func everyClassicShapeGetsAVerifiedFix() throws {
        for name in ["wrc.litmus", "lb.litmus", "2+2w.litmus", "r.litmus", "mp.litmus", "sb.litmus", "iriw.litmus"] {
            for model in [ModelKind.armv8, .lkmm] {
                let report = try Self.report(name, model)
                #expect(!report.fixes.isEmpty, "\(name) under \(model)")
                for fix in report.fixes { #expect(try Self.recheck(fix, model).verdict == .never, "\(name) \(fix.summary)") }
                #expect(report.checks > 1)
            }
        }
    }

    @Test func theDiffShowsTheInsertedLine() throws {
        let report = try Self.report("sb.litmus", .tso)
        let fix = try #require(report.fixes.first)
        let diff = SourceText(report.originalSource).diff(to: fix.source, name: "sb.litmus")
        #expect(diff.hasPrefix("--- sb.litmus\n+++ sb.litmus (fixed)\n@@ -16,2 +16,3 @@\n \tWRITE_ONCE(*x, 1);\n+\tsmp_mb();\n"))
    }

    @Test func aWrittenFixIsANewTestWithItsResult() throws {
        let report = try Self.report("mp.litmus", .lkmm)
        let text = FixedTest.text(try #require(report.fixes.first))
        #expect(text.hasPrefix("C mp+fixed\n"))
        #expect(text.contains("Result: Never"))
        let program = try Program.parse(source: text, file: "mp+fixed.litmus")
        #expect(program.expectedVerdict == .never)
        #expect(try ModelChecker.check(program, model: .lkmm).verdict == .never)
    }
}
