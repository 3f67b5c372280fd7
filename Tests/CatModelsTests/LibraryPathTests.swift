import CatModels
import Foundation
import Litmus
import Models
import Testing

/// herd7's library files (stdlib.cat, cos.cat...) found next to the model or on the search
/// path are read; ours stand in only when there is none.
@Suite struct LibraryPathTests {
    static func directory() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("cat-library-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func program(_ name: String) throws -> Program {
        try Program.load(contentsOf: Support.classic.appendingPathComponent(name).path)
    }

    @Test func aCosFileOnThePathIsInterpreted() throws {
        // Its coherence orders put the initial write last: no candidate's own co is among them.
        let library = try Self.directory()
        let text = try String(contentsOfFile: Support.fixture("library/cos.cat"), encoding: .utf8)
        precondition(text.contains("linearisations(writes, forced)"))
        try text.replacingOccurrences(of: "linearisations(writes, forced)", with: "linearisations(writes, forced^-1)")
            .write(to: library.appendingPathComponent("cos.cat"), atomically: true, encoding: .utf8)
        let sb = try Self.program("SB.litmus")
        let onPath = CatModel(try CatModelDefinition.load(cat: Support.fixture("sc-with-cos.cat"), searchPath: [library.path]))
        #expect(try Support.check(sb, onPath).states.isEmpty)
        // Without it, our own cos.cat: SC's answer.
        let ours = CatModel(try CatModelDefinition.load(cat: Support.fixture("sc-with-cos.cat")))
        #expect(Support.summary(try Support.check(sb, ours)) == Support.summary(try ModelChecker.check(sb, model: .sc)))
    }

    @Test func aStdlibNextToTheModelIsReadFirst() throws {
        let model = "\"order\"\nacyclic po | rfe | co | fr as order\n"
        let mp = try Self.program("MP.litmus")
        let plain = try Self.directory()
        try model.write(to: plain.appendingPathComponent("m.cat"), atomically: true, encoding: .utf8)
        let strict = try Support.check(mp, CatModel(try CatModelDefinition.load(cat: plain.appendingPathComponent("m.cat").path)))
        #expect(strict.verdict == .never)
        // A stdlib.cat beside it that empties rfe breaks MP's cycle.
        let withLibrary = try Self.directory()
        try model.write(to: withLibrary.appendingPathComponent("m.cat"), atomically: true, encoding: .utf8)
        try "\"stdlib\"\nlet rfe = 0\n".write(to: withLibrary.appendingPathComponent("stdlib.cat"), atomically: true, encoding: .utf8)
        let loose = try Support.check(mp, CatModel(try CatModelDefinition.load(cat: withLibrary.appendingPathComponent("m.cat").path)))
        #expect(loose.verdict == .sometimes)
        // The same file found through the search path counts too.
        let viaPath = try Support.check(mp, CatModel(try CatModelDefinition.load(
            cat: plain.appendingPathComponent("m.cat").path, searchPath: [withLibrary.path])))
        #expect(viaPath.verdict == .sometimes)
    }

    @Test func functionsSeeTheNamesOfTheirDefinition() throws {
        // Static scoping: rebinding W later does not change what f computes.
        let source = "\"scope\"\nlet f(x) = x & W\nlet W = R\nempty f(W) as scoped\n"
        let model = CatModel(try CatModelDefinition.parse(name: "scope.cat", source: source))
        // f(R) = R & (the original W) = ∅: every candidate passes.
        #expect(try Support.check(try Self.program("SB.litmus"), model).verdict == .sometimes)
    }
}
