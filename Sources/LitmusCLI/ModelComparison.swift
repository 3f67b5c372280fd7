import Advice
import CatModels
import Harness
import Litmus
import LitmusSyntax
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

    /// What a `--check` pass needs: the overlap, and, when this CPU's model allows the
    /// condition once every barrier is gone, that barrier-free variant showing it.
    static func evidence(for program: Program, minOverlap: Double, ablate: Bool) -> Evidence {
        var evidence = Evidence(minOverlap: minOverlap)
        let all = program.barriers
        if ablate || all.isEmpty, let cpu = HostCPU.model {
            let free = all.isEmpty ? program : program.removing(all)
            if ModelVerdicts.check(free, models: [cpu]).allowsCondition(under: cpu) == true { evidence.mustWitness = all }
        }
        return evidence
    }

    /// A test for the classroom: the test and each of its barrier variants under `models`.
    /// `macros`: the `.def` the test was read through; each fix is checked through it too.
    static func explanation(_ program: Program, source: String, file: String, models: [ModelKind],
                            macros: MacroDefinitions? = nil) -> TestExplanation {
        let shown = ModelKind.allCases.filter(models.contains)
        var explanation = TestExplanation(
            program: program, source: source, file: file, models: models,
            verdicts: ModelVerdicts.check(program, models: TestExplanation.checkedModels(models)),
            barrierVerdicts: program.barrierVariants.dropFirst().map {
                (removed: $0.removed, verdicts: ModelVerdicts.check($0.program, models: shown))
            })
        // "What forbids it" is only ever a computed, checked fix.
        explanation.fixes = FixSearch.reports(source: source, file: file, models: models, macros: macros)
        return explanation
    }

    /// Every test of a directory with its verdicts; without a directory, litmus/ when there is
    /// one here, else the tests built into the binary.
    static func catalogue(directory: String?, models: [ModelKind], macros: MacroDefinitions? = nil) throws -> Catalogue {
        let verdicts: ([ModelKind], Program) -> ModelVerdicts = { ModelVerdicts.check($1, models: $0) }
        guard let directory = directory ?? (ListCommand.isDirectory("litmus") ? "litmus" : nil) else {
            return Catalogue.load(
                sources: BundledCatalogue.tests, directory: "the catalogue built into litmus",
                pathPrefix: TestFile.bundledPrefix, models: models, macros: macros, verdicts: verdicts)
        }
        return try Catalogue.load(directory: directory, models: models, macros: macros, verdicts: verdicts)
    }

    /// A test under a model read from files, and each of its barrier variants.
    static func explanation(_ program: Program, under model: CatModel) throws(ModelError) -> FileModelExplanation {
        let result = try ModelChecker.check(program, using: model.bound(to: program))
        let variants = program.barrierVariants.dropFirst().map { variant in
            (removed: variant.removed, allows: (try? ModelChecker.check(variant.program, using: model.bound(to: variant.program))).map { $0.positive > 0 })
        }
        return FileModelExplanation(result: result, variants: variants, programOrder: programOrder(program, under: model))
    }

    /// SC's cycle for the outcome (when SC forbids it), each program-order step with the
    /// relations of the model's files that contain it, smallest first (the most specific).
    static func programOrder(_ program: Program, under model: CatModel) -> [(from: String, to: String, orderedBy: [String])] {
        guard let sc = try? ModelChecker.check(program, model: .sc), sc.positive == 0,
              let cycle = sc.conditionExplanation, cycle.kind != .empty else { return [] }
        let x = cycle.execution
        let defined = model.bound(to: program).definedRelations(x)
        let steps = cycle.steps
        return steps.indices.compactMap { i in
            guard steps[i].edge == "po" || steps[i].edge == "po-loc" else { return nil }
            let a = steps[i].event, b = steps[(i + 1) % steps.count].event
            let names = defined.filter { $0.relation.contains(a, b) }.sorted { $0.relation.count < $1.relation.count }.map(\.name)
            return (Explanation.describe(a, x, program), Explanation.describe(b, x, program), names)
        }
    }

    /// The verdict column of a model read from files, for each catalogue entry.
    static func addColumn(_ model: CatModel, to catalogue: inout Catalogue) {
        catalogue.fileModels.append(model.name)
        for i in catalogue.entries.indices {
            guard let program = catalogue.entries[i].verdicts?.program else { continue }
            let verdict = (try? ModelChecker.check(program, using: model.bound(to: program)))?.verdict.rawValue ?? "gave up"
            catalogue.entries[i].fileModelVerdicts.append(verdict)
        }
    }
}
