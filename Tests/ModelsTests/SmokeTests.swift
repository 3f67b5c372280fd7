import Testing
import Litmus
@testable import Models

@Suite struct SmokeTests {
    @Test func storeBuffering() throws {
        let b = ProgramBuilder(name: "SB", variables: ["x", "y"])
        let sb = b.program([
            [.store("x", 1, .once), .load("r0", "y", .once)],
            [.store("y", 1, .once), .load("r0", "x", .once)],
        ], exists: [("0:r0", 0), ("1:r0", 0)])
        for model in ModelKind.allCases {
            let r = try ModelChecker.check(sb, model: model)
            print(model, r.states.map { sb.render($0.state) }, r.positive, r.negative, r.verdict)
        }
        let mb = b.program([
            [.store("x", 1, .once), .fence(.mb), .load("r0", "y", .once)],
            [.store("y", 1, .once), .fence(.mb), .load("r0", "x", .once)],
        ], exists: [("0:r0", 0), ("1:r0", 0)])
        for model in ModelKind.allCases {
            let r = try ModelChecker.check(mb, model: model)
            print(model, r.states.map { mb.render($0.state) }, r.positive, r.negative, r.verdict, r.conditionExplanation?.text ?? "")
        }
    }
}
