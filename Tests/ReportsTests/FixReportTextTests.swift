import Advice
import Litmus
import Models
import Testing
@testable import Reports

/// `litmus fix`'s text: the verdict, each fix with its diff and axiom, what is not enough.
@Suite struct FixReportTextTests {
    static func report(_ name: String, _ model: ModelKind) throws -> FixReport {
        try FixSearch(model: model).run(source: try Support.source("classic/\(name)"), file: name)
    }

    @Test func iriwUnderTheLKMM() throws {
        let text = try Self.report("iriw.litmus", .lkmm).text
        #expect(text.hasPrefix("iriw under LKMM (costs: arm64)\n"))
        #expect(text.contains("  Fix 1 (dmb ish + dmb ish): now Never, forbidden by propagation (acyclic pb)\n"
            + "    P2: smp_mb() between READ_ONCE(*x) and READ_ONCE(*y)\n"
            + "    P3: smp_mb() between READ_ONCE(*y) and READ_ONCE(*x)\n"))
        #expect(text.contains("    --- iriw.litmus\n    +++ iriw.litmus (fixed)\n    @@ -28,2 +28,3 @@\n     \tr0 = READ_ONCE(*x);\n    +\tsmp_mb();\n"))
        #expect(text.contains("  Not enough (checked, the outcome stays allowed):\n"
            + "    cost 2: P2: smp_rmb() between READ_ONCE(*x) and READ_ONCE(*y); P3: smp_rmb() between READ_ONCE(*y) and READ_ONCE(*x)\n"
            + "      still Sometimes: 2:r0=1; 2:r1=0; 3:r0=1; 3:r1=0; is reached by an execution no LKMM axiom rejects\n"
            + "      propagation (acyclic pb) rejects it only once the fix is made\n"))
        #expect(text.contains(" checks in "))
    }

    @Test func statusesInWords() throws {
        let forbidden = try Self.report("mp.litmus", .tso)
        #expect(forbidden.text.contains("x86-TSO already forbids the outcome, nothing to fix."))
        #expect(forbidden.summaryLine.hasPrefix("mp.litmus\ttso\talready forbidden\t1\t"))
        let sb = try Self.report("sb.litmus", .tso)
        #expect(sb.summaryLine.hasPrefix("sb.litmus\ttso\tcost 2: P0: smp_mb() between WRITE_ONCE(*x, 1) and READ_ONCE(*y); "))
    }
}
