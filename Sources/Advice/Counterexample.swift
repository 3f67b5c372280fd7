import Litmus
import LitmusSyntax
import Models

/// An execution that reaches the outcome although some changes were made, reduced to what a
/// further change must touch to forbid it: its program-order steps on a cycle of
/// po ∪ rf ∪ co ∪ fr, placed in the original source (byte offsets, edits undone).
///
/// Every axiom of our models forbids an execution through such a cycle, and a fence or a
/// stronger access only adds ordering between accesses on either side of it; so a change that
/// no step straddles (a fence) or starts or ends at (an access) leaves the execution allowed.
/// A set of changes whose changes touching these steps are all implied by the failed set
/// therefore fails too, and is not checked.
struct Counterexample {
    struct Step: Hashable {
        var thread: Int
        var from: Int, to: Int
    }

    var steps: Set<Step>

    /// The counterexamples of a failed check of `edited` (the source with `edits` made).
    static func from(_ result: CheckResult, edited: SourceText, edits: [SourceEdit]) -> [Counterexample] {
        let wanted = result.program.condition.quantifier != .forall
        return result.states.filter { $0.satisfiesCondition == wanted }.compactMap { result.execution(for: $0.state) }.map { x in
            var steps = Set<Step>()
            for step in FixSites.cycleSteps(x) {
                guard let a = x.events[step.a].origin?.location, let b = x.events[step.b].origin?.location,
                      let na = edited.offset(a), let nb = edited.offset(b) else { continue }
                steps.insert(Step(thread: x.events[step.a].thread, from: original(na, edits), to: original(nb, edits)))
            }
            return Counterexample(steps: steps)
        }
    }

    /// Whether `change` can add ordering to one of the steps.
    func isTouched(by change: Change) -> Bool {
        switch change.slot {
        case let .gap(thread, offset):
            return steps.contains { $0.thread == thread && $0.from < offset && offset <= $0.to }
        case let .access(thread, offset):
            switch change.option {
            case .acquire: return steps.contains { $0.thread == thread && $0.from == offset }
            case .release: return steps.contains { $0.thread == thread && $0.to == offset }
            default: return steps.contains { $0.thread == thread && ($0.from == offset || $0.to == offset) }
            }
        }
    }

    /// Whether `candidate` leaves this execution allowed for sure: every change of it that
    /// touches a step is implied by a change of `failed`, the set this counterexample came from.
    func survives(_ candidate: Candidate, failed: Candidate) -> Bool {
        candidate.changes.allSatisfy { c in !isTouched(by: c) || failed.changes.contains { $0.subsumes(c) } }
    }

    /// The offset in the original text of `offset` in the edited one (inside a replacement:
    /// where the replaced text started).
    static func original(_ offset: Int, _ edits: [SourceEdit]) -> Int {
        var shift = 0
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let start = edit.range.lowerBound + shift
            if offset < start { return offset - shift }
            if offset < start + edit.replacement.utf8.count { return edit.range.lowerBound }
            shift += edit.replacement.utf8.count - edit.range.count
        }
        return offset - shift
    }
}
