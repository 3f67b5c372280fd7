import CatModels
import Foundation
import Litmus
import Models
import Testing

/// Pruning partial candidates never changes an answer: a model checked with pruning and the
/// same model checked without (every candidate judged in full) agree, states and counts.
@Suite struct PruningTests {
    /// The model, never rejecting a partial candidate.
    struct Unpruned: MemoryModel {
        let model: CatModel
        var name: String { model.name }
        var builtIn: ModelKind? { nil }
        func evaluate(_ execution: Execution, explaining: Bool) -> ModelOutcome { model.evaluate(execution, explaining: explaining) }
        func rejects(partial execution: Execution) -> Bool { false }
    }

    static let locks = Support.classic.deletingLastPathComponent().appendingPathComponent("locks")

    static func programs() throws -> [(String, Program)] {
        var result = try Support.classicTests()
        for name in ["LockHolders4.litmus", "LockIncrements4.litmus"] {
            result.append((name, try Program.load(contentsOf: locks.appendingPathComponent(name).path)))
        }
        var generator = TestGenerator(seed: 5)
        for index in 0 ..< 20 {
            let source = generator.next(name: "gen\(index)")
            result.append((source, try Program.parse(source: source, file: "gen\(index).litmus")))
        }
        return result
    }

    @Test(arguments: ["nonmonotone.cat", "x86tso.cat", "sc.cat"])
    func pruningKeepsTheAnswers(file: String) throws {
        let model = CatModel(try CatModelDefinition.load(cat: Support.fixture(file), searchPath: [Support.fixture("library")]))
        var pruning = false
        for (name, program) in try Self.programs() {
            let pruned = try Support.check(program, model)
            let full = try ModelChecker.check(program, using: Unpruned(model: model.bound(to: program)))
            #expect(Support.summary(pruned) == Support.summary(full), "\(name) under \(file)")
            if pruned.candidates < full.candidates { pruning = true }
        }
        // The comparison means something only if partial candidates were rejected.
        #expect(pruning)
    }
}
