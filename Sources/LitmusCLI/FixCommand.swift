import Advice
import ArgumentParser
import Foundation
import Litmus
import LitmusSyntax
import Models
import Reports

/// `litmus fix FILE [--model M] [--cost ARCH] [--write FILE]`: the cheapest changes that
/// make the condition's outcome forbidden, each checked by the model.
struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Find the cheapest fences or stronger accesses that forbid the condition's outcome, checked by the model.",
        discussion: """
            Looks at the program-order steps on the cycle the outcome needs and tries, cheapest \
            first, inserting smp_rmb()/smp_wmb()/smp_mb() between two accesses, making a load \
            smp_load_acquire(), a store smp_store_release(), or a relaxed RMW fully ordered. Every \
            fix printed was checked by running the model on the changed test; it is shown as a \
            diff with the axiom that now forbids the outcome. Cheaper changes that are not enough \
            are listed with the reason.
            Costs (--cost): arm64 (default; the LKMM and ARMv8): dmb ishld/ishst (smp_rmb, \
            smp_wmb) < ldar/stlr (acquire, release) < dmb ish (smp_mb, fully ordered RMW). \
            x86-64 (default for tso): everything but smp_mb() is free.
            Exit status: 0 when every model asked has a fix (or already forbids the outcome), 1 \
            when one has none in the search space (or a model gave up), 2 for bad input.

            Example: litmus fix litmus/iriw.litmus --model lkmm,armv8 --cost arm64
            """
    )

    @Argument(help: "A litmus test file (.litmus).")
    var file: String

    enum Models: ModelChoice {
        static let help = "Model(s): lkmm (default), sc, tso, armv8, all; repeat or separate with commas."
        static let fallback: [ModelKind] = [.lkmm]
        static let keepsOrderGiven = false
    }

    @OptionGroup var modelOptions: ModelOptions<Models>

    @Option(name: .long, help: "Cost model: arm64 or x86-64 (default: the model's own machine, arm64 for the LKMM).")
    var cost: String?

    @Option(name: .long, help: "Write the first fix (of the first model) as a new test to this file.")
    var write: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case human, summary, json }

    @Option(name: .long, help: "human (diffs and reasons), summary (one tab-separated line per model: test, model, result, checks, seconds) or json (an array, one object per model).")
    var format: Format = .human

    @Option(name: .long, parsing: .unconditional, help: "Give up on a test after this many seconds of processor time per check (0: no limit).")
    var timeLimit: Double = 60

    func validate() throws {
        if let cost, CostModel(rawValue: cost) == nil {
            throw ValidationError("unknown cost model '\(cost)'; expected arm64 or x86-64")
        }
        if timeLimit < 0 { throw ValidationError("--time-limit expects a number of seconds, 0 or more") }
    }

    func run() throws {
        let models = modelOptions.models
        let source = try TestFile.readOrExit(file).source  // a bundled test when no such file exists
        var options = CheckOptions()
        options.timeLimit = timeLimit == 0 ? nil : timeLimit
        var failed = false
        var written = false
        var json: [JSONValue] = []
        for (i, kind) in models.enumerated() {
            let search = FixSearch(model: kind, costModel: cost.flatMap(CostModel.init(rawValue:)), options: options)
            let report: FixReport
            do throws(FixError) {
                report = try search.run(source: source, file: file)
            } catch {
                if case .badInput = error {
                    Terminal.error(error.description)
                    throw ExitCode(2)
                }
                Terminal.error("\(file): \(kind.displayName) gave up: \(error.description)")
                switch format {
                case .summary: print([file, kind.rawValue, "gave up", "-", "-"].joined(separator: "\t"))
                case .json: json.append(.object([("file", .string(file)), ("model", .string(kind.rawValue)),
                                                 ("result", .string("gave_up")), ("reason", .string(error.description))]))
                case .human: break
                }
                failed = true
                continue
            }
            switch format {
            case .human:
                if i > 0 { print("") }
                print(report.text, terminator: "")
            case .summary:
                print(report.summaryLine)
            case .json:
                json.append(report.json)
            }
            switch report.status {
            case .alreadyForbidden, .fixed: break
            case .allowedBySC, .noFix: failed = true
            }
            if let path = write, !written, let fix = report.fixes.first {
                do {
                    try FixedTest.text(fix).write(toFile: path, atomically: true, encoding: .utf8)
                    if format == .human { print("Wrote the first fix to \(path).") }
                    written = true
                } catch {
                    Terminal.error("cannot write \(path): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
        }
        if format == .json { print(JSONValue.array(json).rendered()) }
        if let path = write, !written { Terminal.error("no fix found: \(path) not written") }
        if failed { throw ExitCode(1) }
    }
}
