import ArgumentParser
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

    // Unconditional: "-n -5" reaches the count's own message, not "missing value". Options
    // parsed by a transform get no "(default: ...)" from argument-parser: the help says it.
    @Option(name: [.customShort("n"), .long], parsing: .unconditional, help: "Iterations per variant; k and M suffixes allowed (1M = 1000000). (default: 1M)",
            transform: CountArgument.parser("-n", examples: "1000, 200k or 1M"))
    var iterations = CountArgument("1M")

    @Option(name: .long, parsing: .unconditional, help: "Iterations that get fresh locations at once (memory is reused batch to batch; default 10000, 1M with --perpetual).",
            transform: CountArgument.parser("--batch", examples: "10000 or 10k"))
    var batch: CountArgument?

    @Option(name: .long, help: "CPUs to run on, e.g. 0,1 or 0-3 (default: every CPU this process may use).", transform: CPUListArgument.parse)
    var cpus: CPUListArgument?

    @Option(name: [.customShort("a"), .long], parsing: .unconditional, help: "Use only the first N available CPUs (litmus7's -a).",
            transform: Self.positiveCPUCount)
    var avail: Int?

    @Option(name: .long, help: "Location layout: line (a cache line each), packed (one line per iteration), array.")
    var layout: LocationLayout = RunParameters.defaultLayout

    @Flag(name: .long, help: "Visit iterations' locations in a random order.")
    var shuffle = false

    @Option(name: .long, help: "Per-iteration synchronisation: slack:N (wait until others are at most N iterations behind) or none. (default: slack:2)",
            transform: Self.synchronisation)
    var sync = Synchronisation.default

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
        if let graph {
            try GraphFile.validate(graph)
            guard files.count == 1 else { throw ValidationError("--graph needs exactly one file") }
            try GraphFile.checkWritable(graph, option: "--graph")
        }
        if let junit { try GraphFile.checkWritable(junit, option: "--junit") }
    }

    static func positiveCPUCount(_ text: String) throws -> Int {
        guard let n = Int(text), n > 0 else { throw ValidationError("-a expects a positive CPU count") }
        return n
    }

    static func synchronisation(_ text: String) throws -> Synchronisation {
        guard let synchronisation = Synchronisation(argument: text) else {
            let hint = text == "timebase" ? " (litmus7's timebase mode is not supported)" : ""
            throw ValidationError("--sync expects slack:N (N ≥ 0), user (= slack:0) or none (got '\(text)')\(hint)")
        }
        return synchronisation
    }

    /// The harness parameters; the CPU pool itself is chosen by the runner (``CPUPool``).
    var parameters: RunParameters {
        let batch = self.batch?.value ?? (perpetual ? PerpetualEngine.defaultBatchSize : RunParameters.defaultBatchSize)
        return RunParameters(
            iterations: iterations.value, batchSize: batch, cpus: cpus?.cpus, firstCPUs: avail, layout: layout,
            shuffle: shuffle, synchronisation: sync, seed: seed)
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
    func execute(runner: any VariantRunning, write: @escaping (String) -> Void = { Swift.print($0, terminator: "") }) throws -> Int32 {
        Interrupt.install()
        var output = RunCommandOutput(command: self, write: write)
        for file in files where !output.interrupted {
            guard let program = output.load(file) else { continue }
            guard let result = output.run(program, file: file, runner: runner) else { continue }
            try output.present(ModelComparison.report(result, file: file), result: result, file: file)
        }
        return try output.finish()
    }
}

extension LocationLayout: ExpressibleByArgument {}
extension PerpetualDecoding: ExpressibleByArgument {}
