import Litmus

/// What each memory model says about one program (a test or one of its barrier variants).
public struct ModelVerdicts: Sendable {
    public var program: Program
    /// The models asked, in the order asked.
    public var models: [ModelKind]
    public var results: [ModelKind: CheckResult]
    /// Models that gave up (state explosion, unsupported construct), with the reason.
    public var failures: [ModelKind: String]

    public init(program: Program, models: [ModelKind], results: [ModelKind: CheckResult], failures: [ModelKind: String] = [:]) {
        self.program = program
        self.models = models
        self.results = results
        self.failures = failures
    }

    /// Checks `program` under each of `models`; a model that gives up is recorded, not thrown.
    public static func check(
        _ program: Program, models: [ModelKind] = ModelKind.allCases, options: CheckOptions = CheckOptions()
    ) -> ModelVerdicts {
        var results: [ModelKind: CheckResult] = [:]
        var failures: [ModelKind: String] = [:]
        for model in models {
            do throws(ModelError) {
                results[model] = try ModelChecker.check(program, model: model, options: options)
            } catch {
                failures[model] = error.description
            }
        }
        return ModelVerdicts(program: program, models: models, results: results, failures: failures)
    }

    /// Whether `model` allows a final state; nil when the model was not run or gave up.
    public func allows(_ state: FinalState, under model: ModelKind) -> Bool? {
        guard let result = results[model] else { return nil }
        return result.states.contains { $0.state == state }
    }

    /// Whether `model` allows some execution satisfying the condition's proposition.
    public func allowsCondition(under model: ModelKind) -> Bool? {
        results[model].map { $0.positive > 0 }
    }

    /// herd7's observation word for the condition under `model`.
    public func verdict(under model: ModelKind) -> Verdict? { results[model]?.verdict }
}
