import Advice
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

    func validate() throws {
        _ = try parameters()
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
        let batch = self.batch ?? String(perpetual ? PerpetualEngine.defaultBatchSize : RunParameters.defaultBatchSize)
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
            ? PerpetualRunner(perpetual: PerpetualSetup(decoding: decoding))
            : SynchronisedRunner()
        let status = try execute(runner: runner)
        if status != 0 { throw ExitCode(status) }
    }

    /// The command with the hardware behind `runner` (tests pass fake results) and standard
    /// output behind `write`; the exit status.
    func execute(runner: any VariantRunning, write: (String) -> Void = { Swift.print($0, terminator: "") }) throws -> Int32 {
        func print(_ text: String, terminator: String = "\n") { write(text + terminator) }
        let parameters = try parameters()
        Interrupt.install()
        var status: Int32 = 0
        var json: [JSONValue] = []
        var reports: [RunReport] = []
        var problems: [JUnitReport.Problem] = []
        var interrupted = false
        for file in files where !interrupted {
            let program: Program
            do throws(DiagnosticError) {
                program = try Program.load(contentsOf: file)
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                problems.append(JUnitReport.Problem(file: file, message: error.description))
                if check { print(Terminal.outputStyle.red("ERROR") + " \(file): \(error.diagnostics.first?.message ?? "does not parse")") }
                status = 2
                continue
            }
            let runner = TestRunner(runner: runner, parameters: parameters, ablate: !noAblate)
            // Progress in batches: the harness polls shouldStop once before each batch.
            let variantCount = noAblate ? 1 : program.barrierVariants.count
            let batches = (parameters.iterations + parameters.batchSize - 1) / parameters.batchSize
            let progress = ProgressBar(total: variantCount * batches, title: program.name, enabled: isatty(2) == 1)
            let limit = Counter(batches)
            var done = 0
            let result: TestRunResult
            do throws(HarnessError) {
                result = try runner.run(program, shouldStop: {
                    progress.advance(limit: limit.value)
                    return Interrupt.requested
                }) { _ in
                    done += 1
                    limit.value = (done + 1) * batches
                    progress.update(completed: done * batches, label: "")
                }
            } catch {
                progress.finish()
                let located = error.location == nil ? "\(file): error: \(error.message)" : error.description
                FileHandle.standardError.write(Data("\(located)\n".utf8))
                problems.append(JUnitReport.Problem(file: file, message: error.description))
                if check { print(Terminal.outputStyle.red("ERROR") + " \(file): \(error.message)") }
                status = 2
                continue
            }
            progress.finish()
            let report = ModelComparison.report(result, file: file)
            reports.append(report)
            if check {
                print(report.summaryLine(style: Terminal.outputStyle))
            } else {
                switch format {
                case .human:
                    print(report.humanText(style: Terminal.outputStyle))
                    if report.wantsAdvice, let source = try? SourceFile.read(file) {
                        let fixes = FixSearch.reports(source: source, file: file, models: report.adviceModels)
                        print(report.adviceText(fixes, style: Terminal.outputStyle))
                    }
                case .herd:
                    // litmus7's block stays as it is; the parameters go beside it, on stderr.
                    let notes = result.notes.map { "\(file): note: \($0)\n" }.joined()
                    FileHandle.standardError.write(Data("\(file): \(HardwareReport.parameterSummary(result.setup))\n\(notes)".utf8))
                    print(report.herdText(), terminator: "")
                case .json: json.append(report.json)
                }
            }
            if let graph {
                guard let dot = report.graph() else { throw ValidationError("no state was observed; no graph written") }
                try GraphFile.write(dot, to: graph)
            }
            if let reason = result.gaveUp {
                // The partial result is printed above; the run itself says nothing about the CPU.
                FileHandle.standardError.write(Data("\(file): error: \(reason)\n".utf8))
                status = max(status, 1)
            }
            interrupted = result.interrupted || Interrupt.requested
        }
        if format == .json && !check { print(JSONValue.array(json).rendered()) }
        if let junit {
            do { try JUnitReport(reports: reports, errors: problems).xml.write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write \(junit): \(error.localizedDescription)")
            }
        }
        if interrupted { return 130 }
        if check && reports.contains(where: { !$0.passed }) { return 1 }
        return status
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
