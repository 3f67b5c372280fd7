/// What one perpetual batch recorded: for each thread, every value its loads returned, iteration
/// after iteration (`records[thread][iteration * recordsPerIteration[thread] + slot]`).
public struct PerpetualRecording: Sendable {
    public var iterations: Int
    public var records: [[Int]]

    public init(iterations: Int, records: [[Int]]) {
        self.iterations = iterations
        self.records = records
    }

    /// An all-zero recording (every load saw the initial value) sized for `shape`.
    public init(iterations: Int, shape: PerpetualShape) {
        self.iterations = iterations
        self.records = shape.recordsPerIteration.map { Array(repeating: 0, count: $0 * iterations) }
    }
}
