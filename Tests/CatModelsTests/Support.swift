import CatModels
import Foundation
import Litmus
import Models

/// Fixtures and helpers shared by the cat tests.
enum Support {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The project's classic litmus tests (ModelsTests' fixtures).
    static let classic = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ModelsTests/Fixtures/classic")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func classicTests() throws -> [(String, Program)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: classic.path).filter { $0.hasSuffix(".litmus") }.sorted()
        return try names.map { name in (name, try Program.load(contentsOf: classic.appendingPathComponent(name).path)) }
    }

    static func model(_ name: String, bell: String? = nil, variants: [String] = []) throws -> CatModel {
        CatModel(try CatModelDefinition.load(cat: fixture(name), bell: bell.map(fixture), variants: variants))
    }

    /// What herd7 prints about a result, minus the timing: states, Ok/No, counts, flags.
    static func summary(_ r: CheckResult) -> String {
        (r.states.map { r.program.render($0.state) } + [r.conditionHolds ? "Ok" : "No", "\(r.positive) \(r.negative)"] + r.flags)
            .joined(separator: "\n")
    }

    static func check(_ program: Program, _ model: CatModel) throws -> CheckResult {
        try ModelChecker.check(program, using: model.bound(to: program))
    }

    /// A model text with `old` replaced by `new` (the edit must apply).
    static func edited(_ file: String, replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOfFile: fixture(file), encoding: .utf8)
        precondition(text.contains(old), "fixture \(file) has no \(old)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cat-edits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent((file as NSString).lastPathComponent).path
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
