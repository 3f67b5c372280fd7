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
            Formats: human (ablation table and histograms), herd (litmus7's result block for the \
            test as written), json (one object per test; schema in the README).
            Exit status: 0 when every test ran, 2 for parse or usage errors and tests the harness \
            refuses (RCU/SRCU grace periods: use `litmus check`), 130 after Ctrl-C (partial results \
            are printed).

            Example: litmus run litmus/mp+wmb+rmb.litmus -n 2M
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case human, herd, json }

    @Argument(help: "Litmus test files (.litmus).")
    var files: [String]

    @Option(name: [.customShort("n"), .long], help: "Iterations per variant; k and M suffixes allowed (1M = 1000000).")
    var iterations: String = "1M"

    @Option(name: .long, help: "Iterations that get fresh locations at once (memory is reused batch to batch; default 10000, 1M with --perpetual).")
    var batch: String?

    @Option(name: .long, help: "CPUs to run on, e.g. 0,1 or 0-3 (default: every CPU this process may use).")
    var cpus: String?

    @Option(name: [.customShort("a"), .long], help: "Use only the first N available CPUs (litmus7's -a).")
    var avail: Int?

    @Option(name: .long, help: "Location layout: line (a cache line each), packed (one line per iteration), array.")
    var layout: LocationLayout = .line

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

    @Flag(name: .long, help: "Perpetual mode: threads run free over whole batches, stores write sequence values, outcomes are decoded from the recorded reads; counts are instances found (see README).")
    var perpetual = false

    @Option(name: .long, help: "With --perpetual: how instances are counted: automatic, exact or linear.")
    var decoding: PerpetualDecoding = .automatic

    func validate() throws {
        _ = try parameters()
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
            throw ValidationError("--sync expects slack:N (N ≥ 0) or none (got '\(sync)')")
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
        let parameters = try parameters()
        Interrupt.install()
        var status: Int32 = 0
        var json: [JSONValue] = []
        var interrupted = false
        for file in files where !interrupted {
            let program: Program
            do throws(DiagnosticError) {
                program = try Program.load(contentsOf: file)
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                status = 2
                continue
            }
            let runner = perpetual
                ? TestRunner(runner: PerpetualVariantRunner(perpetual: PerpetualSetup(decoding: decoding)), parameters: parameters, ablate: !noAblate)
                : TestRunner(parameters: parameters, ablate: !noAblate)
            let result: TestRunResult
            do throws(HarnessError) {
                result = try runner.run(program, shouldStop: { Interrupt.requested })
            } catch {
                FileHandle.standardError.write(Data("\(file): error: \(error.description)\n".utf8))
                status = 2
                continue
            }
            switch format {
            case .human: print(HardwareReport.human(result))
            case .herd: print(HardwareReport.herd(result), terminator: "")
            case .json: json.append(HardwareReport.json(result))
            }
            interrupted = result.interrupted || Interrupt.requested
        }
        if format == .json { print(JSONValue.array(json).rendered()) }
        if interrupted { throw ExitCode(130) }
        if status != 0 { throw ExitCode(status) }
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
        if scale == 1 { return Int(digits) }
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
