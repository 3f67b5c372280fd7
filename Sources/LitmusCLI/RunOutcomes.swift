import Foundation
import Harness
import Models
import Reports

/// What `litmus run` saw, file by file: prints each outcome as it comes (in the chosen
/// format) and decides the exit status at the end.
struct RunOutcomes {
    let check: Bool
    let format: RunCommand.Format
    let write: (String) -> Void
    private(set) var reports: [RunReport] = []
    private(set) var errors: [JUnitReport.Problem] = []
    private(set) var skipped: [JUnitReport.Problem] = []
    private var json: [JSONValue] = []
    /// Some test completed no iteration at all (its threads loop forever or deadlock).
    var gaveUp = false

    init(check: Bool, format: RunCommand.Format, write: @escaping (String) -> Void) {
        self.check = check
        self.format = format
        self.write = write
    }

    /// A signal arrived, or a run stopped early for one.
    var interrupted: Bool { Interrupt.requested || reports.contains { $0.run.interrupted } }

    private func print(_ text: String) { write(text + "\n") }

    private func stderr(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    mutating func add(_ report: RunReport) {
        reports.append(report)
        switch format {
        case .human: print(check ? report.summaryLine(style: Terminal.outputStyle) : report.humanText(style: Terminal.outputStyle))
        case .herd:
            // litmus7's block stays as it is; the parameters go beside it, on stderr.
            let file = report.file ?? report.run.program.name
            stderr("\(file): \(HardwareReport.parameterSummary(report.run.setup))"
                + report.run.notes.map { "\n\(file): note: \($0)" }.joined())
            write(report.herdText(withStatus: check))
        case .json: json.append(report.json)
        }
    }

    /// A file that does not parse or cannot run: the message on stderr, and an entry in JSON.
    mutating func error(_ file: String, _ message: String, summary: String) {
        stderr(message)
        errors.append(JUnitReport.Problem(file: file, message: message))
        if check && format == .human { print(Terminal.outputStyle.red("ERROR") + " \(file): \(summary)") }
        if format == .herd && check { write("% \(file): status: error: \(summary)\n\n") }
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

    /// Something after the run failed (the graph could not be written).
    mutating func fail(_ file: String, _ message: String) {
        stderr("\(file): error: \(message)")
        errors.append(JUnitReport.Problem(file: file, message: message))
    }

    func finish() {
        if format == .json { print(JSONValue.array(json).rendered()) }
    }

    /// 128 + the signal after SIGINT/SIGTERM; with `--check` 1 when anything forbidden was
    /// seen, 2 for errors, 3 when a test is inconclusive (0 with `--inconclusive-ok`), else 0.
    func exitStatus(inconclusiveOK: Bool) -> Int32 {
        if interrupted { return Interrupt.exitStatus }
        if check && reports.contains(where: { $0.status == .fail }) { return 1 }
        if !errors.isEmpty { return 2 }
        if gaveUp { return 1 }
        if check && !inconclusiveOK && reports.contains(where: { $0.status == .inconclusive }) { return 3 }
        return 0
    }
}
