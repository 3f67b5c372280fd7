import CatModels
import Foundation
import Litmus
import Models
import Testing

/// `with x from S` as herd7 runs it: the rest of the model once per element of S, a candidate
/// allowed once per element that passes; choices of rf/co edges are the candidate's own.
@Suite struct WithChoiceTests {
    /// What must agree between a model that counts executions per choice and one that does
    /// not: the allowed states and the verdict.
    static func states(_ r: CheckResult) -> String {
        (r.states.map { r.program.render($0.state) } + [r.conditionHolds ? "Ok" : "No"]).joined(separator: "\n")
    }

    @Test func scAsATotalOrderAgreesWithTheBuiltInOnClassicTests() throws {
        let model = try Support.model("sc-order.cat")
        for (name, program) in try Support.classicTests() {
            let builtIn = try ModelChecker.check(program, model: .sc)
            let ordered = try Support.check(program, model)
            #expect(Self.states(ordered) == Self.states(builtIn), "\(name)")
            // Every allowed candidate has at least one order; several orders count several times.
            #expect(ordered.positive >= builtIn.positive && ordered.negative >= builtIn.negative, "\(name)")
        }
    }

    @Test func scAsATotalOrderAgreesWithTheBuiltInOnGeneratedTests() throws {
        let model = try Support.model("sc-order.cat")
        var generator = TestGenerator(seed: 23)
        var verdicts: Set<Verdict> = []
        for index in 0 ..< 25 {
            let source = generator.next(name: "gen\(index)")
            let program = try Program.parse(source: source, file: "gen\(index).litmus")
            let builtIn = try ModelChecker.check(program, model: .sc)
            verdicts.insert(builtIn.verdict)
            #expect(Self.states(try Support.check(program, model)) == Self.states(builtIn), "\(source)")
        }
        #expect(verdicts.contains(.never) && verdicts.contains(.sometimes))
    }

    @Test func eachPassingChoiceCountsAsOneExecution() throws {
        let program = try Program.load(contentsOf: Support.classic.appendingPathComponent("SB.litmus").path)
        let everything = CatModel(try CatModelDefinition.parse(name: "all.cat", source: "\"all\"\nlet nothing = 0\n"))
        let base = try Support.check(program, everything)
        // Two choices that are not rf/co edges: every candidate counts twice.
        let twice = CatModel(try CatModelDefinition.parse(name: "twice.cat", source: "\"twice\"\nwith s from {po, 0}\n"))
        let doubled = try Support.check(program, twice)
        #expect(doubled.positive == 2 * base.positive && doubled.negative == 2 * base.negative)
        #expect(Self.states(doubled) == Self.states(base))
        // A check only one of the choices passes: once each again.
        let once = CatModel(try CatModelDefinition.parse(name: "once.cat", source: "\"once\"\nwith s from {po, 0}\nempty s as chosen-empty\n"))
        let single = try Support.check(program, once)
        #expect(single.positive == base.positive && single.negative == base.negative)
        // No choice at all: no execution.
        let none = CatModel(try CatModelDefinition.parse(name: "none.cat", source: "\"none\"\nwith s from {}\n"))
        #expect(try Support.check(program, none).states.isEmpty)
    }

    @Test func choicesOfCoherenceAreTheCandidatesOwn() throws {
        // cos.cat on the search path computes every coherence order in cat; each candidate
        // takes its own, so states and counts are SC's exactly.
        let definition = try CatModelDefinition.load(cat: Support.fixture("sc-with-cos.cat"), searchPath: [Support.fixture("library")])
        let model = CatModel(definition)
        for (name, program) in try Support.classicTests() {
            let builtIn = try ModelChecker.check(program, model: .sc)
            #expect(Support.summary(try Support.check(program, model)) == Support.summary(builtIn), "\(name)")
        }
    }

    @Test func aModelThatMatchesOnRfIsEvaluatedPerCandidate() throws {
        // `match` needs rf fixed: the model is compiled for each candidate, with SC's answers.
        let source = """
            "sc, reads-from taken apart"
            let reads-from = match rf with || {} -> 0 || first ++ others -> {first} | others end
            empty rmw & (fre ; coe) as atomic
            acyclic ([M] ; po ; [M]) | reads-from | co | fr as sc
            """
        let model = CatModel(try CatModelDefinition.parse(name: "match-rf.cat", source: source))
        for (name, program) in try Support.classicTests() {
            let builtIn = try ModelChecker.check(program, model: .sc)
            #expect(Support.summary(try Support.check(program, model)) == Support.summary(builtIn), "\(name)")
        }
    }
}
