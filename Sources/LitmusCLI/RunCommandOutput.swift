import Advice
import ArgumentParser
import Foundation
import Harness
import Litmus
import LitmusSyntax
import Models
import Reports

/// What `litmus run` has printed and gathered so far, file by file: the steps of
/// ``RunCommand/execute(runner:write:)`` (load, run, present, finish). Each outcome is printed
/// as it comes, in the format asked (with `--check`: its verdict); the exit status comes last.
struct RunCommandOutput {
    let command: RunCommand
    let write: (String) -> Void
    private(set) var reports: [RunReport] = []
    private var errors: [JUnitReport.Problem] = []
    private var skipped: [JUnitReport.Problem] = []
    private var json: [JSONValue] = []
    /// Some test completed no iteration at all (its threads loop forever or deadlock).
    private var gaveUp = false

    init(command: RunCommand, write: @escaping (String) -> Void) {
        self.command = command
        self.write = write
    }

    /// A signal arrived, or a run stopped early for one.
    var interrupted: Bool { Interrupt.requested || reports.contains { $0.run.interrupted } }

    private var check: Bool { command.check }
    private var format: RunCommand.Format { command.format }

    private func print(_ text: String) { write(text + "\n") }

    private func stderr(_ text: String) { Terminal.error(text) }

    /// The parsed test and the name to report it under (a bundled test's when no such file
    /// exists), or nil after reporting why it does not parse.
    mutating func load(_ argument: String) -> (program: Program, file: String)? {
        do throws(DiagnosticError) {
            let loaded = try TestFile.load(argument)
            Terminal.warn(loaded.program)
            return loaded
        } catch {
            self.error(argument, error.description, summary: error.diagnostics.first?.message ?? "does not parse")
            return nil
        }
    }

    /// The test and its variants on `runner`, with a progress bar (with `--check`, retried until
    /// it has its evidence); nil after reporting a refusal or an error.
    mutating func run(_ program: Program, file: String, runner: any VariantRunning) -> TestRunResult? {
        let parameters = command.parameters
        let testRunner = TestRunner(runner: runner, parameters: parameters, ablate: !command.noAblate)
        let evidence = check
            ? ModelComparison.evidence(for: program, minOverlap: command.minOverlap, ablate: !command.noAblate) : nil
        // Progress in batches: the harness polls shouldStop once before each batch.
        let variantCount = command.noAblate ? 1 : program.barrierVariants.count
        let batches = (parameters.iterations + parameters.batchSize - 1) / parameters.batchSize
        let progress = ProgressBar(total: variantCount * batches, title: program.name, enabled: isatty(2) == 1)
        defer { progress.finish() }
        let limit = Counter(batches)
        var done = 0
        do throws(HarnessError) {
            return try testRunner.run(program, evidence: evidence, shouldStop: {
                progress.advance(limit: limit.value)
                return Interrupt.requested
            }) { _ in
                done += 1
                limit.value = (done + 1) * batches
                progress.update(completed: done * batches, label: "")
            }
        } catch {
            let located = error.location == nil ? "\(file): error: \(error.message)" : error.description
            if error.isRefusal && check {
                skip(file, test: program.name, reason: error.message, detail: located)
            } else {
                self.error(file, located, summary: error.message)
            }
            return nil
        }
    }

    /// The hardware or the LKMM contradict the test's Result: the computed fixes (not with --check).
    private func advice(_ report: RunReport, file: String) -> [ModelKind: FixReport]? {
        guard !check, report.wantsAdvice, let source = try? TestFile.read(file).source else { return nil }
        return FixSearch.reports(source: source, file: file, models: report.adviceModels)
    }

    /// Prints the report in the format asked (with `--check`, its verdict), writes --graph.
    mutating func present(_ report: RunReport, result: TestRunResult, file: String) {
        var report = report
        report.minOverlap = command.minOverlap
        reports.append(report)
        switch format {
        case .human where check: print(report.summaryLine(style: Terminal.outputStyle))
        case .human:
            print(report.humanText(style: Terminal.outputStyle))
            if let fixes = advice(report, file: file) { print(report.adviceText(fixes, style: Terminal.outputStyle)) }
        case .herd:
            // litmus7's block stays as it is; the parameters go beside it, on stderr.
            stderr("\(file): \(HardwareReport.parameterSummary(result.setup))" + result.notes.map { "\n\(file): note: \($0)" }.joined())
            write(report.herdText(withStatus: check))
        case .json: json.append(advice(report, file: file).map { report.json(advice: $0) } ?? report.json)
        }
        if let graph = command.graph {
            if let dot = report.graph() {
                do { try GraphFile.write(dot, to: graph) } catch {
                    stderr("\(file): error: \(error)")
                    errors.append(JUnitReport.Problem(file: file, message: "\(error)"))
                }
            } else {
                stderr("\(file): note: no state was observed; no graph written")
            }
        }
        if let reason = result.gaveUp {
            // The partial result is printed above; the run itself says nothing about the CPU.
            stderr("\(file): error: \(reason)")
            gaveUp = true
        }
    }

    /// A file that does not parse or cannot run: the message on stderr, and an entry in JSON.
    mutating func error(_ file: String, _ message: String, summary: String) {
        stderr(message)
        errors.append(JUnitReport.Problem(file: file, message: message))
        if check && format == .human { print(Terminal.outputStyle.red("ERROR") + " \(file): \(summary)") }
        if check && format == .herd { write("% \(file): status: error: \(summary)\n\n") }
        json.append(.object([("file", .string(file)), ("status", .string("error")), ("error", .string(message))]))
    }

    /// A test not run (refused by the harness, or never reached after a signal).
    mutating func skip(_ file: String, test: String?, reason: String, detail: String? = nil) {
        if let detail { stderr(detail) }
        skipped.append(JUnitReport.Problem(file: file, message: reason))
        if format == .human { print(Terminal.outputStyle.yellow("SKIP") + " \(file): " + (test.map { "\($0), " } ?? "") + reason) }
        if format == .herd { write("% \(file): status: skipped: \(reason)\n\n") }
        json.append(.object([
            ("file", .string(file)), ("test", test.map(JSONValue.string) ?? .null),
            ("status", .string("skipped")), ("reason", .string(reason)),
        ]))
    }

    /// The JSON array and the JUnit file, then the exit status: 128 + the signal after
    /// SIGINT/SIGTERM; with `--check` 1 when anything forbidden was seen, 2 for errors, 3 when
    /// a test is inconclusive (0 with `--inconclusive-ok`), else 0.
    func finish() -> Int32 {
        if format == .json { print(JSONValue.array(json).rendered()) }
        if let junit = command.junit {
            let xml = JUnitReport(
                reports: reports, errors: errors, skipped: skipped,
                interruption: interrupted ? Interrupt.signalName : nil).xml
            do { try xml.write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                stderr("error: cannot write \(junit): \(error.localizedDescription)")
                return 2
            }
        }
        if interrupted { return Interrupt.exitStatus }
        if check && reports.contains(where: { $0.status == .fail }) { return 1 }
        if !errors.isEmpty { return 2 }
        if gaveUp { return 1 }
        if check && !command.inconclusiveOk && reports.contains(where: { $0.status == .inconclusive }) { return 3 }
        return 0
    }
}

/// A number shared with the harness's stop poll (read there, written between variants).
private final class Counter: @unchecked Sendable {
    var value: Int
    init(_ value: Int) { self.value = value }
}
