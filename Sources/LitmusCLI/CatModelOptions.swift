import ArgumentParser
import CatModels
import Foundation
import LitmusSyntax
import Models

/// `--conf F.cfg`, `--cat F.cat [--bell F] [--macros F] [--variant V]`, `--cat-path DIR`:
/// a model read from herd7's files instead of (or next to) the built-in ones.
struct CatModelOptions: ParsableArguments {
    @Option(name: .long, help: "A herd7 configuration file naming the model (model, bell, macros, variant), e.g. linux-kernel.cfg.")
    var conf: String?

    @Option(name: .long, help: "A cat model file (herd7's cat language).")
    var cat: String?

    @Option(name: .long, help: "The bell file to read before the cat model (event annotations).")
    var bell: String?

    @Option(name: .long, help: "A .def file (herd7's -macros): the tests' primitives are expanded through it; replaces the one a --conf names.")
    var macros: String?

    @Option(name: .long, help: "A model variant (cat's `if \"name\"`); repeat or separate with commas.")
    var variant: [String] = []

    @Option(name: .customLong("cat-path"), help: "A directory searched for included cat files and the files a .cfg names (repeatable).")
    var catPath: [String] = []

    var isGiven: Bool { conf != nil || cat != nil }

    func validate() throws {
        if conf != nil && cat != nil { throw ValidationError("give either --conf or --cat, not both") }
        if !isGiven && bell != nil { throw ValidationError("--bell goes with --cat") }
    }

    /// The model the options name, or nil; a bad file prints its located error and exits 2.
    func load() throws -> CatModel? {
        let variants = variant.flatMap { $0.split(separator: ",").map(String.init) }
        return try Self.orExit { () throws(CatError) -> CatModel? in
            if let conf {
                return CatModel(try ConfFile.loadModel(conf: conf, searchPath: catPath, extraVariants: variants, macros: macros))
            }
            if let cat {
                return CatModel(try CatModelDefinition.load(cat: cat, bell: bell, macros: macros, variants: variants, searchPath: catPath))
            }
            return nil
        }
    }

    /// A model file that does not read or parse: its located error on stderr, exit 2.
    private static func orExit<T>(_ body: () throws(CatError) -> T) throws -> T {
        do throws(CatError) { return try body() } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }

    /// Notes where the model was evaluated the slow way; says so when it could not judge some
    /// executions (they were counted as forbidden, so the verdicts printed are not reliable):
    /// true then.
    static func reportEvaluationError(of model: CatModel?) -> Bool {
        guard let model else { return false }
        for note in model.slowEvaluationNotes { Terminal.error(note) }
        guard let error = model.evaluationError else { return false }
        Terminal.error("\(error)\nerror: \(model.name) could not be evaluated on some executions; "
            + "they were counted as forbidden, so the verdicts above are not reliable")
        return true
    }

    /// The `.def` tests are lowered through: the file model's (its --macros or its .cfg's
    /// `macros` line), else --macros alone (for the built-in models); nil for our own table.
    func macroDefinitions(of fileModel: CatModel?) throws -> MacroDefinitions? {
        if let fileModel { return fileModel.definition.macros }
        guard let macros else { return nil }
        return try Self.orExit { () throws(CatError) in try CatModelDefinition.loadMacros(macros) }
    }
}
