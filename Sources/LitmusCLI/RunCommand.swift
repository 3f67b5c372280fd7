import ArgumentParser
import Barriers
import Foundation
import Harness
import Litmus
import LitmusSyntax
import Models
import Reports

/// `litmus run FILE...`: run tests on this machine's cores, with and without each barrier.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run litmus tests on this machine's cores, with and without each barrier.",
        discussion: """
            Each test runs for -n iterations on pinned threads (one per CPU), on fresh memory \
            locations every iteration, then again with each barrier removed (a fence deleted, an \
            acquire/release access weakened to a once access) and with all of them removed. \
            --no-ablate runs only the test as written.
            --perpetual drops per-iteration synchronisation: each thread runs its body over a whole \
            batch, every store writes a value naming its iteration, and the outcomes are decoded \
            from the recorded reads; counts are then instances found. Tests it cannot decode are \
            refused with the reason.
            Formats: human (each state's count next to whether SC, x86-TSO, ARMv8 and the LKMM \
            allow it, the ablation table with a column per model), herd (litmus7's result block \
            for the test as written), json (one object per test with the models' verdicts; schema \
            in the README).
            A state this CPU's model (x86-TSO on x86-64, ARMv8 on arm64) forbids is flagged as a \
            bug in the barrier library, the harness or the model; so is a state the LKMM or the \
            test's Result: forbids, observed running the test as written.
            --check prints one PASS/FAIL line per file and exits 1 when anything forbidden was \
            observed; --junit FILE.xml writes a test case per test and variant for CI.
            Exit status: 0 when every test ran (with --check: and nothing forbidden was observed), \
            1 with --check when a forbidden state was observed, 2 for parse or usage errors and \
            tests the harness refuses (RCU/SRCU grace periods: use `litmus check`), 130 after \
            Ctrl-C (partial results are printed).

            Example: litmus run litmus/mp+wmb+rmb.litmus -n 2M
            Example: litmus run --check -n 200k litmus/*+*.litmus --junit barriers.xml
            Example: litmus run --perpetual -n 10M litmus/sb.litmus
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case human, herd, json }

    @Argument(help: "Litmus test files (.litmus).")
    var files: [String]

    // Unconditional: "-n -5" reaches validation ("expects a positive count"), not "missing value".
    @Option(name: [.customShort("n"), .long], parsing: .unconditional, help: "Iterations per variant; k and M suffixes allowed (1M = 1000000).")
    var iterations: String = "1M"

    @Option(name: .long, parsing: .unconditional, help: "Iterations that get fresh locations at once (memory is reused batch to batch; default 10000, 1M with --perpetual).")
    var batch: String?

    @Option(name: .long, help: "CPUs to run on, e.g. 0,1 or 0-3 (default: every CPU this process may use).")
    var cpus: String?

    @Option(name: [.customShort("a"), .long], parsing: .unconditional, help: "Use only the first N available CPUs (litmus7's -a).")
    var avail: Int?

    @Option(name: .long, help: "Location layout: line (a cache line each), packed (one line per iteration), array.")
    var layout: LocationLayout = RunParameters.defaultLayout

    @Flag(name: .long, help: "Visit iterations' locations in a random order.")
    var shuffle = false

    @Option(name: .long, help: "Per-iteration synchronisation: slack:N (wait until others are at most N iterations behind) or none.")
    var sync: String = Synchronisation.default.description

    @Option(name: .long, help: "Seed for --shuffle.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Run only the test as written, not the barrier-removed variants.")
    var noAblate = false

    @Option(name: .long, help: "Output format: human, herd or json.")
    var format: Format = .human

    @Flag(name: .long, help: "CI mode: one PASS/FAIL line per file; exit 1 when a forbidden state was observed.")
    var check = false

    @Option(name: .long, help: "Write a JUnit XML report (a test case per test and variant) to this file.")
    var junit: String?

    @Option(name: .long, help: "Write the execution graph of the condition's most observed state (DOT; SVG when the name ends in .svg).")
    var graph: String?

    @Flag(name: .long, help: "Perpetual mode: threads run free over whole batches, stores write sequence values, outcomes are decoded from the recorded reads; counts are instances found (see README).")
    var perpetual = false

    @Option(name: .long, help: "With --perpetual: how instances are counted: automatic, exact or linear.")
    var decoding: PerpetualDecoding = .automatic

    @Option(name: .long, help: "With --check: the least share of iterations (0 to 1) in which the threads of the test as written must have run at the same time for a pass (default 0.1).")
    var minOverlap: Double = Evidence.defaultMinOverlap

    @Flag(name: .long, help: "With --check: exit 0 instead of 3 when a test is inconclusive (still reported as such).")
    var inconclusiveOk = false

    func validate() throws {
        _ = try parameters()
        guard (0...1).contains(minOverlap) else { throw ValidationError("--min-overlap expects a share from 0 to 1 (got \(minOverlap))") }
        if let graph {
            try GraphFile.validate(graph)
            guard files.count == 1 else { throw ValidationError("--graph needs exactly one file") }
            try GraphFile.checkWritable(graph, option: "--graph")
        }
        if let junit { try GraphFile.checkWritable(junit, option: "--junit") }
    }

    func parameters() throws -> RunParameters {
        guard let n = Self.count(iterations), n > 0 else {
            throw ValidationError("-n expects a positive count such as 1000, 200k or 1M (got '\(iterations)')")
        }
        let batch = self.batch ?? String(perpetual ? PerpetualRunner.defaultBatchSize : RunParameters.defaultBatchSize)
        guard let size = Self.count(batch), size > 0 else {
            throw ValidationError("--batch expects a positive count such as 10000 or 10k (got '\(batch)')")
        }
        guard let synchronisation = Synchronisation(argument: sync) else {
            let hint = sync == "timebase" ? " (litmus7's timebase mode is not supported)" : ""
            throw ValidationError("--sync expects slack:N (N ≥ 0), user (= slack:0) or none (got '\(sync)')\(hint)")
        }
        var list: [Int]?
        if let cpus {
            guard let parsed = Self.cpuList(cpus) else {
                throw ValidationError("--cpus expects a list such as 0,1 or 0-3 (got '\(cpus)')")
            }
            list = parsed
        }
        if let avail {
            guard avail > 0 else { throw ValidationError("-a expects a positive CPU count") }
            let pool = list ?? SystemThreadPinning().availableCPUs()
            list = Array(pool.prefix(avail))
        }
        return RunParameters(
            iterations: n, batchSize: size, cpus: list, layout: layout, shuffle: shuffle,
            synchronisation: synchronisation, seed: seed)
    }

    func run() throws {
        let runner: any VariantRunning = perpetual
            ? PerpetualVariantRunner(perpetual: PerpetualSetup(decoding: decoding))
            : HardwareRunner()
        let status = try execute(runner: runner)
        if status != 0 { throw ExitCode(status) }
    }

    /// The command with the hardware behind `runner` (tests pass fake results) and standard
    /// output behind `write`; the exit status.
    func execute(runner: any VariantRunning, write: @escaping (String) -> Void = { Swift.print($0, terminator: "") }) throws -> Int32 {
        let parameters = try parameters()
        Interrupt.install()
        var outcomes = RunOutcomes(check: check, format: format, write: write)
        for (index, input) in files.enumerated() {
            if Interrupt.requested || outcomes.interrupted {
                for file in files[index...] { outcomes.skip(file, test: nil, reason: "not run: interrupted by \(Interrupt.signalName)") }
                break
            }
            let program: Program, file: String
            do throws(DiagnosticError) {
                (program, file) = try TestFile.load(input)
            } catch {
                outcomes.error(input, error.description, summary: error.diagnostics.first?.message ?? "does not parse")
                continue
            }
            let result: TestRunResult
            do throws(HarnessError) {
                result = try runTest(program, parameters: parameters, runner: runner)
            } catch {
                let located = error.location == nil ? "\(file): error: \(error.message)" : error.description
                if error.isRefusal && check {
                    outcomes.skip(file, test: program.name, reason: error.message, detail: located)
                } else {
                    outcomes.error(file, located, summary: error.message)
                }
                continue
            }
            var report = RunReport(run: result, file: file)
            report.minOverlap = minOverlap
            outcomes.add(report)
            if let graph {
                if let dot = report.graph() {
                    do { try GraphFile.write(dot, to: graph) } catch {
                        outcomes.fail(file, "\(error)")
                    }
                } else {
                    FileHandle.standardError.write(Data("\(file): note: no state was observed; no graph written\n".utf8))
                }
            }
            if let reason = result.gaveUp {
                // The partial result is printed above; the run itself says nothing about the CPU.
                FileHandle.standardError.write(Data("\(file): error: \(reason)\n".utf8))
                outcomes.gaveUp = true
            }
        }
        outcomes.finish()
        if let junit {
            let xml = JUnitReport(
                reports: outcomes.reports, errors: outcomes.errors, skipped: outcomes.skipped,
                interruption: outcomes.interrupted ? Interrupt.signalName : nil).xml
            do { try xml.write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                FileHandle.standardError.write(Data("error: cannot write \(junit): \(error.localizedDescription)\n".utf8))
                return 2
            }
        }
        return outcomes.exitStatus(inconclusiveOK: inconclusiveOk)
    }

    /// Runs one test with a progress bar; with `--check`, retries what lacks evidence.
    private func runTest(_ program: Program, parameters: RunParameters, runner: any VariantRunning) throws(HarnessError) -> TestRunResult {
        let runner = TestRunner(runner: runner, parameters: parameters, ablate: !noAblate)
        // Progress in batches: the harness polls shouldStop once before each batch.
        let variantCount = noAblate ? 1 : program.barrierVariants.count
        let batches = (parameters.iterations + parameters.batchSize - 1) / parameters.batchSize
        let progress = ProgressBar(total: variantCount * batches, title: program.name, enabled: isatty(2) == 1)
        defer { progress.finish() }
        let limit = Counter(batches)
        var done = 0
        return try runner.run(program, evidence: check ? evidence(for: program) : nil, shouldStop: {
            progress.advance(limit: limit.value)
            return Interrupt.requested
        }) { _ in
            done += 1
            limit.value = (done + 1) * batches
            progress.update(completed: done * batches, label: "")
        }
    }

    /// What a pass needs: the overlap, and the barrier-free variant showing the condition
    /// when this CPU's model allows it there.
    private func evidence(for program: Program) -> Evidence {
        var evidence = Evidence(minOverlap: minOverlap)
        let all = program.barriers
        if !noAblate || all.isEmpty, let cpu = HostCPU.model {
            let free = all.isEmpty ? program : program.removing(all)
            if ModelVerdicts.check(free, models: [cpu]).allowsCondition(under: cpu) == true { evidence.mustWitness = all }
        }
        return evidence
    }

    /// `1000`, `200k`, `1M`, `1.5M`.
    static func count(_ text: String) -> Int? {
        var digits = text.trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        switch digits.last {
        case "k", "K": scale = 1e3
        case "m", "M": scale = 1e6
        case "g", "G": scale = 1e9
        default: break
        }
        if scale != 1 { digits.removeLast() }
        // Below 10^15 (31 years at 1 M/s), so batch arithmetic never overflows.
        if scale == 1 { return Int(digits).flatMap { $0 < 1_000_000_000_000_000 ? $0 : nil } }
        guard let value = Double(digits), value.isFinite, value > 0, value * scale < 1e15 else { return nil }
        return Int((value * scale).rounded())
    }

    /// `0,1`, `0-3`, `0,2-3`.
    static func cpuList(_ text: String) -> [Int]? {
        var cpus: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 1, let cpu = Int(bounds[0]), cpu >= 0 {
                cpus.append(cpu)
            } else if bounds.count == 2, let lo = Int(bounds[0]), let hi = Int(bounds[1]), 0 <= lo, lo <= hi, hi < 1 << 16 {
                cpus += Array(lo...hi)
            } else {
                return nil
            }
        }
        return cpus.isEmpty ? nil : cpus
    }
}

extension LocationLayout: ExpressibleByArgument {}
extension PerpetualDecoding: ExpressibleByArgument {}

/// A number shared with the harness's stop poll (read there, written between variants).
private final class Counter: @unchecked Sendable {
    var value: Int
    init(_ value: Int) { self.value = value }
}
