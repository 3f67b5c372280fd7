import Advice
import Foundation
import Litmus
import Models
import Testing
@testable import Reports

/// Every "what forbids it" line `explain` prints is a fact the model confirms: the test reads
/// the recommendations back from the printed text, makes each change in the source, parses
/// the result again and checks it (fixes must forbid the outcome, "not enough" ones must not).
@Suite struct ExplainAdviceTests {
    static let classic = ["iriw", "wrc", "sb", "lb", "r", "2+2w", "mp", "sb+xchg-relaxed"]

    /// A group of printed changes: a fix (numbered) or a "Not enough" attempt.
    struct Printed {
        var model: ModelKind
        var isFix: Bool
        var summaries: [String]
    }

    static func printedAdvice(_ text: String) -> [Printed] {
        var groups: [Printed] = []
        var model: ModelKind?
        for raw in text.split(separator: "\n").map(String.init) {
            if let m = ModelKind.allCases.first(where: { raw.hasPrefix("  " + $0.displayName + " ") }) { model = m }
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard let model else { continue }
            if line.hasPrefix("Not enough (checked") {
                groups.append(Printed(model: model, isFix: false, summaries: []))
            } else if let dot = line.firstIndex(of: "."), Int(line[..<dot]) != nil, line[line.index(after: dot)...].hasPrefix(" P") {
                groups.append(Printed(model: model, isFix: true, summaries: [String(line[line.index(dot, offsetBy: 2)...])]))
            } else if line.hasPrefix("and P"), !groups.isEmpty {
                groups[groups.count - 1].summaries.append(String(line.dropFirst(4)))
            } else if line.hasPrefix("P"), let last = groups.last, !last.isFix, last.summaries.isEmpty {
                groups[groups.count - 1].summaries.append(line)
            }
        }
        return groups
    }

    @Test(arguments: classic) func everyRecommendationIsConfirmedByTheModel(_ name: String) throws {
        let path = Support.path("classic/\(name).litmus")
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let program = try Program.parse(source: source, file: path)
        var explanation = Support.explanation(program: program, source: source, file: path, hostModel: nil)
        explanation.fixes = FixSearch.reports(source: source, file: path, models: ModelKind.allCases)
        let text = explanation.text()
        let printed = Self.printedAdvice(text)
        // Every model that allows the outcome (and SC does not) prints at least one fix.
        let allowing = ModelKind.allCases.filter { explanation.verdicts.allowsCondition(under: $0) == true && $0 != .sc }
        if explanation.verdicts.allowsCondition(under: .sc) == false {
            for model in allowing { #expect(printed.contains { $0.model == model && $0.isFix }, "\(name): no fix printed for \(model)") }
        }
        for group in printed {
            let report = try #require(explanation.fixes[group.model])
            let known = report.fixes.flatMap(\.changes) + report.insufficient.flatMap(\.changes)
            let changes = try group.summaries.map { summary in try #require(known.first { $0.summary == summary }, "\(summary)") }
            let changed = SourceText(source).applying(changes.map(\.edit))
            let result = try ModelChecker.check(try Program.parse(source: changed, file: "changed.litmus"), model: group.model)
            if group.isFix {
                #expect(result.positive == 0, "\(name) under \(group.model): \(group.summaries) printed as a fix")
            } else {
                #expect(result.positive > 0, "\(name) under \(group.model): \(group.summaries) printed as not enough")
            }
        }
        // No other sentence promises what a change would do.
        for line in text.split(separator: "\n") where !line.hasPrefix("How it would happen") {
            #expect(!line.contains(" would "), "\(name): \(line)")
        }
    }

    @Test func iriwUnderTheLKMMSaysReadFencesAreNotEnough() throws {
        let path = Support.path("classic/iriw.litmus")
        let source = try String(contentsOfFile: path, encoding: .utf8)
        var explanation = Support.explanation(program: try Program.parse(source: source, file: path), source: source, file: path, hostModel: nil)
        explanation.fixes = FixSearch.reports(source: source, file: path, models: [.lkmm, .armv8])
        let printed = Self.printedAdvice(explanation.text())
        let lkmmFix = try #require(printed.first { $0.model == .lkmm && $0.isFix })
        #expect(lkmmFix.summaries.allSatisfy { $0.contains("smp_mb()") })
        #expect(printed.contains { $0.model == .lkmm && !$0.isFix && $0.summaries.allSatisfy { $0.contains("smp_rmb()") } })
        let armFix = try #require(printed.first { $0.model == .armv8 && $0.isFix })
        #expect(armFix.summaries.allSatisfy { $0.contains("smp_rmb()") })
    }
}
