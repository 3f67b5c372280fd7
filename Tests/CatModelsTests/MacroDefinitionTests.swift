import CatModels
import Foundation
import Litmus
import LitmusSyntax
import Models
import Testing

/// Tests lowered through a `.def` (herd7's `-macros`): our fixture `def/kernel.def` (the
/// kernel's primitives, written here) changes nothing; edits to it change the events, hence
/// the verdicts of the cat model and of the built-in LKMM alike, or make the built-in refuse.
@Suite struct MacroDefinitionTests {
    static let definitionsPath = Support.fixture("def/kernel.def")

    static func definitions(_ path: String = definitionsPath) throws -> MacroDefinitions {
        try CatModelDefinition.loadMacros(path)
    }

    /// The fixture LKMM with the `.def` at `path`.
    static func model(macros path: String = definitionsPath) throws -> CatModel {
        CatModel(try CatModelDefinition.load(cat: Support.fixture("lkmm/lkmm.cat"), bell: Support.fixture("lkmm/lkmm.bell"),
                                             macros: path, variants: ["lkmmv2"]))
    }

    static func classic(_ name: String, macros: MacroDefinitions?) throws -> Program {
        let path = Support.classic.appendingPathComponent(name + ".litmus").path
        return try Program.parse(source: try String(contentsOfFile: path, encoding: .utf8), file: path, macros: macros)
    }

    /// The verdicts of the built-in LKMM and of the fixture cat model.
    static func verdicts(_ program: Program, _ model: CatModel) throws -> [Verdict] {
        [try ModelChecker.check(program, model: .lkmm).verdict, try Support.check(program, model).verdict]
    }

    static let sbStoreMB = """
        C SB+storembs
        {}
        P0(int *x, int *y) { int r0; smp_store_mb(*x, 1); r0 = READ_ONCE(*y); }
        P1(int *x, int *y) { int r0; smp_store_mb(*y, 1); r0 = READ_ONCE(*x); }
        exists (0:r0=0 /\\ 1:r0=0)
        """

    static func sb(fence: String) -> String {
        """
        C SB+\(fence)s
        {}
        P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); \(fence)(); r0 = READ_ONCE(*y); }
        P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); \(fence)(); r0 = READ_ONCE(*x); }
        exists (0:r0=0 /\\ 1:r0=0)
        """
    }

    static func summaries(_ a: Program, _ b: Program, _ kind: ModelKind) throws -> (String, String) {
        (Support.summary(try ModelChecker.check(a, model: kind)), Support.summary(try ModelChecker.check(b, model: kind)))
    }

    // MARK: The shipped-style file

    @Test func theKernelsDefinitionsChangeNothingOnTheClassicTests() throws {
        let macros = try Self.definitions()
        let withDef = try Self.model(), without = try ModelEditTests.lkmm()
        for (name, table) in try Support.classicTests() {
            let program = try Self.classic(String(name.dropLast(".litmus".count)), macros: macros)
            #expect(program.uninterpretedTags.isEmpty, "\(name)")
            #expect(Support.summary(try ModelChecker.check(program, model: .lkmm))
                    == Support.summary(try ModelChecker.check(table, model: .lkmm)), "\(name)")
            #expect(Support.summary(try Support.check(program, withDef)) == Support.summary(try Support.check(table, without)),
                    "\(name)")
        }
    }

    /// The barrier fixtures use the atomics (value-returning, `== 0` forms, add_unless), locks,
    /// RCU and SRCU: the same verdicts through the `.def`, except the tests calling `mb()`,
    /// `rmb()` or `dma_*()`, which the `.def` (like the kernel's) does not define: an error, as herd7's.
    @Test func theBarrierFixturesAgreeThroughTheDefinitions() throws {
        let macros = try Self.definitions()
        let directory = Support.classic.deletingLastPathComponent().appendingPathComponent("barriers")
        var agreed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".litmus") {
            let path = directory.appendingPathComponent(name).path
            let source = try String(contentsOfFile: path, encoding: .utf8)
            let table = try Program.parse(source: source, file: path)
            let usesUndefined = ["mb();", "rmb();", "wmb();", "dma_"].contains { source.contains("\t" + $0) || source.contains(" " + $0) }
            let program: Program
            do throws(DiagnosticError) {
                program = try Program.parse(source: source, file: path, macros: macros)
            } catch {
                #expect(usesUndefined, "\(name): \(error)")
                #expect(error.description.contains("unknown macro"))
                continue
            }
            #expect(!usesUndefined, "\(name) should name an undefined macro")
            for kind in [ModelKind.sc, .tso, .lkmm] {
                let (viaDef, viaTable) = try Self.summaries(program, table, kind)
                #expect(viaDef == viaTable, "\(name) under \(kind)")
            }
            agreed += 1
        }
        #expect(agreed > 60)
    }

    @Test func expressionMacrosKeepTheirValue() throws {
        let source = """
            C dec-and-test
            { atomic_t v = ATOMIC_INIT(2); }
            P0(atomic_t *v) { int r0; int r1; r0 = atomic_dec_and_test(v); r1 = atomic_add_negative(-5, v); }
            P1(atomic_t *v) { int r2; r2 = atomic_dec_and_test(v) + atomic_read(v); }
            exists (0:r0=1 /\\ 1:r2=0)
            """
        let viaDef = try Program.parse(source: source, file: "t.litmus", macros: try Self.definitions())
        let viaTable = try Program.parse(source: source, file: "t.litmus")
        #expect(Support.summary(try ModelChecker.check(viaDef, model: .lkmm)) == Support.summary(try ModelChecker.check(viaTable, model: .lkmm)))
        #expect(Support.summary(try Support.check(viaDef, try Self.model())) == Support.summary(try Support.check(viaTable, try ModelEditTests.lkmm())))
    }

    // MARK: Edits

    @Test func smpStoreMbWithoutItsFence() throws {
        let edited = try Support.edited("def/kernel.def", replacing: "    __fence{MB};\n}", with: "}")
        let before = try Program.parse(source: Self.sbStoreMB, file: "sb.litmus", macros: try Self.definitions())
        let after = try Program.parse(source: Self.sbStoreMB, file: "sb.litmus", macros: try Self.definitions(edited))
        #expect(try Self.verdicts(before, try Self.model()) == [.never, .never])
        #expect(try Self.verdicts(after, try Self.model(macros: edited)) == [.sometimes, .sometimes])
    }

    @Test func aPrimitiveDefinedOnlyInTheDefinitions() throws {
        let edited = try Support.edited("def/kernel.def", replacing: "/* Locks */",
                                        with: "full_fence() { __fence{MB}; }\nodd_fence() { __fence{odd}; }\n/* Locks */")
        let macros = try Self.definitions(edited), model = try Self.model(macros: edited)
        let full = try Program.parse(source: Self.sb(fence: "full_fence"), file: "sb.litmus", macros: macros)
        #expect(try Self.verdicts(full, model) == [.never, .never])
        // Our table does not know it.
        #expect(throws: DiagnosticError.self) { try Program.parse(source: Self.sb(fence: "full_fence"), file: "sb.litmus") }
        // A tag the built-in models have no meaning for: they refuse; the cat model answers.
        let odd = try Program.parse(source: Self.sb(fence: "odd_fence"), file: "sb.litmus", macros: macros)
        #expect(odd.uninterpretedTags == ["P0: odd_fence() gives __fence{odd}", "P1: odd_fence() gives __fence{odd}"])
        for kind in ModelKind.allCases {
            #expect(throws: ModelError.self) { try ModelChecker.check(odd, model: kind) }
        }
        #expect(try Support.check(odd, model).verdict == .sometimes)
    }

    @Test func demotingSmpLoadAcquireToOnce() throws {
        let edited = try Support.edited("def/kernel.def", replacing: "smp_load_acquire(P) __load{ACQUIRE}(*P)",
                                        with: "smp_load_acquire(P) __load{ONCE}(*P)")
        let before = try Self.classic("MP+release+acquire", macros: try Self.definitions())
        let after = try Self.classic("MP+release+acquire", macros: try Self.definitions(edited))
        #expect(try Self.verdicts(before, try Self.model()) == [.never, .never])
        #expect(try Self.verdicts(after, try Self.model(macros: edited)) == [.sometimes, .sometimes])
        // atomic_read_acquire() is defined through smp_load_acquire(): demoted with it.
        let nested = """
            C MP+release+atomic-read-acquire
            {}
            P0(int *x, atomic_t *f) { WRITE_ONCE(*x, 1); atomic_set_release(f, 1); }
            P1(int *x, atomic_t *f) { int r0; int r1; r0 = atomic_read_acquire(f); r1 = READ_ONCE(*x); }
            exists (1:r0=1 /\\ 1:r1=0)
            """
        #expect(try Self.verdicts(try Program.parse(source: nested, file: "n.litmus", macros: try Self.definitions()), try Self.model())
                == [.never, .never])
        #expect(try Self.verdicts(try Program.parse(source: nested, file: "n.litmus", macros: try Self.definitions(edited)),
                                  try Self.model(macros: edited)) == [.sometimes, .sometimes])
    }

    @Test func smpMbMadeACompilerBarrier() throws {
        let edited = try Support.edited("def/kernel.def", replacing: "smp_mb() { __fence{MB}; }", with: "smp_mb() { __fence{barrier}; }")
        let before = try Self.classic("SB+mbs", macros: try Self.definitions())
        let after = try Self.classic("SB+mbs", macros: try Self.definitions(edited))
        #expect(try Self.verdicts(before, try Self.model()) == [.never, .never])
        #expect(try Self.verdicts(after, try Self.model(macros: edited)) == [.sometimes, .sometimes])
        // barrier() orders for the compiler only: R+mbs falls too.
        let r = try Self.classic("R+mbs", macros: try Self.definitions(edited))
        #expect(try Self.verdicts(r, try Self.model(macros: edited)) == [.sometimes, .sometimes])
    }

    @Test func loadAcquireMadeAStore() throws {
        // Nonsense, but herd7 would do it: the "load" writes, and the test's register stays 0.
        let edited = try Support.edited("def/kernel.def", replacing: "smp_load_acquire(P) __load{ACQUIRE}(*P)",
                                        with: "smp_load_acquire(P) { __store{RELEASE}(*P,2); }")
        #expect(throws: DiagnosticError.self) { try Self.classic("MP+release+acquire", macros: try Self.definitions(edited)) }
        let source = """
            C acquire-as-store
            {}
            P0(int *x) { smp_load_acquire(x); }
            exists (x=2)
            """
        let program = try Program.parse(source: source, file: "s.litmus", macros: try Self.definitions(edited))
        #expect(try Self.verdicts(program, try Self.model(macros: edited)) == [.always, .always])
    }

    // MARK: Errors

    @Test(arguments: [
        ("READ_ONCE(X) __lod{ONCE}(X)\n", "1:14: error: unknown internal primitive '__lod'", "             ^"),
        ("WRITE_ONCE(X,V) { __store(X,V); }\n", "1:26: error: '__store' needs a tag, as in __store{ONCE}", "                         ^"),
        ("smp_mb() { __fence{MB};\n", "1:10: error: this '{' is never closed", "         ^"),
        ("atomic_add(V,X) { __atomic_op{NORETURN}(X,*,V); }\n",
         "1:43: error: expected one of + - & | ^ &~ as the operator of '__atomic_op', found '*'", "                                          ^"),
        ("READ_ONCE(X) __load{ONCE}(X)\nsmp_mb()\n", "3:1: error: 'smp_mb' has no body", "^"),
        ("READ_ONCE X\n", "1:1: error: expected '(' after 'READ_ONCE'", "^"),
        ("xchg(X,V) __xchg{MB}(X)\n", "1:21: error: '__xchg' takes 2 arguments, found 1", "                    ^"),
        ("f(X,X) { __fence{MB}; }\n", "1:5: error: parameter 'X' is repeated", "    ^"),
        ("g() { __fence{MB; }\n", "1:17: error: unexpected character in a tag", "                ^"),
        ("h(X) { __lock{MB}(X); }\n", "1:14: error: '__lock' takes no tag", "             ^"),
        ("i(X) __load{ONCE}(3)\n", "1:19: error: '__load' needs a memory location", "                  ^"),
        ("srcu_read_unlock(X,Y) { __srcu{srcu-unlock}(X,Y); }\n", "1:44: error: '__srcu' with a value (older .def files' srcu_read_unlock) is not supported",
         String(repeating: " ", count: 43) + "^"),
    ])
    func malformedLinesAreLocated(text: String, message: String, caret: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).def").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try CatModelDefinition.loadMacros(path)
            Issue.record("\(text) parsed")
        } catch {
            let text = "\(error)"
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first?.hasPrefix(path + ":" + message) == true, "\(text)")
            #expect(lines.count == 3 && lines[2] == caret, "\(text)")
        }
    }

    @Test func callsTheDefinitionsCannotExpandAreLocatedInTheTest() throws {
        let looping = try Support.edited("def/kernel.def", replacing: "/* Locks */",
                                         with: "ping() { pong(); }\npong() { ping(); }\n/* Locks */")
        let macros = try Self.definitions(looping)
        let cases: [(String, String)] = [
            ("mb();", "4:22: error: unknown macro 'mb':"),
            ("ping();", "4:22: error: expanding 'ping' does not end"),
            ("r0 = smp_mb();", "4:27: error: 'smp_mb' does not return a value"),
            ("smp_store_release(x);", "4:22: error: 'smp_store_release' takes 2 arguments, found 1"),
            ("WRITE_ONCE(x, 1);", "4:22: error: 'WRITE_ONCE' expects a memory location such as '*x'"),
        ]
        for (statement, expected) in cases {
            let source = "C t\n{}\n\nP0(int *x) { int r0; \(statement) }\nexists (x=1)\n"
            do throws(DiagnosticError) {
                _ = try Program.parse(source: source, file: "t.litmus", macros: macros)
                Issue.record("\(statement) lowered")
            } catch {
                #expect(error.description.hasPrefix("t.litmus:" + expected), "\(error.description)")
            }
        }
    }
}
