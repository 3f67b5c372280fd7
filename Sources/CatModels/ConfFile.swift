import Foundation
import LitmusSyntax

/// A herd7 configuration file (`-conf`): `model`, `bell`, `macros`, `variant` lines name the
/// model; the display settings (`graph`, `showevents`, `edgeattr`, ...) are accepted and ignored.
public struct ConfFile: Sendable {
    public var model: String?
    public var bell: String?
    public var macros: String?
    public var variants: [String] = []

    public static func parse(file: String, source: String) throws(CatError) -> ConfFile {
        var conf = ConfFile()
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var text = Substring(line)
            if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let key = words.first else { continue }
            let value = words.dropFirst().joined(separator: " ")
            let column = (line.firstIndex { $0 != " " && $0 != "\t" }).map { line.distance(from: line.startIndex, to: $0) + 1 } ?? 1
            let location = SourceLocation(file: file, line: index + 1, column: column)
            func required() throws(CatError) -> String {
                guard !value.isEmpty else { throw CatError("'\(key)' needs a value", at: location, source: source) }
                return value
            }
            switch key.trimmingCharacters(in: CharacterSet(charactersIn: "-")) {
            case "model", "cat": conf.model = try required()
            case "bell": conf.bell = try required()
            case "macros": conf.macros = try required()
            case "variant":
                conf.variants += try required().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            default: continue  // graph and display settings
            }
        }
        return conf
    }

    /// Loads the model a configuration names; its files are found next to the `.cfg`, then
    /// in the current directory, then in `searchPath`.
    /// `macros`, when given, replaces the `.def` the configuration names (found as given).
    public static func loadModel(conf path: String, searchPath: [String], extraVariants: [String] = [],
                                 macros override: String? = nil) throws(CatError) -> CatModelDefinition {
        let source = try CatModelDefinition.Loader.read(path)
        let conf = try parse(file: path, source: source)
        guard let model = conf.model else {
            throw CatError("no 'model' line: the configuration must name a .cat file", file: path)
        }
        let directories = [(path as NSString).deletingLastPathComponent, FileManager.default.currentDirectoryPath] + searchPath
        func find(_ name: String) throws(CatError) -> String {
            if name.hasPrefix("/") { return name }
            for d in directories {
                let candidate = ((d.isEmpty ? "." : d) as NSString).appendingPathComponent(name)
                if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
            }
            throw CatError("cannot find \(name) (looked next to \(path), in the current directory\(searchPath.isEmpty ? "" : " and in --cat-path"))", file: path)
        }
        let bell = try conf.bell.map { (n: String) throws(CatError) -> String in try find(n) }
        var macros = override
        if macros == nil, let name = conf.macros { macros = try find(name) }
        return try CatModelDefinition.load(cat: try find(model), bell: bell, macros: macros,
                                           variants: conf.variants + extraVariants, searchPath: searchPath)
    }
}
