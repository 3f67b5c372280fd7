import Foundation
import Testing

/// End to end: every user error a clear located message and a sensible exit code.
@Suite struct UserErrorTests {
    let rcu = Binary.fixtures.appendingPathComponent("run-rcu.litmus").path

    @Test func refusedGracePeriodNamesItsLineOnce() throws {
        let result = try Binary.run(["run", rcu, "-n", "1k"])
        #expect(result.status == 2)
        // `FILE:LINE:COL: error: ...`, not `FILE: error: FILE:LINE:COL: ...`.
        let line = try #require(result.stderr.split(separator: "\n").first)
        #expect(line.hasPrefix(rcu + ":"))
        #expect(line.components(separatedBy: rcu).count == 2, "the file is named once: \(line)")
        #expect(line.contains(": error: "))
    }

    @Test func divisionOverflowIsNoCrash() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qa-divide-\(getpid()).litmus")
        try "C divide\n{}\nP0(int *x) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*x, (-9223372036854775807 - 1) / -1 + 1 / r0); }\nexists (x=0)\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try Binary.run(["check", "--model", "all", file.path])
        #expect(check.status == 0)
        #expect(check.stdout.contains("Always"))
        // The hardware computes 0 too: nothing forbidden observed.
        let run = try Binary.run(["run", "--check", "-n", "1k", "--no-ablate", file.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test(arguments: [["run", "-n", "1k", "--junit"], ["run", "-n", "1k", "--graph"], ["check", "--graph"]])
    func unwritableOutputFilesFailBeforeAnyWork(_ command: [String]) throws {
        let file = Binary.fixtures.appendingPathComponent("run-mp+wmb+rmb.litmus").path
        let suffix = command.last == "--junit" ? "x.xml" : "x.dot"
        let missing = try Binary.run(command + ["/nonexistent-qa-folder/" + suffix, file])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("folder /nonexistent-qa-folder does not exist"))
        #expect(missing.stdout.isEmpty, "nothing ran")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qa-dir-\(getpid())-\(command[0])-\(command.count).\(suffix)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let isDirectory = try Binary.run(command + [directory.path, file])
        #expect(isDirectory.status == 2)
        #expect(isDirectory.stderr.contains("is a directory"))
    }

    @Test func hugeUnrollIsAUsageErrorNotAStackOverflow() throws {
        let file = Binary.fixtures.appendingPathComponent("run-mp+wmb+rmb.litmus").path
        let result = try Binary.run(["check", "--unroll", "100000", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--unroll must be between 0 and 100"))
        #expect(try Binary.run(["check", "--unroll", "100", file]).status == 0)
    }

    @Test(arguments: ["9223372036854775807", "1000000000000000"])
    func iterationCountsThatOverflowAreUsageErrors(_ n: String) throws {
        let file = Binary.fixtures.appendingPathComponent("run-mp+wmb+rmb.litmus").path
        let result = try Binary.run(["run", "-n", n, "--batch", "1", "--no-ablate", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("-n expects a positive count"))
    }
}
