import Litmus
import Models

/// A verified fix: the changes, their cost, the changed test and what the model now says.
public struct Fix: Sendable {
    public var changes: [Change]
    public var cost: Int
    /// The test's source with the changes made.
    public var source: String
    /// The changed test, checked: its condition's outcome is forbidden.
    public var result: CheckResult

    /// The axiom that now forbids the outcome, with its witness cycle.
    public var forbiddingAxiom: Explanation? { result.conditionExplanation }

    /// `smp_mb() in P2 and P3`-style one-liner: the changes' summaries joined.
    public var summary: String { changes.map(\.summary).joined(separator: "; ") }
}

/// A cheaper set of changes the search checked that leaves the outcome allowed.
public struct InsufficientChange: Sendable {
    public var changes: [Change]
    public var cost: Int
    public var result: CheckResult
}

/// What `litmus fix` found for one test under one model.
public struct FixReport: Sendable {
    public enum Status: Sendable {
        /// The model already forbids the outcome: nothing to fix.
        case alreadyForbidden
        /// SC allows it: an interleaving produces the outcome, so no ordering can forbid it.
        case allowedBySC
        /// Minimal fixes, all of the cheapest cost that works.
        case fixed([Fix])
        /// Nothing in the search space forbids it; the reason says why.
        case noFix(String)
    }

    public var name: String
    public var file: String
    /// The test's source as written (the diffs are against it).
    public var originalSource: String
    public var model: ModelKind
    public var costModel: CostModel
    public var status: Status
    /// The test as written, checked.
    public var original: CheckResult
    /// The places and options searched, in words.
    public var space: String
    /// Cheaper sets of changes that do not forbid the outcome (the instructive ones: a change
    /// on every place the first fix changes).
    public var insufficient: [InsufficientChange]
    /// Dependencies that would do instead of a fence or acquire (checked, but not written:
    /// a dependency must come from the code's own data flow).
    public var dependencyNotes: [String]
    /// Whether the fixes are the cheapest in the space (false when the search ran out of its
    /// budget and the fix was found greedily; ``limit`` says why).
    public var minimal = true
    public var limit: String?
    /// Model checks made (each a full check of one changed test).
    public var checks: Int
    public var seconds: Double

    public var fixes: [Fix] {
        if case let .fixed(fixes) = status { return fixes }
        return []
    }
}
