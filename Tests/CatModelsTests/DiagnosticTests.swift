import CatModels
import Foundation
import Testing

/// Bad cat, def and cfg files give `file:line:col: error:` with the line and a caret.
@Suite struct DiagnosticTests {
    static func error(_ text: String, name: String = "bad.cat") -> CatError? {
        do throws(CatError) {
            _ = try CatModelDefinition.parse(name: name, source: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func syntaxErrorsAreLocated() throws {
        let e = try #require(Self.error("let a = po\nacyclic a | as x\n"))
        #expect(e.description.hasPrefix("bad.cat:2:13: error: expected an expression, found as"))
        #expect(e.description.hasSuffix("acyclic a | as x\n            ^"))
    }

    @Test func showOfAnExpressionNeedsAName() throws {
        let e = try #require(Self.error("let a = po\nshow a, po | rf\n"))
        #expect(e.description.hasPrefix("bad.cat:2:9: error: show lists names; draw an expression with show EXPR as NAME"))
        #expect(Self.error("show po | rf as com\nunshow com, po\n") == nil)
        // A shown name must exist, as any name.
        #expect(Self.error("show nowhere\n")?.message == "unknown name nowhere")
    }

    @Test func unknownNamesAreLocated() throws {
        let e = try #require(Self.error("let a = po\nacyclic a | rfx as x\n"))
        #expect(e.description.hasPrefix("bad.cat:2:13: error: unknown name rfx"))
    }

    @Test func typeErrorsAreLocated() throws {
        let e = try #require(Self.error("let f x = x\nacyclic f as x\n"))
        #expect(e.message == "expected a set or relation, found a function")
        #expect(e.location.line == 2)
    }

    @Test func unterminatedCommentPointsAtItsStart() throws {
        let e = try #require(Self.error("let a = po\n(* never closed\nacyclic a\n"))
        #expect(e.location.line == 2 && e.location.column == 1)
        #expect(e.message == "unterminated comment")
    }

    @Test func missingIncludeSaysWhereItLooked() throws {
        let e = try #require(Self.error("include \"nowhere.cat\"\n"))
        #expect(e.message.hasPrefix("cannot find included file \"nowhere.cat\""))
        #expect(e.location.line == 1 && e.location.column == 1)
    }

    @Test func libraryFilesNeedNoPath() throws {
        // herd7's library files are provided: cos.cat generates coherence, cross.cat's functions exist.
        #expect(Self.error("include \"cos.cat\"\ninclude \"cross.cat\"\ninclude \"stdlib.cat\"\nacyclic co as x\n") == nil)
    }

    @Test func badMacroLineIsLocated() throws {
        do throws(CatError) {
            _ = try CatModelDefinition.parseMacros(file: "bad.def", source: "READ_ONCE(X) __load{ONCE}(X)\n  smp_mb\n")
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("bad.def:2:3: error: expected '(' after 'smp_mb' (a definition is NAME(PARAMETERS) BODY)"))
        }
    }

    @Test func configurationWithoutModelIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cat-\(UUID().uuidString).cfg").path
        try "bell linux-kernel.bell\n".write(toFile: path, atomically: true, encoding: .utf8)
        do throws(CatError) {
            _ = try ConfFile.loadModel(conf: path, searchPath: [])
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("no 'model' line"))
        }
    }

    @Test func configurationFilesAreFoundOnTheCatPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let conf = directory.appendingPathComponent("m.cfg").path
        try "model sc.cat\n".write(toFile: conf, atomically: true, encoding: .utf8)
        #expect(throws: CatError.self) { try ConfFile.loadModel(conf: conf, searchPath: []) }
        let model = try ConfFile.loadModel(conf: conf, searchPath: [Support.fixtures.path])
        #expect(model.name == "sc.cat")
    }
}
