import Litmus

/// What a run must show before `--check` may call it a pass, and how hard to try for it:
/// the threads raced (their iterations overlapped in time), and, when the CPU's own model
/// allows the condition without barriers, the barrier-free variant showed it.
public struct Evidence: Hashable, Sendable {
    /// Overlap the test as written must reach (0...1).
    public var minOverlap: Double
    /// The barriers whose removal gives a variant that should show the condition on this CPU
    /// (all of them, when the CPU's model allows it then); nil when nothing must be seen.
    public var mustWitness: [BarrierSite]?
    /// Further runs of a variant that lacks its evidence, each changed as ``retryPlan`` says.
    public var retries: Int

    /// Measured on a 2-CPU x86-64 (see the README): threads run one after the other showed
    /// 0-7%, a machine loaded by compilers 6-29%, lockstep retries under load about 40%.
    public static let defaultMinOverlap = 0.1

    public init(minOverlap: Double = Evidence.defaultMinOverlap, mustWitness: [BarrierSite]? = nil, retries: Int = 2) {
        self.minOverlap = minOverlap
        self.mustWitness = mustWitness
        self.retries = retries
    }

    /// Whether `result` (the variant removing `result.removed`) has what it needs.
    public func isSatisfied(by result: VariantResult) -> Bool {
        if result.removed.isEmpty, let overlap = result.overlap, overlap.fraction < minOverlap { return false }
        if let sites = mustWitness, Set(sites) == Set(result.removed), result.witnesses == 0 { return false }
        return true
    }

    /// Attempt `k` (1 = the first retry): what changes, and the setup it runs with. A worker
    /// whose partner was descheduled waits for it instead of running on alone (lockstep);
    /// the last attempt also runs longer, for a rare outcome.
    static func retryPlan(_ k: Int, base: RunSetup) -> (how: String, setup: RunSetup) {
        var setup = base
        setup.lockstep = true
        guard k > 1 else { return ("retry in lockstep (wait for descheduled partners)", setup) }
        setup.iterations = base.iterations * 4
        setup.seed = base.seed &+ UInt64(k)
        return ("retry in lockstep, 4x iterations", setup)
    }
}

extension VariantResult {
    /// Adds another run of the same variant: histograms and counts add up, so a forbidden
    /// state seen in any attempt stays in the result; the overlap kept is the best attempt's.
    mutating func absorb(_ other: VariantResult, how: String) {
        if attempts.isEmpty {
            attempts.append(Attempt(how: "first run", iterations: iterations, witnesses: witnesses, overlap: overlap))
        }
        attempts.append(Attempt(how: how, iterations: other.iterations, witnesses: other.witnesses, overlap: other.overlap))
        for (state, count) in other.histogram { histogram[state, default: 0] += count }
        iterations += other.iterations
        witnesses += other.witnesses
        seconds += other.seconds
        abandoned += other.abandoned
        filteredOut += other.filteredOut
        for problem in other.problems where !problems.contains(problem) { problems.append(problem) }
        if let theirs = other.overlap, theirs.fraction > (overlap?.fraction ?? -1) { overlap = theirs }
    }
}
