import Foundation
import LitmusSyntax

/// A cat model read from files: the `.cat` with everything it includes, the `.bell`, the
/// `.def`, and the variants in force. Load once; ``CatModel`` compiles it per skeleton.
public struct CatModelDefinition: Sendable {
    /// The model's name as results show it: the cat file's name (`linux-kernel.cat`).
    public let name: String
    /// The title the cat file starts with, if any.
    public let title: String?
    let main: CatFile
    let bell: CatFile?
    let prelude: [CatFile]
    /// Included files by the including file's path and the name it used.
    private let includes: [String: CatFile]
    public let variants: Set<String>
    /// The `.def` in force (tests must be lowered through it: `Program.parse(..., macros:)`).
    public let macros: MacroDefinitions?
    let knownTags: Set<String>
    /// Every file read, by path, for rendering errors found later.
    let sources: [String: String]

    /// Reads `cat` (and `bell`, `macros`), resolving `include "f"` next to the including
    /// file, then in `searchPath`, then among the library files we provide.
    public static func load(cat: String, bell: String? = nil, macros: String? = nil, variants: [String] = [],
                            searchPath: [String] = []) throws(CatError) -> CatModelDefinition {
        var loader = Loader(searchPath: searchPath)
        let main = try loader.load(path: cat)
        let prelude = try loader.standardLibrary(besides: cat)
        let bellFile = try bell.map { (p: String) throws(CatError) -> CatFile in try loader.load(path: p) }
        var macroFile: MacroDefinitions?
        if let macros {
            let source = try Loader.read(macros)
            macroFile = try Self.parseMacros(file: macros, source: source)
            loader.sources[macros] = source
        }
        var tags = EventTags.defaultTags.union(macroFile?.tags ?? [])
        for file in loader.files.values + [main] + (bellFile.map { [$0] } ?? []) {
            Self.collectEnumTags(file.statements, into: &tags)
        }
        let definition = CatModelDefinition(
            name: (cat as NSString).lastPathComponent, title: main.title, main: main, bell: bellFile, prelude: prelude,
            includes: loader.includes, variants: Set(variants), macros: macroFile, knownTags: tags,
            sources: loader.sources)
        try definition.validate()
        return definition
    }

    /// A model from text (tests, and library models written inline).
    public static func parse(name: String, source: String, bell: String? = nil, variants: [String] = []) throws(CatError) -> CatModelDefinition {
        var loader = Loader(searchPath: [])
        let main = try loader.parse(path: name, source: source)
        let bellFile = try bell.map { (text: String) throws(CatError) -> CatFile in try loader.parse(path: name + ".bell", source: text) }
        var tags = EventTags.defaultTags
        for file in loader.files.values + [main] { Self.collectEnumTags(file.statements, into: &tags) }
        let definition = CatModelDefinition(
            name: name, title: main.title, main: main, bell: bellFile, prelude: [], includes: loader.includes,
            variants: Set(variants), macros: nil, knownTags: tags, sources: loader.sources)
        try definition.validate()
        return definition
    }

    /// A `.def` file, its errors as ours.
    public static func parseMacros(file: String, source: String) throws(CatError) -> MacroDefinitions {
        do throws(DiagnosticError) {
            return try MacroDefinitions.parse(file: file, source: source)
        } catch {
            let d = error.diagnostics.first ?? Diagnostic("malformed .def file", at: SourceLocation(file: file, line: 0, column: 0))
            throw CatError(d.message, at: d.location, source: source)
        }
    }

    /// Reads and parses a `.def` file.
    public static func loadMacros(_ path: String) throws(CatError) -> MacroDefinitions {
        try parseMacros(file: path, source: try Loader.read(path))
    }

    private static func collectEnumTags(_ statements: [CatStatement], into tags: inout Set<String>) {
        for s in statements {
            switch s {
            case let .enumeration(_, t, _): tags.formUnion(t)
            case let .procedure(_, _, body, _), let .forall(_, _, body, _): collectEnumTags(body, into: &tags)
            case let .ifVariant(_, a, b, _): collectEnumTags(a + b, into: &tags)
            default: break
            }
        }
    }

    func included(_ name: String, from file: String) -> CatFile? { includes[file + "\u{0}" + name] }

    func holds(_ condition: CatExpr.VariantCondition) -> Bool {
        switch condition {
        case let .variant(v): return variants.contains(v)
        case let .not(c): return !holds(c)
        case let .and(a, b): return holds(a) && holds(b)
        case let .or(a, b): return holds(a) || holds(b)
        }
    }

    /// Unknown names, wrong types and bad includes show up when the model is read: compile
    /// it once for an execution with no events.
    private func validate() throws(CatError) {
        do throws(CatError) {
            _ = try CatCompiler.compile(self, CatSkeleton.empty)
        } catch {
            // Parts that need a candidate's rf/co are checked when candidates come.
            if !error.needsCandidate { throw withSource(error) }
        }
    }

    func withSource(_ error: CatError) -> CatError {
        var e = error
        if e.source.isEmpty, let text = sources[e.location.file] { e.source = text }
        return e
    }

    /// Reads files and their includes, each once.
    struct Loader {
        let searchPath: [String]
        var files: [String: CatFile] = [:]
        var includes: [String: CatFile] = [:]
        var sources: [String: String] = [:]

        init(searchPath: [String]) { self.searchPath = searchPath }

        static func read(_ path: String) throws(CatError) -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CatError("cannot read file", file: path)
            }
            return String(decoding: data, as: UTF8.self)
        }

        mutating func load(path: String) throws(CatError) -> CatFile {
            if let f = files[path] { return f }
            return try parse(path: path, source: try Self.read(path))
        }

        mutating func parse(path: String, source: String) throws(CatError) -> CatFile {
            sources[path] = source
            let file = try CatParser.parse(file: path, source: source)
            files[path] = file
            try resolveIncludes(file.statements, of: file)
            return file
        }

        /// The first readable `name` in `places`.
        func find(_ name: String, in places: [String]) -> String? {
            places.map { ($0 as NSString).appendingPathComponent(name) }.first { FileManager.default.isReadableFile(atPath: $0) }
        }

        /// One of our library files (parsed once).
        private mutating func library(_ name: String, _ source: String) throws(CatError) -> CatFile {
            let path = "<litmus>/" + name
            if let existing = files[path] { return existing }
            return try parse(path: path, source: source)
        }

        /// herd7 includes `stdlib.cat` in every model: a file of that name next to the model or
        /// on the search path is read first (our built-in names stand for it otherwise).
        mutating func standardLibrary(besides main: String) throws(CatError) -> [CatFile] {
            let directory = (main as NSString).deletingLastPathComponent
            guard let found = find("stdlib.cat", in: [directory.isEmpty ? "." : directory] + searchPath) else { return [] }
            return [try load(path: found)]
        }

        private mutating func resolveIncludes(_ statements: [CatStatement], of file: CatFile) throws(CatError) {
            for s in statements {
                switch s {
                case let .include(name, location):
                    let key = file.path + "\u{0}" + name
                    if includes[key] != nil { continue }
                    let directory = (file.path as NSString).deletingLastPathComponent
                    let places = [directory.isEmpty ? "." : directory] + searchPath
                    if let found = find(name, in: places) {
                        includes[key] = try load(path: found)
                    } else if let text = CatLibrary.source(of: name) {
                        // herd7's library file is not on the path: our own equivalent.
                        includes[key] = try library(name, text)
                    } else {
                        var error = CatError("cannot find included file \"\(name)\" (looked in \(places.joined(separator: ", ")))", at: location)
                        error.source = sources[file.path] ?? ""
                        throw error
                    }
                case let .procedure(_, _, body, _), let .forall(_, _, body, _):
                    try resolveIncludes(body, of: file)
                case let .ifVariant(_, a, b, _):
                    try resolveIncludes(a + b, of: file)
                default: break
                }
            }
        }
    }
}
