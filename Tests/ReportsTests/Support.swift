import Foundation
import Harness
import Litmus
import Models
@testable import Reports

/// Fixtures and fake hardware results: the seam through which reports are tested without cores.
enum Support {
    // Reports only formats: these run the models first, as the CLI's comparison step does.

    static func report(run: TestRunResult, file: String? = nil, cpuModel: ModelKind?, architecture: String) -> RunReport {
        let checked = RunReport.checkedModels(ModelKind.allCases, cpuModel: cpuModel)
        return RunReport(run: run, file: file, cpuModel: cpuModel, architecture: architecture,
                         verdicts: RunReport.programs(of: run).map { ModelVerdicts.check($0, models: checked) })
    }

    static func explanation(program: Program, source: String?, file: String?,
                            models: [ModelKind] = ModelKind.allCases, hostModel: ModelKind?) -> TestExplanation {
        TestExplanation(program: program, source: source, file: file, models: models, hostModel: hostModel,
                        verdicts: ModelVerdicts.check(program, models: TestExplanation.checkedModels(models)),
                        barrierVerdicts: program.barrierVariants.dropFirst().map { variant in
                            (variant.removed, ModelVerdicts.check(variant.program, models: ModelKind.allCases.filter(models.contains)))
                        })
    }

    static func catalogue(directory: String, models: [ModelKind] = ModelKind.allCases) throws -> Catalogue {
        try Catalogue.load(directory: directory, models: models) { chosen, program in ModelVerdicts.check(program, models: chosen) }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func program(_ name: String) throws -> Program { try Program.load(contentsOf: path(name)) }

    static func source(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// `1:r0=1; 1:r1=0;` → a final state (registers `T:name`, memory `[x]` or `x`).
    static func state(_ text: String) -> FinalState {
        var values: [StateLocation: Value] = [:]
        for atom in text.split(separator: ";") {
            let parts = atom.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Int(parts[1]) else { continue }
            let location: StateLocation
            if let colon = parts[0].firstIndex(of: ":"), let thread = Int(parts[0][..<colon]) {
                location = .register(thread: thread, name: String(parts[0][parts[0].index(after: colon)...]))
            } else {
                location = .variable(name: parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
            }
            values[location] = .integer(value)
        }
        return FinalState(values)
    }

    /// A fake run of every ablation variant of `program`: `histograms[i]` for variant i
    /// (the test as written first); missing variants repeat the last histogram given.
    static func run(_ program: Program, _ histograms: [[String: Int]], seconds: Double = 0.25) -> TestRunResult {
        let variants = program.barrierVariants.enumerated().map { i, variant in
            let counts = histograms[min(i, histograms.count - 1)]
            return VariantResult(
                program: variant.program, removed: variant.removed,
                histogram: Dictionary(uniqueKeysWithValues: counts.map { (state($0.key), $0.value) }), seconds: seconds)
        }
        let setup = RunSetup(
            iterations: 1000, batchSize: 100, cpus: [0, 1], pinned: true, layout: .line, shuffle: false,
            synchronisation: .default, placement: [[0], [1]])
        return TestRunResult(program: program, setup: setup, variants: variants)
    }

    /// Compares with a golden file; `LITMUS_UPDATE_GOLDEN=1` rewrites it instead.
    static func matchesGolden(_ text: String, _ name: String) throws -> Bool {
        let url = fixtures.appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["LITMUS_UPDATE_GOLDEN"] != nil {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return true
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text { print("--- golden \(name) differs; got:\n\(text)") }
        return expected == text
    }
}
