import Foundation
import Testing
import Litmus
@testable import Models

/// Every classic shape under every model, against the verdicts the literature gives.
@Suite struct ClassicShapeTests {
    static let files = Fixtures.files("classic")

    @Test func thereAreFixturesForEveryModel() throws {
        #expect(Self.files.count >= 25)
        for url in Self.files {
            #expect(try Fixtures.expectations(url).count == 4, "\(url.lastPathComponent) lacks a verdict per model")
        }
    }

    @Test(arguments: files)
    func verdictsMatchTheLiterature(_ url: URL) throws {
        for (model, result) in try Fixtures.checkExpectedVerdicts(url) where result.verdict == .never {
            // Whatever forbids the outcome is a named axiom with a witness. (LB+datas's
            // outcome needs values out of thin air: no candidate reaches it at all.)
            if result.program.name.hasPrefix("LB+datas") { continue }
            let explanation = result.conditionExplanation
            #expect(explanation != nil, "\(result.program.name) under \(model)")
            #expect(explanation?.steps.isEmpty == false)
        }
    }

    @Test func scIsTheStrongestAndEveryModelKeepsCoherence() throws {
        // Anything SC allows, the weaker models allow too (on these shapes).
        for url in Self.files {
            let program = try Fixtures.program(url)
            let sc = Set(try ModelChecker.check(program, model: .sc).states.map(\.state))
            for kind in [ModelKind.tso, .armv8, .lkmm] {
                let weaker = Set(try ModelChecker.check(program, model: kind).states.map(\.state))
                #expect(sc.isSubset(of: weaker), "\(program.name): \(kind) forbids an SC state")
            }
        }
    }
}
