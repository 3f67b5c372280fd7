import CatModels
import Foundation
import Litmus
import Models
import Testing

/// The fixture LKMM (written here) against the built-in one, then edited as a maintainer
/// would edit linux-kernel.cat: the answers move exactly where the edit says they should.
@Suite struct ModelEditTests {
    static func lkmm(cat: String = Support.fixture("lkmm/lkmm.cat"), variants: [String] = ["lkmmv2"]) throws -> CatModel {
        CatModel(try CatModelDefinition.load(cat: cat, bell: Support.fixture("lkmm/lkmm.bell"), variants: variants))
    }

    static func program(_ name: String) throws -> Program {
        try Program.load(contentsOf: Support.classic.appendingPathComponent(name + ".litmus").path)
    }

    @Test func fixtureAgreesWithTheBuiltInModel() throws {
        let model = try Self.lkmm()
        for (name, program) in try Support.classicTests() {
            let builtIn = try ModelChecker.check(program, model: .lkmm)
            #expect(Support.summary(try Support.check(program, model)) == Support.summary(builtIn), "\(name)")
        }
    }

    @Test func theConfigurationNamesTheSameModel() throws {
        let model = CatModel(try ConfFile.loadModel(conf: Support.fixture("lkmm/lkmm.cfg"), searchPath: []))
        #expect(model.definition.variants == ["lkmmv2"])
        let program = try Self.program("MP+wmb+rmb")
        #expect(try Support.check(program, model).verdict == .never)
    }

    /// Without `acyclic hb`, what only happens-before forbade (message passing through a
    /// release and an acquire or wmb/rmb) is allowed; what pb or coherence forbids stays
    /// forbidden: LB+ctrl+mb too, since pb's `hb*` closes its cycle through the smp_mb().
    @Test func removingHappensBefore() throws {
        let edited = try Support.edited("lkmm/lkmm.cat", replacing: "acyclic hb as happens-before", with: "")
        let bell = Support.fixture("lkmm/lkmm.bell")
        let model = CatModel(try CatModelDefinition.load(cat: edited, bell: bell))
        let original = try Self.lkmm()
        for (name, program) in try Support.classicTests() {
            let before = try Support.check(program, original), after = try Support.check(program, model)
            switch name {
            case "MP+release+acquire.litmus", "MP+wmb+rmb.litmus", "MP+wmb+addr.litmus",
                 "S+wmb+data.litmus", "WRC+release+acquire.litmus", "ISA2+release+acquires.litmus":
                #expect(before.verdict == .never, "\(name)")
                #expect(after.verdict == .sometimes, "\(name)")
            case "SB+mbs.litmus", "IRIW+mbs.litmus", "R+mbs.litmus", "2+2W+mbs.litmus", "CoRR.litmus", "CoWW.litmus",
                 "CoRW.litmus", "CoWR.litmus", "LB+ctrl+mb.litmus":
                #expect(after.verdict == .never, "\(name)")
            default:
                break
            }
            // Removing an axiom only adds states.
            let beforeStates = Set(before.states.map { program.render($0.state) })
            #expect(beforeStates.isSubset(of: Set(after.states.map { program.render($0.state) })), "\(name)")
        }
    }

    /// `let rmb = 0`: smp_rmb() no longer orders reads, so MP+wmb+rmb's stale read appears;
    /// tests without smp_rmb() keep the built-in model's answer exactly.
    @Test func emptyingRmb() throws {
        let edited = try Support.edited("lkmm/lkmm.cat", replacing: "let rmb = [R4rmb] ; fencerel(Rmb) ; [R4rmb]", with: "let rmb = 0")
        let model = CatModel(try CatModelDefinition.load(cat: edited, bell: Support.fixture("lkmm/lkmm.bell")))
        for (name, program) in try Support.classicTests() {
            let result = try Support.check(program, model)
            let source = try String(contentsOfFile: Support.classic.appendingPathComponent(name).path, encoding: .utf8)
            let usesRmb = source.contains("smp_rmb()")
            if name == "MP+wmb+rmb.litmus" {
                #expect(result.verdict == .sometimes)
            } else if !usesRmb {
                #expect(Support.summary(result) == Support.summary(try ModelChecker.check(program, model: .lkmm)), "\(name)")
            }
        }
    }

    /// A variant switches a definition (`if "name" then ... else ...`), as `-variant` does.
    @Test func variantsSelectDefinitions() throws {
        let edited = try Support.edited("lkmm/lkmm.cat", replacing: "let gp = po ; [Sync-rcu | Sync-srcu] ; po?",
                                        with: "let gp = po ; [Sync-rcu | Sync-srcu] ; po?\nlet mb = if \"no-mb\" then 0 else mb")
        let bell = Support.fixture("lkmm/lkmm.bell")
        let program = try Self.program("SB+mbs")
        let plain = CatModel(try CatModelDefinition.load(cat: edited, bell: bell))
        let without = CatModel(try CatModelDefinition.load(cat: edited, bell: bell, variants: ["no-mb"]))
        #expect(try Support.check(program, plain).verdict == .never)
        #expect(try Support.check(program, without).verdict == .sometimes)
    }

    /// A `.def` that gives smp_load_acquire() a plain ONCE tag takes its acquire ordering away.
    @Test func macrosChangeWhatPrimitivesMean() throws {
        let definitions = FileManager.default.temporaryDirectory.appendingPathComponent("cat-def-\(UUID().uuidString).def").path
        try """
            // acquire loads demoted to READ_ONCE
            READ_ONCE(X) __load{ONCE}(X)
            WRITE_ONCE(X,V) { __store{ONCE}(X,V); }
            smp_store_release(X,V) { __store{RELEASE}(*X,V); }
            smp_load_acquire(X) __load{ONCE}(*X)
            """.write(toFile: definitions, atomically: true, encoding: .utf8)
        let bell = Support.fixture("lkmm/lkmm.bell"), cat = Support.fixture("lkmm/lkmm.cat")
        let demoted = CatModel(try CatModelDefinition.load(cat: cat, bell: bell, macros: definitions))
        let path = Support.classic.appendingPathComponent("MP+release+acquire.litmus").path
        let lowered = try Program.parse(source: try String(contentsOfFile: path, encoding: .utf8), file: path,
                                        macros: demoted.definition.macros)
        #expect(try Support.check(try Self.program("MP+release+acquire"), try Self.lkmm()).verdict == .never)
        #expect(try Support.check(lowered, demoted).verdict == .sometimes)
    }
}
