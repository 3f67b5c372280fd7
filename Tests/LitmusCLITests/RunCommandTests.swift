import Foundation
import Testing

/// `litmus run` end to end: the built binary, its exit codes and output.
@Suite struct RunCommandTests {
    let mp = Binary.fixtures.appendingPathComponent("run-mp+wmb+rmb.litmus").path
    let rcu = Binary.fixtures.appendingPathComponent("run-rcu.litmus").path

    @Test func printsTheAblationTable() throws {
        let result = try Binary.run(["run", mp, "-n", "20k"])
        #expect(result.status == 0, "\(result.stderr)")
        for row in ["as written", "P0: smp_wmb() removed", "P1: smp_rmb() removed", "all 2 barriers removed"] {
            #expect(result.stdout.contains(row))
        }
        #expect(result.stdout.contains("Parameters: -n 20000"))
    }

    @Test func jsonHistogramsAddUpForEveryVariant() throws {
        let result = try Binary.run(["run", mp, "-n", "10k", "--batch", "3k", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let tests = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let variants = try #require(tests.first?["variants"] as? [[String: Any]])
        #expect(variants.count == 4)
        for variant in variants {
            let histogram = try #require(variant["histogram"] as? [[String: Any]])
            #expect(histogram.compactMap { $0["count"] as? Int }.reduce(0, +) == 10_000)
            #expect(variant["iterations"] as? Int == 10_000)
            // x86-64 and arm64 alike: with both barriers the stale read never happens.
            if (variant["removed"] as? [String])?.isEmpty == true { #expect(variant["witnesses"] as? Int == 0) }
        }
    }

    @Test func herdFormatIsLitmus7sBlock() throws {
        let result = try Binary.run(["run", mp, "-n", "5k", "--no-ablate", "--format", "herd"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Test mp+wmb+rmb Allowed")
        #expect(lines.contains("Condition exists (1:r0=1 /\\ 1:r1=0) is NOT validated"))
        #expect(lines.contains { $0.hasPrefix("Observation mp+wmb+rmb Never 0 5000") })
        #expect(result.stderr.contains("-n 5000"))
    }

    @Test func gracePeriodsAreRefusedWithExit2() throws {
        let result = try Binary.run(["run", rcu, "-n", "1k"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("synchronize_rcu()"))
        #expect(result.stderr.contains("litmus check"))
    }

    @Test(arguments: [["-n", "0"], ["-n", "lots"], ["--batch", "-3"], ["--cpus", "a-b"], ["--sync", "sometimes"], ["--layout", "diagonal"]])
    func badParametersExit2(_ arguments: [String]) throws {
        let result = try Binary.run(["run", mp] + arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func missingFileExits2() throws {
        let result = try Binary.run(["run", "/nonexistent.litmus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such file"))
    }

    @Test func ctrlCStopsAtABatchPrintsPartialResultsAndExits130() throws {
        guard let url = Binary.url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = url
        process.arguments = ["run", mp, "-n", "1000M", "--batch", "1000", "--format", "json"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        waitUntilCatchingSIGINT(process.processIdentifier)
        Thread.sleep(forTimeInterval: 0.5)
        process.interrupt()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        // Partial results: the variant running when Ctrl-C came, whole batches only, adding up.
        let tests = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(tests.first?["interrupted"] as? Bool == true)
        let variants = try #require(tests.first?["variants"] as? [[String: Any]])
        let variant = try #require(variants.first)
        let iterations = try #require(variant["iterations"] as? Int)
        #expect(iterations > 0 && iterations < 1_000_000_000 && iterations % 1000 == 0)
        let histogram = try #require(variant["histogram"] as? [[String: Any]])
        #expect(histogram.compactMap { $0["count"] as? Int }.reduce(0, +) == iterations)
        #expect(variants.count == 1)
    }

    /// A SIGINT sent before the handler is installed would kill the process: on Linux, wait
    /// until /proc says it catches SIGINT (elsewhere, give it a moment).
    private func waitUntilCatchingSIGINT(_ pid: Int32) {
        for _ in 0..<600 {
            if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
               let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16),
               mask & 2 != 0 {
                return
            }
            if !FileManager.default.fileExists(atPath: "/proc/self/status") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 1.5)
    }
}

@testable import LitmusCLI

@Suite struct RunArgumentTests {
    @Test func countsTakeSuffixes() {
        #expect(CountArgument.count("1000") == 1000)
        #expect(CountArgument.count("200k") == 200_000)
        #expect(CountArgument.count("1M") == 1_000_000)
        #expect(CountArgument.count("1.5M") == 1_500_000)
        #expect(CountArgument.count("2G") == 2_000_000_000)
        #expect(CountArgument.count("lots") == nil)
        #expect(CountArgument.count("-1k") == nil)
        #expect(CountArgument.count("1e30M") == nil)
    }

    @Test func cpuListsTakeRanges() {
        #expect(CPUListArgument.list("0,1") == [0, 1])
        #expect(CPUListArgument.list("0-3") == [0, 1, 2, 3])
        #expect(CPUListArgument.list("0,2-3") == [0, 2, 3])
        #expect(CPUListArgument.list("3-1") == nil)
        #expect(CPUListArgument.list("a") == nil)
        #expect(CPUListArgument.list("1,,2") == nil)
    }
}
