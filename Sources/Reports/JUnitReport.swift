import Harness
import Litmus

/// JUnit XML for CI: a test suite per file, a test case per variant. A variant whose run
/// observed something forbidden is a failure; an inconclusive test, a partial run and a test
/// not run (refused by the harness, or cut short by a signal) are `<skipped>` with the reason,
/// never passes. A file that could not be parsed or run is an error.
public struct JUnitReport: Sendable {
    public struct Problem: Sendable {
        public var file: String
        public var message: String
        public init(file: String, message: String) {
            self.file = file
            self.message = message
        }
    }

    public var reports: [RunReport]
    /// Files that failed to parse or run.
    public var errors: [Problem]
    /// Files not run: refused by the harness, or never reached after a signal.
    public var skipped: [Problem]
    /// The signal that stopped the run (`SIGTERM`), if one did.
    public var interruption: String?

    public init(reports: [RunReport], errors: [Problem] = [], skipped: [Problem] = [], interruption: String? = nil) {
        self.reports = reports
        self.errors = errors
        self.skipped = skipped
        self.interruption = interruption
    }

    public var xml: String {
        let suites = reports.map(suite)
        let cases = suites.reduce(0) { $0 + $1.tests } + errors.count + skipped.count
        let failures = suites.reduce(0) { $0 + $1.failures }
        let skips = suites.reduce(0) { $0 + $1.skipped } + skipped.count
        let time = reports.reduce(0.0) { $0 + $1.variants.reduce(0.0) { $0 + $1.observed.seconds } }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="litmus" tests="\#(cases)" failures="\#(failures)" errors="\#(errors.count)" skipped="\#(skips)" time="\#(Text.fixed(time, 3))">"#,
        ]
        for suite in suites { lines += suite.lines }
        for (problem, element) in errors.map({ ($0, "error") }) + skipped.map({ ($0, "skipped") }) {
            let name = Self.escape(problem.file)
            let counts = element == "error" ? #"failures="0" errors="1" skipped="0""# : #"failures="0" errors="0" skipped="1""#
            lines.append(#"  <testsuite name="\#(name)" tests="1" \#(counts) time="0.000" file="\#(name)">"#)
            lines.append(#"    <testcase classname="\#(name)" name="run" time="0.000">"#)
            let type = element == "error" ? #" type="error""# : ""
            lines.append(#"      <\#(element) message="\#(Self.escape(problem.message))"\#(type)/>"#)
            lines.append("    </testcase>")
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Suite {
        var lines: [String]
        var tests: Int
        var failures: Int
        var skipped: Int
    }

    /// One file's suite, named after the file (two files may hold tests of the same name).
    private func suite(_ report: RunReport) -> Suite {
        let name = Self.escape(report.file ?? report.run.program.name)
        let total = report.run.program.barriers.count
        let ran = Set(report.variants.map { Set($0.observed.removed) })
        // Variants a signal kept from starting: reported as not run.
        let notRun = report.run.planned.filter { !ran.contains(Set($0)) }
        let reasons = report.status == .inconclusive ? report.inconclusiveReasons : []
        var body: [String] = []
        var failures = 0, skipped = 0
        for (index, variant) in report.variants.enumerated() {
            let program = variant.program
            body.append(#"    <testcase classname="\#(name)" name="\#(Self.escape(variant.label))" time="\#(Text.fixed(variant.observed.seconds, 3))">"#)
            for finding in variant.findings {
                body.append(#"      <failure message="\#(Self.escape(finding.message))" type="\#(finding.kind.rawValue)"/>"#)
            }
            if variant.findings.isEmpty {
                let partial = report.run.interrupted && index == report.variants.count - 1
                if partial {
                    let message = "partial: interrupted" + (interruption.map { " by \($0)" } ?? "")
                        + " after \(Text.grouped(variant.observed.iterations)) of \(Text.grouped(report.run.setup.iterations)) iterations"
                    body.append(#"      <skipped message="\#(Self.escape(message))"/>"#)
                } else if variant.isAsWritten && !reasons.isEmpty {
                    body.append(#"      <skipped message="\#(Self.escape("inconclusive: " + reasons.joined(separator: "; ")))"/>"#)
                }
                if partial || (variant.isAsWritten && !reasons.isEmpty) { skipped += 1 }
            } else {
                failures += 1
            }
            var out = ["\(program.herdCondition): \(variant.observed.verdict.rawValue), "
                + "\(Text.grouped(variant.observed.witnesses)) of \(Text.grouped(variant.observed.iterations)) iterations"
                + (variant.observed.overlap.map { ", threads overlapped in \(Text.percent($0.fraction))" } ?? "")]
            for row in variant.rows {
                out.append("\(row.count) \(row.satisfiesCondition ? "*>" : ":>")\(program.render(row.state))")
            }
            out.append(report.models.map { "\($0.displayName): \(variant.models.verdict(under: $0)?.rawValue ?? "?")" }
                .joined(separator: ", "))
            body.append("      <system-out>" + Self.escape(out.joined(separator: "\n"), attribute: false) + "</system-out>")
            body.append("    </testcase>")
        }
        for removed in notRun {
            let label = HardwareReport.variantName(
                VariantResult(removed: removed, iterations: 0, histogram: [:], witnesses: 0, seconds: 0), total: total)
            body.append(#"    <testcase classname="\#(name)" name="\#(Self.escape(label))" time="0.000">"#)
            body.append(#"      <skipped message="\#(Self.escape("not run: interrupted\(interruption.map { " by \($0)" } ?? "")"))"/>"#)
            body.append("    </testcase>")
            skipped += 1
        }
        let time = report.variants.reduce(0.0) { $0 + $1.observed.seconds }
        let tests = report.variants.count + notRun.count
        let header = #"  <testsuite name="\#(name)" tests="\#(tests)" failures="\#(failures)" errors="0" skipped="\#(skipped)" time="\#(Text.fixed(time, 3))"\#(report.file.map { " file=\"\(Self.escape($0))\"" } ?? "")>"#
        return Suite(lines: [header] + body + ["  </testsuite>"], tests: tests, failures: failures, skipped: skipped)
    }

    /// XML text; in attributes also newlines and tabs as character references, which a parser
    /// would otherwise turn into spaces.
    static func escape(_ s: String, attribute: Bool = true) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\r" where attribute: out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default: out.append(c)
            }
        }
        return out
    }
}
