import Advice
import ArgumentParser
import Foundation
import Harness
import Litmus
import LitmusSyntax
import Reports

/// What `litmus run` has printed and gathered so far, file by file: the steps of
/// ``RunCommand/execute(runner:write:)`` (load, run, present, finish).
struct RunCommandOutput {
    let command: RunCommand
    let write: (String) -> Void
    private(set) var status: Int32 = 0
    private(set) var interrupted = false
    private var json: [JSONValue] = []
    private var reports: [RunReport] = []
    private var problems: [JUnitReport.Problem] = []

    init(command: RunCommand, write: @escaping (String) -> Void) {
        self.command = command
        self.write = write
    }

    private func print(_ text: String, terminator: String = "\n") { write(text + terminator) }

    /// The parsed test, or nil after reporting why it does not parse.
    mutating func load(_ file: String) -> Program? {
        do throws(DiagnosticError) {
            let program = try Program.load(contentsOf: file)
            Terminal.warn(program)
            return program
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            problems.append(JUnitReport.Problem(file: file, message: error.description))
            if command.check { print(Terminal.outputStyle.red("ERROR") + " \(file): \(error.diagnostics.first?.message ?? "does not parse")") }
            status = 2
            return nil
        }
    }

    /// The test and its variants on `runner`, with a progress bar; nil after reporting a refusal.
    mutating func run(_ program: Program, file: String, runner: any VariantRunning) -> TestRunResult? {
        let parameters = command.parameters
        let testRunner = TestRunner(runner: runner, parameters: parameters, ablate: !command.noAblate)
        // Progress in batches: the harness polls shouldStop once before each batch.
        let variantCount = command.noAblate ? 1 : program.barrierVariants.count
        let batches = (parameters.iterations + parameters.batchSize - 1) / parameters.batchSize
        let progress = ProgressBar(total: variantCount * batches, title: program.name, enabled: isatty(2) == 1)
        let limit = Counter(batches)
        var done = 0
        do throws(HarnessError) {
            let result = try testRunner.run(program, shouldStop: {
                progress.advance(limit: limit.value)
                return Interrupt.requested
            }) { _ in
                done += 1
                limit.value = (done + 1) * batches
                progress.update(completed: done * batches, label: "")
            }
            progress.finish()
            return result
        } catch {
            progress.finish()
            let located = error.location == nil ? "\(file): error: \(error.message)" : error.description
            FileHandle.standardError.write(Data("\(located)\n".utf8))
            problems.append(JUnitReport.Problem(file: file, message: error.description))
            if command.check { print(Terminal.outputStyle.red("ERROR") + " \(file): \(error.message)") }
            status = 2
            return nil
        }
    }

    /// Prints the report in the format asked (or its --check line), writes --graph.
    mutating func present(_ report: RunReport, result: TestRunResult, file: String) throws {
        reports.append(report)
        if command.check {
            print(report.summaryLine(style: Terminal.outputStyle))
        } else {
            switch command.format {
            case .human:
                print(report.humanText(style: Terminal.outputStyle))
                // The hardware or the LKMM contradict the test's Result: print the computed fix.
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
        if let graph = command.graph {
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

    /// The JSON array and the JUnit file, then the exit status.
    func finish() throws -> Int32 {
        if command.format == .json && !command.check { print(JSONValue.array(json).rendered()) }
        if let junit = command.junit {
            do { try JUnitReport(reports: reports, errors: problems).xml.write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write \(junit): \(error.localizedDescription)")
            }
        }
        if interrupted { return 130 }
        if command.check && reports.contains(where: { !$0.passed }) { return 1 }
        return status
    }
}

/// A number shared with the harness's stop poll (read there, written between variants).
private final class Counter: @unchecked Sendable {
    var value: Int
    init(_ value: Int) { self.value = value }
}
