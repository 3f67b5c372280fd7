import Litmus

/// What one variant of a test did on the hardware. Pure data; reports format it.
public struct VariantResult: Hashable, Sendable {
    /// Barriers removed for this variant (empty: the test as written).
    public var removed: [BarrierSite]
    /// Iterations counted in the histogram (its total, always).
    public var iterations: Int
    public var histogram: [FinalState: Int]
    /// Iterations whose state satisfies the condition's proposition.
    public var witnesses: Int
    public var seconds: Double
    /// Iterations dropped because a loop or lock wait ran out of budget (or an address was bad).
    public var abandoned: Int
    /// Iterations dropped by the test's `filter`.
    public var filteredOut: Int
    /// What went wrong in the run, one sentence each (bad addresses, threads that never
    /// finished an iteration).
    public var problems: [String] = []
    /// Set for perpetual runs: `witnesses` and `histogram` then count instances found.
    public var perpetual: PerpetualDetails? = nil
    /// How often the threads' iterations overlapped in time; nil when not measured (one
    /// worker, perpetual mode). With retries: the best attempt's.
    public var overlap: Overlap? = nil
    /// Earlier runs of this variant, when the harness retried it (see ``Attempt``); the
    /// histogram and counts above include theirs.
    public var attempts: [Attempt] = []

    public init(
        removed: [BarrierSite], iterations: Int, histogram: [FinalState: Int], witnesses: Int,
        seconds: Double, abandoned: Int = 0, filteredOut: Int = 0
    ) {
        self.removed = removed
        self.iterations = iterations
        self.histogram = histogram
        self.witnesses = witnesses
        self.seconds = seconds
        self.abandoned = abandoned
        self.filteredOut = filteredOut
    }

    /// Builds a result from a histogram, counting iterations and witnesses of `program`'s condition.
    public init(
        program: Program, removed: [BarrierSite], histogram: [FinalState: Int], seconds: Double,
        abandoned: Int = 0, filteredOut: Int = 0
    ) {
        let proposition = program.condition.proposition
        self.init(
            removed: removed, iterations: histogram.values.reduce(0, +), histogram: histogram,
            witnesses: histogram.reduce(0) { $0 + ($1.key.satisfies(proposition) ? $1.value : 0) },
            seconds: seconds, abandoned: abandoned, filteredOut: filteredOut)
    }

    /// Never / Sometimes / Always, by how many iterations satisfied the proposition.
    public var verdict: Verdict {
        if witnesses == 0 { return .never }
        if perpetual != nil { return .sometimes }  // instances are not iterations: no "always"
        return witnesses == iterations ? .always : .sometimes
    }

    public var iterationsPerSecond: Double { seconds > 0 ? Double(iterations) / seconds : 0 }
}

/// How often the worker threads' iterations overlapped in time, from a cycle-counter stamp
/// at the start and end of each worker's iteration: evidence that the threads raced.
public struct Overlap: Hashable, Sendable {
    /// Iterations stamped, and those in which every worker's iteration overlapped the others'.
    public var measured: Int
    public var overlapped: Int

    public init(measured: Int, overlapped: Int) {
        self.measured = measured
        self.overlapped = overlapped
    }

    /// 0...1; 0 when nothing was measured.
    public var fraction: Double { measured > 0 ? Double(overlapped) / Double(measured) : 0 }
}

/// One run of a variant when the harness tried more than once to see the threads race or
/// the condition show (``TestRunner/run(_:evidence:shouldStop:progress:)``).
public struct Attempt: Hashable, Sendable {
    /// What was changed for this attempt, e.g. `as before` or `sync lockstep, 4x iterations`.
    public var how: String
    public var iterations: Int
    public var witnesses: Int
    public var overlap: Overlap?

    public init(how: String, iterations: Int, witnesses: Int, overlap: Overlap?) {
        self.how = how
        self.iterations = iterations
        self.witnesses = witnesses
        self.overlap = overlap
    }
}

/// A test's run: the setup used and each variant's result, the test as written first.
public struct TestRunResult: Hashable, Sendable {
    public var program: Program
    public var setup: RunSetup
    public var variants: [VariantResult]
    /// True when Ctrl-C stopped the run; the last variant is then partial.
    public var interrupted: Bool
    /// Things the user should know (threads sharing CPUs, pinning unsupported...).
    public var notes: [String]
    /// Why the run stopped early, when no iteration ever completed (the notes say it too).
    public var gaveUp: String? = nil
    /// The barriers removed by each variant the run meant to run, in order (an interrupted
    /// run ran only some of them).
    public var planned: [[BarrierSite]] = []

    public init(program: Program, setup: RunSetup, variants: [VariantResult], interrupted: Bool = false, notes: [String] = []) {
        self.program = program
        self.setup = setup
        self.variants = variants
        self.interrupted = interrupted
        self.notes = notes
    }
}
