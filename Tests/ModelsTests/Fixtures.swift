import Foundation
import Litmus
import Models
import Testing

/// Our fixtures: classic shapes with per-model verdicts, and LKMM tests with herd7's results.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func files(_ subdirectory: String) -> [URL] {
        let folder = directory.appendingPathComponent(subdirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".litmus") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func program(_ url: URL) throws -> Program {
        try Program.load(contentsOf: url.path)
    }

    /// `Expected: sc=Never tso=Sometimes ...` from the fixture's comment.
    static func expectations(_ url: URL) throws -> [String: String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Expected:") }) else { return [:] }
        var result: [String: String] = [:]
        for word in line.split(separator: " ") where word.contains("=") {
            let parts = word.split(separator: "=")
            result[String(parts[0])] = String(parts[1]).trimmingCharacters(in: .punctuationCharacters)
        }
        return result
    }

    /// Checks a fixture under each model its `Expected:` line names, expecting that verdict, and
    /// returns the results for further checks.
    static func checkExpectedVerdicts(
        _ url: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [(model: String, result: CheckResult)] {
        let program = try program(url)
        return try expectations(url).sorted { $0.key < $1.key }.map { model, expected in
            let kind = try #require(ModelKind(rawValue: model), sourceLocation: sourceLocation)
            let result = try ModelChecker.check(program, model: kind)
            #expect(result.verdict.rawValue == expected, "\(program.name) under \(model)", sourceLocation: sourceLocation)
            return (model, result)
        }
    }
}
