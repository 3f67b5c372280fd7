import Litmus
import Models

/// What the hardware did for one variant of a test: the histogram of final states.
///
/// Reports take this plain value rather than the harness's own result type, so tests can
/// feed them fake hardware results (including states a model forbids).
public struct ObservedVariant: Sendable {
    /// Barriers removed (empty: the test as written).
    public var removed: [BarrierSite]
    /// The variant as run: the test with `removed` taken out.
    public var program: Program
    public var histogram: [FinalState: Int]
    public var seconds: Double

    public init(removed: [BarrierSite], program: Program, histogram: [FinalState: Int], seconds: Double) {
        self.removed = removed
        self.program = program
        self.histogram = histogram
        self.seconds = seconds
    }

    /// The histogram's total: every iteration lands in exactly one state.
    public var iterations: Int { histogram.values.reduce(0, +) }

    /// Iterations whose state satisfies the condition's proposition.
    public var witnesses: Int {
        histogram.reduce(0) { $0 + ($1.key.satisfies(program.condition.proposition) ? $1.value : 0) }
    }

    /// Never / Sometimes / Always, as litmus7 words the observation.
    public var verdict: Verdict {
        let w = witnesses
        return w == 0 ? .never : w == iterations ? .always : .sometimes
    }

    /// `as written`, `without P0: smp_wmb()`, `without all 3 barriers`.
    public func label(totalBarriers: Int) -> String {
        if removed.isEmpty { return "as written" }
        if removed.count > 1 && removed.count == totalBarriers { return "without all \(removed.count) barriers" }
        return "without " + removed.map(\.description).joined(separator: ", ")
    }
}

/// One test's hardware run: the parameters used and every variant's histogram, the test as
/// written first.
public struct ObservedRun: Sendable {
    public var program: Program
    /// The file the test came from, as the user named it.
    public var file: String?
    public var variants: [ObservedVariant]
    /// The run parameters, as the JSON `parameters` object (stable key order).
    public var parameters: [(String, JSONValue)]
    /// The same parameters in one human line.
    public var parametersText: String
    /// What the user should know about the run (threads sharing CPUs...).
    public var notes: [String]
    /// Ctrl-C stopped the run; the last variant is partial.
    public var interrupted: Bool

    public init(
        program: Program, file: String? = nil, variants: [ObservedVariant],
        parameters: [(String, JSONValue)] = [], parametersText: String = "",
        notes: [String] = [], interrupted: Bool = false
    ) {
        self.program = program
        self.file = file
        self.variants = variants
        self.parameters = parameters
        self.parametersText = parametersText
        self.notes = notes
        self.interrupted = interrupted
    }
}
