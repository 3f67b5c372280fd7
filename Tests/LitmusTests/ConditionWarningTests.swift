import Testing
import Litmus

/// Likely typos in the final part are warnings with a location; the meaning stays herd7's (0).
@Suite struct ConditionWarningTests {
    func warnings(_ final: String, initial: String = "", file: String = "w.litmus") throws -> [String] {
        let source = """
            C warn
            { \(initial) }
            P0(int *x, int *y) { int r0; int r3; r0 = READ_ONCE(*x); if (r0) r3 = 1; WRITE_ONCE(*y, 1); }
            P1(int *x, int *y) { int r0; int r5; r0 = READ_ONCE(*y); }
            \(final)
            """
        return try Program.parse(source: source, file: file).warnings
    }

    @Test func registerTheThreadNeverAssigns() throws {
        let found = try warnings("exists (0:r0=1 /\\ 1:r5=0)")
        #expect(found == ["w.litmus:5:19: warning: P1 never assigns r5; it is always 0\nexists (0:r0=1 /\\ 1:r5=0)\n                  ^"])
        // Not declared at all: the same.
        #expect(try warnings("exists (1:r9=0)").first?.hasPrefix("w.litmus:5:9: warning: P1 never assigns r9; it is always 0") == true)
    }

    @Test func locationNothingTouches() throws {
        let found = try warnings("exists (0:r0=1 /\\ w=0)")
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("w.litmus:5:19: warning: no thread accesses w and the init block does not name it; it is always 0"))
        #expect(try warnings("locations [v;] exists (0:r0=1)").first?.hasPrefix("w.litmus:5:12: warning: no thread accesses v") == true)
        #expect(try warnings("exists (0:r0=q)").first?.contains("q names no variable of the test") == true)
    }

    @Test func noWarningForWhatIsThere() throws {
        // Assigned on one path only, a parameter, a name the init block gives, an initialised register.
        #expect(try warnings("exists (0:r3=0 /\\ x=1 /\\ 1:r0=0 /\\ 0:r0=y)").isEmpty)
        #expect(try warnings("exists (w=1 /\\ 1:r5=2)", initial: "w=1; 1:r5=2;").isEmpty)
        #expect(try warnings("filter (1:r0=1) exists (0:r0=1)").isEmpty)
    }

    @Test func theMeaningIsUnchanged() throws {
        let source = "C t\n{}\nP0(int *x) { int r0; r0 = READ_ONCE(*x); }\nexists (0:r7=0 /\\ w=0)\n"
        let program = try Program.parse(source: source, file: "t.litmus")
        #expect(program.warnings.count == 2)
        #expect(program.observedLocations.contains(.register(thread: 0, name: "r7")))
        #expect(program.observedLocations.contains(.variable(name: "w")))
    }
}
