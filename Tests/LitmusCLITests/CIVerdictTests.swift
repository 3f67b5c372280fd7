import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Harness
import Litmus
import Testing
@testable import LitmusCLI

/// Fake hardware with a chosen overlap; the barrier-free variant shows `freeStates`.
struct OverlapFake: VariantRunning {
    var states: [String: Int]
    var freeStates: [String: Int]? = nil
    var overlap: Double

    func setup(for program: Program, parameters: RunParameters) throws(HarnessError) -> RunSetup {
        try FakeRunner(states: states).setup(for: program, parameters: parameters)
    }

    func run(_ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool) throws(HarnessError) -> VariantRun {
        let free = !variant.removed.isEmpty && Set(variant.removed) == Set(variant.program.barriers + variant.removed)
        var run = try FakeRunner(states: free ? freeStates ?? states : states).run(variant, setup: setup, shouldStop: shouldStop)
        run.result.overlap = Overlap(measured: 1_000, overlapped: Int(overlap * 1_000))
        return run
    }
}

/// `run --check` verdicts: pass, fail or inconclusive, in every format, with exit codes
/// 0, 1, 3; refused tests skipped; signals end the run with partial results.
@Suite(.serialized) struct CIVerdictTests {
    static let fixtures = Binary.reportsFixtures
    let mp = fixtures.appendingPathComponent("mp+wmb+rmb.litmus").path
    let sb = fixtures.appendingPathComponent("sb+mb+mb.litmus").path
    let broken = fixtures.appendingPathComponent("broken.litmus").path
    let rcu = Binary.fixtures.appendingPathComponent("run-rcu.litmus").path
    let failing = Binary.fixtures.appendingPathComponent("check-fail.litmus").path
    let mpStates = ["1:r0=0; 1:r1=0;": 600, "1:r0=1; 1:r1=1;": 400]
    let sbStates = ["0:r0=0; 1:r0=1;": 500, "0:r0=1; 1:r0=0;": 500]

    func output(_ arguments: [String], _ runner: any VariantRunning) throws -> (Int32, String) {
        var text = ""
        let status = try RunCommand.parse(arguments).execute(runner: runner) { text += $0 }
        return (status, text)
    }

    @Test func threadsThatNeverOverlappedAreInconclusiveNotPass() throws {
        let serial = OverlapFake(states: mpStates, overlap: 0.01)
        let (status, text) = try output(["--check", "-n", "1k", mp], serial)
        #expect(status == 3)
        #expect(text.hasPrefix("INCONCLUSIVE \(mp): MP+wmb+rmb, "))
        #expect(text.contains("overlapped in time in only 1% of the test as written"))
        #expect(text.contains("tried: retry in lockstep"))
        #expect(try output(["--check", "-n", "1k", "--inconclusive-ok", mp], serial).0 == 0)
        #expect(try output(["--check", "-n", "1k", "--min-overlap", "0", mp], serial).0 == 0)
        let racing = OverlapFake(states: mpStates, overlap: 0.9)
        let (passed, line) = try output(["--check", "-n", "1k", mp], racing)
        #expect(passed == 0)
        #expect(line.hasPrefix("PASS ") && line.contains("threads overlapped in 90%"))
    }

    @Test func theBarrierFreeVariantMustShowWhatTheCPUAllows() throws {
        // x86-TSO (and ARMv8) allow SB without barriers: a run that never shows it proves nothing.
        #if !(arch(x86_64) || arch(arm64))
        return  // no model of this CPU to say what it allows
        #endif
        let blind = OverlapFake(states: sbStates, overlap: 0.9)
        let (status, text) = try output(["--check", "-n", "1k", sb], blind)
        #expect(status == 3)
        #expect(text.contains("once the barriers are gone (all 2 barriers removed), but that variant never showed it"))
        var seeing = blind
        seeing.freeStates = sbStates.merging(["0:r0=0; 1:r0=0;": 7]) { $1 }
        let (passed, line) = try output(["--check", "-n", "1k", sb], seeing)
        #expect(passed == 0)
        #expect(line.contains("with all 2 barriers removed, the condition showed"))
    }

    @Test func aForbiddenStateFailsWhateverTheOverlap() throws {
        let states = mpStates.merging(["1:r0=1; 1:r1=0;": 1]) { $1 }
        let (status, text) = try output(["--check", "-n", "1k", mp], OverlapFake(states: states, overlap: 0))
        #expect(status == 1)
        #expect(text.hasPrefix("FAIL "))
    }

    @Test func jsonCarriesTheVerdictAndParseErrors() throws {
        let states = mpStates.merging(["1:r0=1; 1:r1=0;": 1]) { $1 }
        let (status, text) = try output(
            ["--check", "-n", "1k", "--format", "json", mp, broken], OverlapFake(states: states, overlap: 0.5))
        #expect(status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["status"] as? String == "fail")
        let variants = try #require(array[0]["variants"] as? [[String: Any]])
        #expect(variants[0]["overlap"] as? Double == 0.5)
        #expect(array[1]["status"] as? String == "error")
        #expect((array[1]["error"] as? String)?.contains("broken.litmus:7:19: error:") == true)
        #expect(array[1]["file"] as? String == broken)
    }

    @Test func herdCarriesTheVerdictAsAComment() throws {
        let (status, text) = try output(
            ["--check", "-n", "1k", "--format", "herd", mp], OverlapFake(states: mpStates, overlap: 0.02))
        #expect(status == 3)
        #expect(text.hasPrefix("% status: inconclusive\n% inconclusive: the threads' iterations overlapped"))
        #expect(text.contains("\n% overlap MP+wmb+rmb 0.02 ("))
        #expect(text.contains("\nObservation MP+wmb+rmb Never 0 "))
    }

    @Test func binaryRefusedTestsAreSkippedAndKeepTheExitStatus() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("litmus-skip-\(getpid()).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Binary.run(["run", "--check", "-n", "1k", "--junit", path, rcu])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("SKIP \(rcu): run-rcu, run-rcu uses synchronize_rcu()"))
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.contains(#"<skipped message="run-rcu uses synchronize_rcu()"#))
        // Skipping does not hide a failure next to it.
        #expect(try Binary.run(["run", "--check", "-n", "1k", rcu, failing]).status == 1)
        let json = try Binary.run(["run", "--check", "-n", "1k", "--format", "json", rcu])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.first?["status"] as? String == "skipped")
        #expect((array.first?["reason"] as? String)?.contains("synchronize_rcu") == true)
        // Without --check a refused test is still an error (exit 2), as before.
        #expect(try Binary.run(["run", "-n", "1k", rcu]).status == 2)
    }

    @Test func junitSuitesAreNamedPerFileAndAttributesEscaped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litmus-names-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("copy.litmus").path
        try FileManager.default.copyItem(atPath: mp, toPath: copy)
        let path = directory.appendingPathComponent("out.xml").path
        let states = mpStates.merging(["1:r0=1; 1:r1=0;": 1]) { $1 }
        _ = try output(["--check", "-n", "1k", "--junit", path, mp, copy], OverlapFake(states: states, overlap: 0.5))
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.contains(#"<testsuite name="\#(mp)""#))
        #expect(xml.contains(#"<testsuite name="\#(copy)""#))
        let attributes = xml.split(separator: "\n").filter { $0.contains("message=") }
        #expect(!attributes.isEmpty && attributes.allSatisfy { !$0.contains("\t") })
        #expect(try FoundationXMLCheck.parses(xml))
    }

    // MARK: - The real binary

    @Test func binaryJSONCheckOfAFailingTestExitsOne() throws {
        let result = try Binary.run(["run", "--check", "--format", "json", "-n", "2k", failing])
        #expect(result.status == 1, "\(result.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array[0]["status"] as? String == "fail")
        #expect((array[0]["findings"] as? [Any])?.isEmpty == false)
    }

    /// Two busy loops take the CPUs the test threads need: the verdict is PASS only with its
    /// evidence (the barrier-free variant showed the condition), else INCONCLUSIVE, exit 3.
    @Test func binaryUnderLoadNeverPassesWithoutEvidence() throws {
        let loops = try (0..<2).map { _ in
            let loop = Process()
            loop.executableURL = URL(fileURLWithPath: "/bin/sh")
            loop.arguments = ["-c", "while :; do :; done"]
            try loop.run()
            return loop
        }
        defer { for loop in loops { loop.terminate(); loop.waitUntilExit() } }
        let result = try Binary.run(["run", "--check", "-n", "2k", sb])
        #expect(result.status == 0 || result.status == 3, "\(result.stdout)\(result.stderr)")
        if result.status == 0 {
            #expect(result.stdout.hasPrefix("PASS ") && result.stdout.contains("with all 2 barriers removed, the condition showed"))
        } else {
            #expect(result.stdout.hasPrefix("INCONCLUSIVE \(sb): SB+mb+mb, "))
        }
    }

    @Test func binarySIGTERMMidRunReportsPartialResultsAndExits143() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("litmus-term-\(getpid()).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Long enough that the signal lands inside the first test; the second never starts.
        let result = try Binary.run(["run", "--check", "-n", "1G", "--junit", path, sb, mp], timeout: 2)
        #expect(result.status == 143, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("PASS"))
        #expect(result.stdout.contains("INTERRUPTED \(sb): SB+mb+mb, stopped after ")
                || result.stdout.contains("FAIL \(sb)"))
        #expect(result.stdout.contains("SKIP \(mp): not run: interrupted by SIGTERM"))
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try FoundationXMLCheck.parses(xml))
        #expect(xml.contains(#"<skipped message="partial: interrupted by SIGTERM after "#))
        #expect(xml.contains(#"<skipped message="not run: interrupted by SIGTERM"/>"#))
        #expect(xml.contains(#"<testsuite name="\#(mp)""#))
    }
}

/// Whether text is well-formed XML (FoundationXML's parser).
enum FoundationXMLCheck {
    static func parses(_ xml: String) throws -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }
}
