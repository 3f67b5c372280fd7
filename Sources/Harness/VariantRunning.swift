import Litmus

// The harness's vocabulary: a *runner* runs the variants of a test in one mode
// (``SynchronisedRunner``, ``PerpetualRunner``), ``TestRunner`` runs a test and its ablation
// variants with one; a *session* is the memory and workers of one variant's run; *parameters*
// are what the user asked (``RunParameters``), the *setup* what a run used (``RunSetup``).
// Threads are positions: the parser guarantees P0…Pn in order, so `Program.threads[t]` is `Pt`.

/// One variant's run: its result, and what happened on the way.
public struct VariantRun: Sendable {
    public var result: VariantResult
    /// Ctrl-C (or `shouldStop`) ended it early; `result` holds the batches completed.
    public var interrupted: Bool
    /// Whether every worker thread got pinned to its CPU.
    public var pinned: Bool
    /// No iteration of the first batch completed: the run stopped there (see `result.problems`).
    public var gaveUp: Bool

    public init(result: VariantResult, interrupted: Bool, pinned: Bool, gaveUp: Bool = false) {
        self.result = result
        self.interrupted = interrupted
        self.pinned = pinned
        self.gaveUp = gaveUp
    }
}

/// Something that runs test variants: the hardware, or a fake in tests.
public protocol VariantRunning: Sendable {
    /// Decides CPUs, placement and the rest for `program` (shared by all its variants).
    func setup(for program: Program, parameters: RunParameters) throws(HarnessError) -> RunSetup
    /// Runs one variant; `shouldStop` is polled at batch boundaries.
    func run(_ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool) throws(HarnessError) -> VariantRun
}
