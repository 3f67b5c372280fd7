import Barriers
import Litmus

/// How a run was made perpetual, as reports print it.
public struct PerpetualSetup: Hashable, Sendable {
    public var decoding: PerpetualDecoding
    /// The linear heuristic's reach, in iterations.
    public var window: Int

    public init(decoding: PerpetualDecoding = .automatic, window: Int = 4) {
        self.decoding = decoding
        self.window = window
    }
}

/// What decoding a perpetual variant involved.
public struct PerpetualDetails: Hashable, Sendable {
    /// How the condition's instances were counted, e.g. `exact (2-D dominance, N log N)`.
    public var method: PerpetualMethod
    /// Time spent decoding, apart from `VariantResult.seconds` (the free-running batches).
    public var decodeSeconds: Double
    /// CPU time of the decoding (wall time above also counts waiting for a loaded CPU).
    public var decodeCPUSeconds: Double = 0
    /// CPU time of the test threads' free-running batches: the decoding keeps up with the
    /// cores when `decodeCPUSeconds` is below it.
    public var runCPUSeconds: Double = 0
    /// Threads that decoded each batch (after its test threads stopped).
    public var decodeThreads: Int = 1
    /// Coherence between writers came from observer loads: counts are lower bounds.
    public var fromObservers: Bool
    /// Locations that got an observer load at the end of each writing thread.
    public var observedLocations: [String]
    /// Recorded values no store wrote (torn or stray values; should be 0).
    public var strayValues: Int
    /// Histogram states counted by the linear heuristic (lower bounds), not exactly.
    public var heuristicStates: Int
    /// Histogram states whose count passed `Int.max` and stays there (lower bounds).
    public var saturatedStates: Int = 0
    /// Writer iterations, and those the readers of their locations were reading through
    /// (from the earliest to the latest write read); nil: no load reads another thread's writes.
    public var overlap: Overlap?

    /// How the histogram's states were counted (first batch): method and number of states,
    /// most states first.
    public var stateMethods: [StateMethod] = []

    /// A counting method and how many of the histogram's states it counted.
    public struct StateMethod: Hashable, Sendable {
        public var method: PerpetualMethod
        public var states: Int

        public init(method: PerpetualMethod, states: Int) {
            self.method = method
            self.states = states
        }
    }

    /// CPUs that decoded each batch while the next one ran; empty: streaming was off (every
    /// CPU had a test thread); nil: one batch, nothing to stream.
    public var streamingCPUs: [Int]?

    /// The threads never ran at the same time as far as the recorded values show: every
    /// count is then an artefact of threads running one after the other.
    public var neverOverlapped: Bool { overlap.map { $0.measured > 0 && $0.overlapped == 0 } ?? false }

    public init(
        method: PerpetualMethod, decodeSeconds: Double, fromObservers: Bool, observedLocations: [String],
        strayValues: Int, heuristicStates: Int = 0
    ) {
        self.heuristicStates = heuristicStates
        self.method = method
        self.decodeSeconds = decodeSeconds
        self.fromObservers = fromObservers
        self.observedLocations = observedLocations
        self.strayValues = strayValues
    }
}

/// The perpetual mode (`litmus run --perpetual`): runs variants with ``PerpetualEngine``, so
/// ablation and reports work as for synchronised runs.
public struct PerpetualRunner: VariantRunning {
    public var pinning: any ThreadPinning
    public var perpetual: PerpetualSetup

    public init(pinning: any ThreadPinning = SystemThreadPinning(), perpetual: PerpetualSetup = PerpetualSetup()) {
        self.pinning = pinning
        self.perpetual = perpetual
    }

    public func setup(for program: Program, parameters: RunParameters) throws(HarnessError) -> RunSetup {
        _ = try shape(program)
        var setup = try SynchronisedRunner(pinning: pinning).setup(for: program, parameters: parameters)
        setup.perpetual = perpetual
        setup.synchronisation = .none
        setup.placement = PerpetualEngine.placement(for: try shape(program), workers: setup.placement.count)
        return setup
    }

    public func run(
        _ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool
    ) throws(HarnessError) -> VariantRun {
        let shape = try shape(variant.program)
        let engine = PerpetualEngine(pinning: pinning, decoding: perpetual.decoding, window: perpetual.window)
        let run = try engine.run(shape, iterations: setup.iterations, batchSize: setup.batchSize,
                                 cpus: setup.cpus, placement: setup.placement, shouldStop: shouldStop)
        var result = VariantResult(
            removed: variant.removed, iterations: run.iterations, histogram: run.outcomes.filter { $0.value > 0 },
            witnesses: run.condition.instances, seconds: run.runSeconds)
        result.overlap = run.overlap
        result.perpetual = PerpetualDetails(
            method: run.condition.method, decodeSeconds: run.decodeSeconds, fromObservers: run.condition.fromObservers,
            observedLocations: shape.observedLocations.map { variant.program.variables[$0].name },
            strayValues: run.strayValues, heuristicStates: run.heuristicStates.count)
        result.perpetual?.decodeCPUSeconds = run.decodeCPUSeconds
        result.perpetual?.runCPUSeconds = run.runCPUSeconds
        result.perpetual?.decodeThreads = run.decodeThreads
        result.perpetual?.saturatedStates = run.saturatedStates.count
        result.perpetual?.overlap = run.overlap
        result.perpetual?.streamingCPUs = run.batches > 1 ? run.streamingCPUs : nil
        result.perpetual?.stateMethods = run.stateMethods.map { PerpetualDetails.StateMethod(method: $0.key, states: $0.value) }
            .sorted { ($0.states, $1.method.description) > ($1.states, $0.method.description) }
        return VariantRun(result: result, interrupted: run.interrupted, pinned: run.pinned)
    }

    private func shape(_ program: Program) throws(HarnessError) -> PerpetualShape {
        do {
            return try PerpetualShape(program: program)
        } catch {
            throw .perpetualUnsupported("\(program.name): \(error.description)")
        }
    }
}

@available(*, deprecated, renamed: "PerpetualRunner")
public typealias PerpetualVariantRunner = PerpetualRunner
