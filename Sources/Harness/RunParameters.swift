/// How test locations are placed in memory, per iteration.
public enum LocationLayout: String, Hashable, Sendable, CaseIterable {
    /// Every location of every iteration on its own cache line (no false sharing).
    case line
    /// The locations of one iteration side by side in one cache line.
    case packed
    /// One array per location, iterations side by side (litmus7's plain arrays).
    case array
}

/// How the threads line up before each iteration.
public enum Synchronisation: Hashable, Sendable {
    /// Each thread publishes its iteration number and waits (boundedly) until every other
    /// thread is at most `slack` iterations behind, so iterations overlap in time.
    case iteration(slack: Int)
    /// No per-iteration wait; threads meet only at batch boundaries.
    case none

    /// Measured best for SB witnesses on a 2-CPU x86-64 (scripts/bench-harness).
    public static let `default` = Synchronisation.iteration(slack: 2)

    /// `slack:N` or `none`, as printed and as `--sync` accepts.
    public var description: String {
        switch self {
        case let .iteration(slack): return "slack:\(slack)"
        case .none: return "none"
        }
    }

    /// Also litmus7's names: `user` (a barrier before every iteration) is `slack:0`.
    public init?(argument: String) {
        if argument == "none" { self = .none; return }
        if argument == "user" { self = .iteration(slack: 0); return }
        let parts = argument.split(separator: ":")
        guard parts.count == 2, parts[0] == "slack", let slack = Int(parts[1]), slack >= 0 else { return nil }
        self = .iteration(slack: slack)
    }
}

/// What a run was asked for. `nil` fields take the harness defaults.
public struct RunParameters: Hashable, Sendable {
    public static let defaultIterations = 1_000_000
    public static let defaultBatchSize = 10_000
    /// Packed beat one line per location for SB witnesses here (about 27% against 5-15%).
    public static let defaultLayout = LocationLayout.packed

    public var iterations: Int
    /// Iterations whose locations are allocated at once; each gets fresh locations.
    public var batchSize: Int
    /// CPUs to run on; nil means every CPU this process may use.
    public var cpus: [Int]?
    /// Use only the first this many of those CPUs (litmus7's `-a`); nil for all.
    public var firstCPUs: Int?
    public var layout: LocationLayout
    /// Visit the iterations' slots in a random order, and shuffle locations within a line.
    public var shuffle: Bool
    public var synchronisation: Synchronisation
    /// Seed for `shuffle`, so a run can be repeated.
    public var seed: UInt64

    public init(
        iterations: Int = RunParameters.defaultIterations, batchSize: Int = RunParameters.defaultBatchSize,
        cpus: [Int]? = nil, firstCPUs: Int? = nil, layout: LocationLayout = RunParameters.defaultLayout,
        shuffle: Bool = false, synchronisation: Synchronisation = .default, seed: UInt64 = 1
    ) {
        self.firstCPUs = firstCPUs
        self.iterations = iterations
        self.batchSize = batchSize
        self.cpus = cpus
        self.layout = layout
        self.shuffle = shuffle
        self.synchronisation = synchronisation
        self.seed = seed
    }

    func validate() throws(HarnessError) {
        guard iterations > 0 else { throw .invalidParameter("the iteration count must be positive (got \(iterations))") }
        guard batchSize > 0 else { throw .invalidParameter("the batch size must be positive (got \(batchSize))") }
        guard batchSize <= 100_000_000 else { throw .invalidParameter("the batch size must be at most 100M (got \(batchSize))") }
        if let cpus, cpus.isEmpty { throw .invalidParameter("the CPU list is empty") }
        if let cpus, Set(cpus).count != cpus.count { throw .invalidParameter("the CPU list names a CPU twice") }
        if let firstCPUs, firstCPUs <= 0 { throw .invalidParameter("-a expects a positive CPU count") }
    }
}

/// The parameters a run actually used, as reports print them.
public struct RunSetup: Hashable, Sendable {
    public var iterations: Int
    public var batchSize: Int
    /// The CPU each worker ran on, in worker order.
    public var cpus: [Int]
    /// Whether threads were pinned (false where the system cannot pin, e.g. macOS).
    public var pinned: Bool
    public var layout: LocationLayout
    public var shuffle: Bool
    public var synchronisation: Synchronisation
    /// Test threads run by each worker (one worker per CPU), e.g. `[[0, 2], [1, 3]]`.
    public var placement: [[Int]]
    public var seed: UInt64
    /// Set for perpetual (sync-free) runs, whose counts are instances found, not iterations.
    public var perpetual: PerpetualSetup? = nil
    /// A worker whose partner is descheduled waits for it (yielding the CPU) instead of running
    /// on alone: slower under load, but every iteration then overlaps. Set by retries.
    public var lockstep = false

    public init(
        iterations: Int, batchSize: Int, cpus: [Int], pinned: Bool, layout: LocationLayout,
        shuffle: Bool, synchronisation: Synchronisation, placement: [[Int]], seed: UInt64 = 1
    ) {
        self.seed = seed
        self.iterations = iterations
        self.batchSize = batchSize
        self.cpus = cpus
        self.pinned = pinned
        self.layout = layout
        self.shuffle = shuffle
        self.synchronisation = synchronisation
        self.placement = placement
    }

    /// True when some CPU runs more than one test thread.
    public var threadsShareCPUs: Bool { placement.contains { $0.count > 1 } }
}
