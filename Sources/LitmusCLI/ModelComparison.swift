import Advice
import Harness
import Litmus
import Models
import Reports

/// The comparison step: runs the models over what a report shows and hands the verdicts to
/// `Reports`, which only formats. Data flows one way: CLI → Harness/Models → Reports.
enum ModelComparison {
    /// A run next to every model, variant by variant.
    static func report(_ run: TestRunResult, file: String?, options: CheckOptions = CheckOptions()) -> RunReport {
        let models = RunReport.checkedModels(ModelKind.allCases, cpuModel: HostCPU.model)
        let verdicts = RunReport.programs(of: run).map { ModelVerdicts.check($0, models: models, options: options) }
        return RunReport(run: run, file: file, verdicts: verdicts)
    }

    /// A test for the classroom: the test and each of its barrier variants under `models`.
    static func explanation(_ program: Program, source: String, file: String, models: [ModelKind]) -> TestExplanation {
        let shown = ModelKind.allCases.filter(models.contains)
        var explanation = TestExplanation(
            program: program, source: source, file: file, models: models,
            verdicts: ModelVerdicts.check(program, models: TestExplanation.checkedModels(models)),
            barrierVerdicts: program.barrierVariants.dropFirst().map {
                (removed: $0.removed, verdicts: ModelVerdicts.check($0.program, models: shown))
            })
        // "What forbids it" is only ever a computed, checked fix.
        explanation.fixes = FixSearch.reports(source: source, file: file, models: models)
        return explanation
    }

    /// Every test of a directory with its verdicts.
    static func catalogue(directory: String, models: [ModelKind]) throws -> Catalogue {
        try Catalogue.load(directory: directory, models: models) { ModelVerdicts.check($1, models: $0) }
    }
}
