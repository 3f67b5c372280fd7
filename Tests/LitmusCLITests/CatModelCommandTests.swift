import Foundation
import Testing

/// `check`, `explain` and `list` with a model read from cat files (`--cat`, `--conf`).
@Suite struct CatModelCommandTests {
    static let catFixtures = Binary.tests.appendingPathComponent("CatModelsTests/Fixtures")
    static let classic = Binary.tests.appendingPathComponent("ModelsTests/Fixtures/classic")
    let conf = catFixtures.appendingPathComponent("lkmm/lkmm.cfg").path
    let mp = classic.appendingPathComponent("MP+wmb+rmb.litmus").path

    @Test func checkWithAConfigurationMatchesTheBuiltInModel() throws {
        let ours = try Binary.run(["check", "--format", "herd", "--conf", conf, mp])
        let builtIn = try Binary.run(["check", "--format", "herd", "--model", "lkmm", mp])
        #expect(ours.status == 0)
        let strip = { (s: String) in s.split(separator: "\n").filter { !$0.hasPrefix("Time ") }.joined(separator: "\n") }
        #expect(strip(ours.stdout) == strip(builtIn.stdout))
    }

    @Test func worksFromAnyDirectoryThroughCatPath() throws {
        // The cfg names lkmm.cat and lkmm.bell: found next to the cfg whatever the current directory.
        let result = try Binary.run(["check", "--conf", conf, mp])
        #expect(result.status == 0)
        #expect(result.stdout.contains("under lkmm.cat"))
        #expect(result.stdout.contains("happens-before"))
    }

    @Test func badCatFileIsALocatedUsageError() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).cat").path
        try "let a = po\nacyclic a | as x\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try Binary.run(["check", "--cat", bad, mp])
        #expect(result.status == 2)
        #expect(result.stderr.contains(":2:13: error: expected an expression, found as\nacyclic a | as x\n            ^"))
    }

    @Test func explainNamesTheFilesAxiom() throws {
        let result = try Binary.run(["explain", "--conf", conf, mp])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Under lkmm.cat"))
        #expect(result.stdout.contains("Forbidden by happens-before (acyclic hb)"))
        #expect(result.stdout.contains("without P1: smp_rmb()"))
    }

    @Test func listShowsTheFileModelsColumn() throws {
        let result = try Binary.run(["list", "--cat", Self.catFixtures.appendingPathComponent("sc.cat").path, Self.classic.path])
        #expect(result.status == 0)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("SB.litmus ") })
        #expect(line.contains("Never"))
        #expect(result.stdout.hasPrefix("test") && result.stdout.contains("sc.cat"))
    }
    /// Runs `check --graph` and returns the DOT text.
    func graph(_ arguments: [String], _ test: String) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("graph-\(UUID().uuidString).dot").path
        let result = try Binary.run(["check"] + arguments + [test, "--graph", out])
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOfFile: out, encoding: .utf8)
    }

    @Test func graphDrawsWhatTheCatFileShows() throws {
        let model = FileManager.default.temporaryDirectory.appendingPathComponent("shown-\(UUID().uuidString).cat").path
        try """
            "shown"
            let ppo = po & ((W * W) | (R * M))
            show ppo
            let ghb = ppo | rfe | co | fr
            show ghb as global
            unshow fr
            acyclic ghb as tso
            """.write(toFile: model, atomically: true, encoding: .utf8)
        let sb = Self.classic.appendingPathComponent("SB.litmus").path
        let dot = try graph(["--cat", model], sb)
        // SB's outcome under TSO: each read before the other thread's write in ghb (fr), drawn as "global".
        #expect(dot.contains("[label=\"global\""))
        #expect(dot.contains("[label=\"po\", color=black]"))
        #expect(!dot.contains("label=\"fr\""))  // unshown
        #expect(!dot.contains("label=\"ppo\""))  // shown, but empty on SB (W→R only)
        let mpDot = try graph(["--cat", model], mp)
        #expect(mpDot.contains("[label=\"ppo\""))
        // Built-in models keep the usual relations.
        let builtIn = try graph(["--model", "tso"], sb)
        #expect(builtIn.contains("label=\"fr\"") && !builtIn.contains("global"))
    }

    @Test func aModelThatCannotJudgeSomeExecutionsSaysSo() throws {
        // Valid text, but its `with` set is a tag once rf is not empty: no verdict to trust.
        let model = FileManager.default.temporaryDirectory.appendingPathComponent("bad-with-\(UUID().uuidString).cat").path
        try "\"bad\"\nenum T = 'a\nwith x from (match rf with || {} -> {0} || e ++ r -> 'a end)\n"
            .write(toFile: model, atomically: true, encoding: .utf8)
        let result = try Binary.run(["check", "--cat", model, mp])
        #expect(result.status == 1)
        #expect(result.stderr.contains(":3:1: error: with x from ...: expected a set of relations, found a tag"))
        #expect(result.stderr.contains("could not be evaluated on some executions"))
    }

    @Test func aWithSetComputedPerCandidateIsNoted() throws {
        let model = Self.catFixtures.appendingPathComponent("sc-order.cat").path
        let result = try Binary.run(["check", "--cat", model, Self.classic.appendingPathComponent("SB.litmus").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Never"))
        #expect(result.stderr.contains("sc-order.cat:9:1: note: `with order from ...`: the set depends on rf or co"))
    }

    @Test func explainTellsWhatOrdersSCsProgramOrderSteps() throws {
        let forbidden = try Binary.run(["explain", "--conf", conf, mp])
        #expect(forbidden.stdout.contains("SC forbids the outcome by a cycle; its program-order steps under lkmm.cat:"))
        #expect(forbidden.stdout.contains("P0: WRITE_ONCE(*data, 1) → P0: WRITE_ONCE(*flag, 1): in wmb, "))
        #expect(forbidden.stdout.contains("P1: READ_ONCE(*flag) = 1 → P1: READ_ONCE(*data) = 0: in rmb, "))
        // TSO lets SB's write-read steps go: nothing its file defines holds them.
        let sb = Self.classic.appendingPathComponent("SB.litmus").path
        let allowed = try Binary.run(["explain", "--cat", Self.catFixtures.appendingPathComponent("x86tso.cat").path, sb])
        #expect(allowed.stdout.contains("P0: WRITE_ONCE(*x, 1) → P0: READ_ONCE(*y) = 0: no relation the model defines holds them"))
    }
}

/// `--macros` and a `.cfg`'s `macros` line: tests are lowered through the `.def`.
@Suite struct MacroCommandTests {
    static let fixtures = Binary.tests.appendingPathComponent("CatModelsTests/Fixtures")
    static let classic = Binary.tests.appendingPathComponent("ModelsTests/Fixtures/classic")

    /// A directory holding the fixture LKMM, our kernel.def (edited: `old` → `new`) and a
    /// configuration naming all three, as the kernel ships them.
    static func kernelDirectory(replacing old: String? = nil, with new: String = "") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("def-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["lkmm/lkmm.cat", "lkmm/lkmm.bell", "def/kernel.def"] {
            var text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
            if let old, name.hasSuffix(".def") {
                precondition(text.contains(old))
                text = text.replacingOccurrences(of: old, with: new)
            }
            try text.write(to: directory.appendingPathComponent((name as NSString).lastPathComponent), atomically: true, encoding: .utf8)
        }
        try "model lkmm.cat\nbell lkmm.bell\nmacros kernel.def\nvariant lkmmv2\n"
            .write(to: directory.appendingPathComponent("kernel.cfg"), atomically: true, encoding: .utf8)
        return directory.path
    }

    static let sbStoreMB = """
        C SB+storembs
        {}
        P0(int *x, int *y) { int r0; smp_store_mb(*x, 1); r0 = READ_ONCE(*y); }
        P1(int *x, int *y) { int r0; smp_store_mb(*y, 1); r0 = READ_ONCE(*x); }
        exists (0:r0=0 /\\ 1:r0=0)
        """

    static func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func observation(_ herd: String) -> [String] {
        herd.split(separator: "\n").filter { $0.hasPrefix("Observation") }.map { String($0.split(separator: " ")[2]) }
    }

    @Test func aConfigurationsDefinitionsGiveTheBuiltInAnswers() throws {
        let cfg = try Self.kernelDirectory() + "/kernel.cfg"
        let files = ["MP+wmb+rmb", "SB+mbs", "MP+release+acquire", "SB+xchgs", "SB+cmpxchg-fails"]
            .map { Self.classic.appendingPathComponent($0 + ".litmus").path }
        let ours = try Binary.run(["check", "--format", "herd", "--conf", cfg] + files)
        let builtIn = try Binary.run(["check", "--format", "herd", "--model", "lkmm"] + files)
        #expect(ours.status == 0, "\(ours.stderr)")
        let strip = { (s: String) in s.split(separator: "\n").filter { !$0.hasPrefix("Time ") }.joined(separator: "\n") }
        #expect(strip(ours.stdout) == strip(builtIn.stdout))
    }

    @Test func anEditedDefinitionChangesBothModels() throws {
        let test = try Self.write(Self.sbStoreMB, "sb.litmus")
        let shipped = try Self.kernelDirectory()
        let edited = try Self.kernelDirectory(replacing: "    __fence{MB};\n}", with: "}")
        let before = try Binary.run(["check", "--format", "herd", "--conf", shipped + "/kernel.cfg", "--model", "lkmm", test])
        #expect(Self.observation(before.stdout) == ["Never", "Never"])
        let after = try Binary.run(["check", "--format", "herd", "--conf", edited + "/kernel.cfg", "--model", "lkmm", test])
        #expect(Self.observation(after.stdout) == ["Sometimes", "Sometimes"])
        // --macros replaces the configuration's file, and works with the built-in models alone.
        let override = try Binary.run(["check", "--format", "herd", "--conf", shipped + "/kernel.cfg",
                                       "--macros", edited + "/kernel.def", test])
        #expect(Self.observation(override.stdout) == ["Sometimes"])
        let alone = try Binary.run(["check", "--format", "herd", "--macros", edited + "/kernel.def", "--model", "lkmm", test])
        #expect(Self.observation(alone.stdout) == ["Sometimes"])
    }

    @Test func builtInModelsRefuseTagsTheyCannotRead() throws {
        let directory = try Self.kernelDirectory(replacing: "/* Locks */", with: "odd_fence() { __fence{odd}; }\n/* Locks */")
        let test = try Self.write(Self.sbStoreMB.replacingOccurrences(of: "smp_store_mb(*x, 1);", with: "WRITE_ONCE(*x, 1); odd_fence();"),
                                  "odd.litmus")
        let result = try Binary.run(["check", "--conf", directory + "/kernel.cfg", "--model", "lkmm", test])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the built-in LKMM model cannot interpret the .def's tags: P0: odd_fence() gives __fence{odd}"))
        #expect(result.stdout.contains("under lkmm.cat"))
        // explain: the refusal is said, never read as "forbids"; the variant without the odd
        // fence is checked again by the built-in models.
        let explained = try Binary.run(["explain", "--conf", directory + "/kernel.cfg", "--model", "lkmm", test])
        #expect(explained.stdout.contains("LKMM     could not check: unsupported: the built-in LKMM model cannot interpret"))
        #expect(explained.stdout.contains("P0: odd_fence() removed: LKMM allows the outcome."), "\(explained.stdout)")
        #expect(!explained.stdout.contains("still forbids"))
    }

    @Test func malformedDefinitionsAndUnknownMacrosAreLocated() throws {
        let bad = try Self.write("READ_ONCE(X) __load{ONCE}(X)\nsmp_mb() { __fence{MB} }\n", "bad.def")
        let mp = Self.classic.appendingPathComponent("MP+wmb+rmb.litmus").path
        let result = try Binary.run(["check", "--macros", bad, "--model", "lkmm", mp])
        #expect(result.status == 2)
        #expect(result.stderr.contains(bad + ":2:24: error: expected ';' after the statement, found '}'\nsmp_mb() { __fence{MB} }\n                       ^"))
        let partial = try Self.write("READ_ONCE(X) __load{ONCE}(X)\nWRITE_ONCE(X,V) { __store{ONCE}(X,V); }\n", "partial.def")
        let unknown = try Binary.run(["check", "--macros", partial, "--model", "lkmm", mp])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: unknown macro 'smp_wmb': \(partial) does not define it"))
    }

    @Test func explainAndListReadTestsThroughTheDefinitions() throws {
        let edited = try Self.kernelDirectory(replacing: "smp_mb() { __fence{MB}; }", with: "smp_mb() { __fence{barrier}; }")
        let sb = Self.classic.appendingPathComponent("SB+mbs.litmus").path
        let explained = try Binary.run(["explain", "--conf", edited + "/kernel.cfg", sb])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("Under lkmm.cat"))
        #expect(explained.stdout.contains("Sometimes") || explained.stdout.contains("allowed"))
        // explain's fixes are checked through the .def: smp_mb() no longer forbids SB there.
        let plainSB = Self.classic.appendingPathComponent("SB.litmus").path
        let shippedFix = try Binary.run(["explain", "--macros", try Self.kernelDirectory() + "/kernel.def", "--model", "lkmm", plainSB])
        #expect(shippedFix.stdout.contains("1. P0: smp_mb() between WRITE_ONCE(*x, 1) and READ_ONCE(*y)"), "\(shippedFix.stdout)")
        let editedFix = try Binary.run(["explain", "--macros", edited + "/kernel.def", "--model", "lkmm", plainSB])
        #expect(editedFix.status == 0, "\(editedFix.stderr)")
        #expect(!editedFix.stdout.contains("smp_mb() between"), "\(editedFix.stdout)")
        #expect(editedFix.stdout.contains("No fence or stronger access on the cycle forbids it under LKMM"))
        let listed = try Binary.run(["list", "--conf", edited + "/kernel.cfg", "--model", "lkmm", Self.classic.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        let line = try #require(listed.stdout.split(separator: "\n").first { $0.hasPrefix("SB+mbs.litmus ") })
        #expect(line.split(separator: " ").filter { $0 == "Sometimes" }.count == 2, "\(line)")
    }
}
