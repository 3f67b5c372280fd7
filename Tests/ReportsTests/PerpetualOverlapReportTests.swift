import Harness
import Testing
@testable import Reports

/// A perpetual run whose threads never overlapped must not read as a clean result.
@Suite struct PerpetualOverlapReportTests {
    func details(overlapped: Int?) -> PerpetualDetails {
        var details = PerpetualDetails(method: .exact(algorithm: "one chain, linear"), decodeSeconds: 0.1,
                                       fromObservers: false, observedLocations: [], strayValues: 0)
        details.overlap = overlapped.map { Overlap(measured: 2_000, overlapped: $0) }
        return details
    }

    @Test func neverOverlappedIsAWarningInTextAndJSON() throws {
        let alone = details(overlapped: 0)
        let lines = HardwareReport.perpetualDetailLines(alone)
        #expect(lines.contains { $0.hasPrefix("Warning: the threads never overlapped") && $0.contains("counts of 0 prove nothing") })
        var variant = VariantResult(removed: [], iterations: 1_000, histogram: [:], witnesses: 0, seconds: 0.01)
        variant.perpetual = alone
        let fields = Dictionary(uniqueKeysWithValues: HardwareReport.perpetualFields(variant))
        guard case .bool(true)? = fields["never_overlapped"] else { Issue.record("never_overlapped not true"); return }
        if case .string(let text)? = fields["warning"] { #expect(text.contains("never overlapped")) } else { Issue.record("no warning field") }
    }

    @Test func overlappingOrUnmeasuredRunsGiveNoWarning() {
        for overlapped in [1, 1_999, nil] as [Int?] {
            let racing = details(overlapped: overlapped)
            #expect(!HardwareReport.perpetualDetailLines(racing).contains { $0.contains("never overlapped") })
            var variant = VariantResult(removed: [], iterations: 1_000, histogram: [:], witnesses: 0, seconds: 0.01)
            variant.perpetual = racing
            let fields = Dictionary(uniqueKeysWithValues: HardwareReport.perpetualFields(variant))
            guard case .bool(false)? = fields["never_overlapped"], case .null? = fields["warning"] else {
                Issue.record("\(String(describing: overlapped)): a warning in the JSON"); continue
            }
        }
    }

    @Test func eachStatesMethodIsNamed() {
        var counted = details(overlapped: 5)
        counted.stateMethods = [.init(method: .exact(algorithm: "one chain, linear"), states: 3),
                                .init(method: .linear(window: 4), states: 1)]
        #expect(HardwareReport.perpetualDetailLines(counted).contains(
            "States counted by: exact (one chain, linear) (3); linear heuristic (iterations within ±4) (1)"))
        var variant = VariantResult(removed: [], iterations: 1_000, histogram: [:], witnesses: 0, seconds: 0.01)
        variant.perpetual = counted
        let fields = Dictionary(uniqueKeysWithValues: HardwareReport.perpetualFields(variant))
        guard case .array(let methods)? = fields["state_methods"], methods.count == 2,
              case .object(let first) = methods[0] else { Issue.record("no state_methods"); return }
        #expect(first.map(\.0) == ["method", "exact", "states"])
    }

    @Test func saturatedStatesAreSaidToBeLowerBounds() {
        var saturated = details(overlapped: 5)
        saturated.saturatedStates = 1
        #expect(HardwareReport.perpetualDetailLines(saturated).contains {
            $0.hasPrefix("1 of these states has more instances than a 64-bit count holds") && $0.hasSuffix("a lower bound)")
        })
        saturated.saturatedStates = 3
        #expect(HardwareReport.perpetualDetailLines(saturated).contains {
            $0.hasPrefix("3 of these states have more instances") && $0.hasSuffix("lower bounds)")
        })
    }
}
