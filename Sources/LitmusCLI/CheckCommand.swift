import ArgumentParser
import Foundation
import Litmus
import LitmusSyntax
import Models
import Reports

/// `litmus check FILE... [--model M] [--format F] [--graph FILE]`: what a memory model allows.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compute the final states a memory model allows, and why the others are forbidden.",
        discussion: """
            Models: lkmm (the Linux-kernel memory model, default), sc, tso (x86-TSO), armv8 \
            (AArch64, kernel primitives mapped as on arm64). --model may repeat or list several \
            (--model lkmm,armv8); --model all checks all four.
            Formats: human (states, verdict, the axiom and cycle forbidding the condition), herd \
            (herd7's result block, for judgelitmus.sh; no Hash line), json.
            A model can also be read from herd7's files: --conf linux-kernel.cfg, or --cat \
            F.cat [--bell F.bell] [--macros F.def]; without --model, only that model is checked.
            Exit status: 0 when every file was checked, 1 when a check gave up (state \
            explosion), 2 for parse or usage errors.

            Example: litmus check litmus/sb.litmus --model lkmm --model tso --graph sb.dot
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case human, herd, json }

    @Argument(help: "Litmus test files (.litmus).")
    var files: [String]

    enum Models: ModelChoice {
        static let help = "Model(s): lkmm, sc, tso, armv8, all; repeat or separate with commas."
        static let fallback: [ModelKind] = [.lkmm]
        static let keepsOrderGiven = true
    }

    @OptionGroup var modelOptions: ModelOptions<Models>
    var models: [ModelKind] { modelOptions.models }

    @Option(name: .long, help: "Output format: human, herd or json.")
    var format: Format = .human

    @Option(name: .long, help: "Write the execution graph of the condition's outcome (DOT; SVG when the name ends in .svg).")
    var graph: String?

    // Unconditional: "--unroll -1" reaches validation, not "missing value".
    @Option(name: .long, parsing: .unconditional, help: "Times a while loop is unrolled (herd7's -unroll).")
    var unroll: Int = 2

    @Option(name: .long, help: "Give up after this many candidate executions per test.")
    var maxCandidates: Int = CheckOptions().maxCandidates

    @Option(name: .long, parsing: .unconditional, help: "Give up on a test after this many seconds of processor time (0: no limit).")
    var timeLimit: Double = 60

    @OptionGroup(title: "Models read from files")
    var catModel: CatModelOptions

    /// The built-in models to check: none when a cat model is given without --model.
    var builtInModels: [ModelKind] { catModel.isGiven && modelOptions.model.isEmpty ? [] : models }

    @Option(name: [.customShort("j"), .long], parsing: .unconditional,
            help: "Use this many threads (default: every core): files at once, and cores left over split each test's candidates; results print in input order.")
    var jobs: Int?

    func validate() throws {
        // Each unrolled iteration nests deeper (a stack overflow near 30 000) and costs more
        // than the last (200 already takes seconds): past 100, nobody gets an answer.
        guard (0 ... 100).contains(unroll) else { throw ValidationError("--unroll must be between 0 and 100 (got \(unroll))") }
        guard timeLimit >= 0 else { throw ValidationError("--time-limit must not be negative") }
        guard maxCandidates > 0 else { throw ValidationError("--max-candidates must be positive") }
        if let jobs, jobs <= 0 { throw ValidationError("-j/--jobs expects a positive count") }
        if let graph { try GraphFile.validate(graph) }
        if graph != nil && files.count * (builtInModels.count + (catModel.isGiven ? 1 : 0)) > 1 {
            throw ValidationError("--graph needs exactly one file and one model")
        }
        if let graph { try GraphFile.checkWritable(graph, option: "--graph") }
    }

    func run() throws {
        var options = CheckOptions()
        options.loopUnrolling = unroll
        options.maxCandidates = maxCandidates
        options.explain = format != .herd || graph != nil
        options.timeLimit = timeLimit > 0 ? timeLimit : nil
        let jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        // Cores the files leave idle split each test's candidates (one file: all of them).
        options.workers = max(1, jobs / max(1, files.count))
        var status: Int32 = 0
        var json: [JSONValue] = []
        let models = builtInModels
        let fileModel = try catModel.load()
        let macros = try catModel.macroDefinitions(of: fileModel)
        let checks = ParallelChecks(count: files.count, jobs: jobs) { [files, options] i -> FileCheck in
            let program: Program
            do throws(DiagnosticError) {
                program = try TestFile.load(files[i], macros: macros).program
            } catch {
                return .unreadable(error.description)
            }
            var checked: [any MemoryModel] = models.map(\.model)
            if let fileModel { checked.append(fileModel.bound(to: program)) }
            return .checked(program, checked.map { model in
                do throws(ModelError) { return .success(try ModelChecker.check(program, using: model, options: options)) } catch {
                    return .failure(error)
                }
            })
        }
        for (i, file) in files.enumerated() {
            let outcomes: [Result<CheckResult, ModelError>], program: Program
            switch checks.result(i) {
            case let .unreadable(message):
                Terminal.error(message)
                status = max(status, 2)
                continue
            case let .checked(checked, results): (program, outcomes) = (checked, results)
            }
            Terminal.warn(program)
            var noted: Set<String> = []
            for outcome in outcomes {
                let result: CheckResult
                switch outcome {
                case let .success(r): result = r
                case let .failure(error):
                    Terminal.error("\(file): error: \(error.description)")
                    status = max(status, 1)
                    continue
                }
                switch format {
                case .human: print(result.humanText)
                case .herd: print(result.herdText(), terminator: "")
                case .json: json.append(result.json)
                }
                // herd and JSON output stay as they are; notes (a NULL dereference...) go to stderr, once.
                for note in result.notes where format != .human && noted.insert(note).inserted {
                    Terminal.error("\(file): note: \(note)")
                }
                if let graph {
                    do { try writeGraph(result, to: graph) } catch {
                        Terminal.error("\(file): error: \(error)")
                        status = max(status, 1)
                    }
                }
            }
        }
        if format == .json { print(JSONValue.array(json).rendered()) }
        if CatModelOptions.reportEvaluationError(of: fileModel) { status = max(status, 1) }
        if status != 0 { throw ExitCode(status) }
    }

    struct GraphError: Error, CustomStringConvertible {
        var description: String
    }

    private func writeGraph(_ result: CheckResult, to path: String) throws {
        guard let execution = result.conditionExecution else {
            throw GraphError(description: "no candidate execution reaches the condition of \(result.program.name); no graph written")
        }
        let explanation = result.positive == 0 ? result.conditionExplanation : nil
        let title = "\(result.program.name) (\(result.modelName))" + (explanation.map { ": \($0.axiom) violated" } ?? "")
        let dot = ExecutionGraph.dot(execution, program: result.program, title: title, explanation: explanation,
                                     relations: result.graphRelations(execution))
        try GraphFile.write(dot, to: path)
    }
}
