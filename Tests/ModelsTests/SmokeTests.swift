import Testing
import Litmus
@testable import Models

@Suite struct SmokeTests {
    let b = ProgramBuilder(name: "SB", variables: ["x", "y"])

    @Test func storeBufferingIsAllowedExceptUnderSC() throws {
        let sb = b.program([
            [.store("x", 1, .once), .load("r0", "y", .once)],
            [.store("y", 1, .once), .load("r0", "x", .once)],
        ], exists: [("0:r0", 0), ("1:r0", 0)])
        #expect(try ModelChecker.check(sb, model: .sc).verdict == .never)
        for model in [ModelKind.tso, .armv8, .lkmm] {
            let r = try ModelChecker.check(sb, model: model)
            #expect(r.verdict == .sometimes)
            #expect((r.positive, r.negative) == (1, 3))
        }
    }

    @Test func fullFencesForbidStoreBufferingWithAPropagationCycle() throws {
        let mb = b.program([
            [.store("x", 1, .once), .fence(.mb), .load("r0", "y", .once)],
            [.store("y", 1, .once), .fence(.mb), .load("r0", "x", .once)],
        ], exists: [("0:r0", 0), ("1:r0", 0)])
        let r = try ModelChecker.check(mb, model: .lkmm)
        #expect(r.verdict == .never)
        let explanation = try #require(r.conditionExplanation)
        #expect(explanation.axiom == "propagation")
        #expect(explanation.cycleText.contains("—po+smp_mb()→"))
        #expect(explanation.cycleText.contains("—fre→"))
    }
}
