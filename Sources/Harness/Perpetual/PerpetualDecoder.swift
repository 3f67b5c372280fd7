import Litmus

/// Recovers outcomes from a perpetual recording: how many instances (one iteration per involved
/// thread) satisfy the test's condition, and each possible final state.
public struct PerpetualDecoder: Sendable {
    public let shape: PerpetualShape
    public let condition: PerpetualTarget
    public var decoding: PerpetualDecoding
    /// The linear heuristic's reach, in iterations.
    public var window: Int
    /// Above this many candidate instances, exact enumeration gives way to the heuristic.
    public var budget: Int
    /// Count every final state too, not only the condition.
    public var countsOutcomes: Bool

    public init(
        shape: PerpetualShape, decoding: PerpetualDecoding = .automatic,
        window: Int = 4, budget: Int = 50_000_000, countsOutcomes: Bool = true
    ) throws(PerpetualRefusal) {
        self.shape = shape
        self.condition = try PerpetualTarget(condition: shape.program.condition, shape: shape)
        self.decoding = decoding
        self.window = window
        self.budget = budget
        self.countsOutcomes = countsOutcomes
    }

    public struct Count: Hashable, Sendable {
        public var instances: Int
        public var method: PerpetualMethod
        /// Coherence between threads came from observer loads, which may miss some: a lower bound.
        public var fromObservers: Bool
    }

    public struct Result: Sendable {
        public var condition: Count
        /// Each final state perpetual runs can produce, in herd7's order.
        public var outcomes: [(state: FinalState, count: Count)]
        /// Recorded values no store of the run writes (torn or stray values).
        public var strayValues: Int
    }

    public func count(_ target: PerpetualTarget, in recording: PerpetualRecording) -> Count {
        count(target, in: PerpetualBatch(shape: shape, recording: recording))
    }

    func count(_ target: PerpetualTarget, in batch: PerpetualBatch, cheap: Bool = false) -> Count {
        let constraints = PerpetualConstraints(target: target, batch: batch)
        // The other states only fill the histogram: keep their decoding cheap.
        // (`.exact` asked for: every state exact within the budget.)
        let counter = cheap && decoding == .automatic
            ? PerpetualCounter(decoding: decoding, budget: min(budget, batch.iterations), window: 0)
            : PerpetualCounter(decoding: decoding, budget: budget, window: window)
        let (instances, method) = counter.count(constraints)
        return Count(instances: instances, method: method, fromObservers: constraints.usesObservers)
    }

    public func decode(_ recording: PerpetualRecording) -> Result {
        let batch = PerpetualBatch(shape: shape, recording: recording)
        let outcomes = countsOutcomes
            ? PerpetualTarget.outcomes(of: shape).map { ($0.state, $0.target, count($0.target, in: batch, cheap: true)) }
            : []
        // The condition is often exactly one of the states: count it once.
        let same = outcomes.first {
            Set($0.1.atoms) == Set(condition.atoms) && !condition.isUnsatisfiable && $0.2.method.isExact
        }
        return Result(condition: same?.2 ?? count(condition, in: batch), outcomes: outcomes.map { ($0.0, $0.2) },
                      strayValues: batch.strayValues)
    }
}
