import Foundation
import Litmus
import LitmusSyntax
import Models

/// `litmus list`: every test of a directory with its one line and the verdict per model.
public struct Catalogue: Sendable {
    public struct Entry: Sendable {
        public var file: String
        public var name: String
        public var summary: String
        public var expected: String?
        public var verdicts: ModelVerdicts?
        /// Why the file could not be read or parsed.
        public var error: String?
        /// Verdicts under the models read from files (``Catalogue/fileModels``), in order.
        public var fileModelVerdicts: [String] = []

        /// The LKMM verdict differs from the `Result:` comment.
        public var disagrees: Bool {
            guard let verdicts, let expected = verdicts.program.expectedVerdict,
                  let lkmm = verdicts.verdict(under: .lkmm) else { return false }
            return expected != lkmm
        }
    }

    public var directory: String
    public var models: [ModelKind]
    public var entries: [Entry]
    /// Models read from cat files, shown after the built-in ones (their names as columns).
    public var fileModels: [String] = []

    /// Reads every `*.litmus` file of `directory` (not recursively), sorted by name; `verdicts`
    /// gives each parsed test's verdicts under `models` (the caller runs the models).
    /// With `macros`, the tests are lowered through that `.def`.
    public static func load(directory: String, models: [ModelKind] = ModelKind.allCases, macros: MacroDefinitions? = nil,
                            verdicts: ([ModelKind], Program) -> ModelVerdicts) throws -> Catalogue {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".litmus") }
        let tests = names.map { name -> (name: String, path: String, source: Result<String, DiagnosticError>) in
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            return (name, path, Result { () throws(DiagnosticError) in try SourceFile.read(path) })
        }
        return load(tests, directory: directory, models: models, macros: macros, verdicts: verdicts)
    }

    /// The catalogue of tests given as text (the ones built into the binary): `directory`
    /// names them in the summary line, `pathPrefix` + name in diagnostics.
    public static func load(sources: [(name: String, source: String)], directory: String, pathPrefix: String,
                            models: [ModelKind] = ModelKind.allCases, macros: MacroDefinitions? = nil,
                            verdicts: ([ModelKind], Program) -> ModelVerdicts) -> Catalogue {
        load(sources.map { ($0.name, pathPrefix + $0.name, .success($0.source)) },
             directory: directory, models: models, macros: macros, verdicts: verdicts)
    }

    private static func load(
        _ tests: [(name: String, path: String, source: Result<String, DiagnosticError>)], directory: String,
        models: [ModelKind], macros: MacroDefinitions?, verdicts: ([ModelKind], Program) -> ModelVerdicts
    ) -> Catalogue {
        let chosen = ModelKind.allCases.filter(models.contains)
        let entries = tests.sorted { $0.name.lowercased() < $1.name.lowercased() }.map { name, path, text -> Entry in
            do throws(DiagnosticError) {
                let source = try text.get()
                let program = try Program.parse(source: source, file: path, macros: macros)
                let summary = TestDescription(source: source).summary
                return Entry(file: name, name: program.name, summary: summary.isEmpty ? (program.docString ?? "") : summary,
                             expected: program.expectedResult,
                             verdicts: verdicts(chosen, program))
            } catch {
                return Entry(file: name, name: name, summary: "", expected: nil, verdicts: nil,
                             error: error.diagnostics.first?.message ?? error.description)
            }
        }
        return Catalogue(directory: directory, models: chosen, entries: entries)
    }

    private func cells(_ entry: Entry) -> [String] {
        models.map { model in
            guard let verdicts = entry.verdicts else { return "" }
            return verdicts.verdict(under: model)?.rawValue ?? "?"
        } + fileModels.indices.map { $0 < entry.fileModelVerdicts.count ? entry.fileModelVerdicts[$0] : "?" }
    }

    private var columnNames: [String] { models.map(\.displayName) + fileModels }

    /// A table: file, verdict per model, the `Result:` comment, the one line.
    public func text(style: Style = .plain) -> String {
        let fileWidth = max(4, entries.map(\.file.count).max() ?? 0)
        var header = Text.pad("test", fileWidth)
        let widths = columnNames.map { max(9, $0.count) }
        for (name, width) in zip(columnNames, widths) { header += "  " + Text.pad(name, width) }
        header += "  " + Text.pad("Result", 9) + "  what it shows"
        var lines = [style.bold(header.trimmingTrailingSpaces)]
        for entry in entries {
            var line = Text.pad(entry.file, fileWidth)
            if let error = entry.error {
                lines.append(line + "  " + style.red("error: \(error)"))
                continue
            }
            for (cell, width) in zip(cells(entry), widths) { line += "  " + Text.pad(cell, width) }
            let result = Text.pad((entry.expected ?? "-") + (entry.disagrees ? "!" : ""), 9)
            line += "  " + (entry.disagrees ? style.red(result) : result) + "  " + entry.summary
            lines.append(line.trimmingTrailingSpaces)
        }
        lines.append("")
        lines.append("\(Text.plural(entries.count, "test")) in \(directory); verdicts say whether the condition is "
            + "Never, Sometimes or Always satisfied (herd7's words); \"!\" marks a Result: the LKMM disagrees with.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same as a Markdown table (litmus/README.md).
    public var markdown: String {
        var lines = ["| test | " + columnNames.joined(separator: " | ") + " | Result | what it shows |"]
        lines.append("|" + String(repeating: " --- |", count: columnNames.count + 3))
        for entry in entries {
            if let error = entry.error {
                lines.append("| `\(entry.file)` |" + String(repeating: " |", count: columnNames.count) + " | error: \(error) |")
                continue
            }
            lines.append("| `\(entry.file)` | " + cells(entry).joined(separator: " | ") + " | \(entry.expected ?? "-") | "
                + entry.summary.replacingOccurrences(of: "|", with: "\\|") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
