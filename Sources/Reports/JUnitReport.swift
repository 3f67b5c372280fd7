import Litmus

/// JUnit XML for CI: a test suite per litmus test, a test case per variant; a variant whose
/// run observed something forbidden is a failure. A file that could not be run is an error.
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

    public init(reports: [RunReport], errors: [Problem] = []) {
        self.reports = reports
        self.errors = errors
    }

    public var xml: String {
        let cases = reports.reduce(0) { $0 + $1.variants.count } + errors.count
        let failures = reports.reduce(0) { $0 + $1.variants.filter { !$0.findings.isEmpty }.count }
        let time = reports.reduce(0.0) { $0 + $1.variants.reduce(0.0) { $0 + $1.observed.seconds } }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="litmus" tests="\#(cases)" failures="\#(failures)" errors="\#(errors.count)" time="\#(Text.fixed(time, 3))">"#,
        ]
        for report in reports { lines += suite(report) }
        for problem in errors {
            let name = escape(problem.file)
            lines.append(#"  <testsuite name="\#(name)" tests="1" failures="0" errors="1" time="0.000">"#)
            lines.append(#"    <testcase classname="\#(name)" name="run" time="0.000">"#)
            lines.append(#"      <error message="\#(escape(problem.message))" type="error"/>"#)
            lines.append("    </testcase>")
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func suite(_ report: RunReport) -> [String] {
        let name = escape(report.run.program.name)
        let failures = report.variants.filter { !$0.findings.isEmpty }.count
        let time = report.variants.reduce(0.0) { $0 + $1.observed.seconds }
        var lines = [#"  <testsuite name="\#(name)" tests="\#(report.variants.count)" failures="\#(failures)" errors="0" time="\#(Text.fixed(time, 3))"\#(report.file.map { " file=\"\(escape($0))\"" } ?? "")>"#]
        for variant in report.variants {
            let program = variant.program
            lines.append(#"    <testcase classname="\#(name)" name="\#(escape(variant.label))" time="\#(Text.fixed(variant.observed.seconds, 3))">"#)
            for finding in variant.findings {
                lines.append(#"      <failure message="\#(escape(finding.message))" type="\#(finding.kind.rawValue)"/>"#)
            }
            var out = ["\(program.herdCondition): \(variant.observed.verdict.rawValue), "
                + "\(variant.observed.witnesses) of \(variant.observed.iterations) iterations"]
            for row in variant.rows {
                out.append("\(row.count) \(row.satisfiesCondition ? "*>" : ":>")\(program.render(row.state))")
            }
            out.append(report.models.map { "\($0.displayName): \(variant.models.verdict(under: $0)?.rawValue ?? "?")" }
                .joined(separator: ", "))
            lines.append("      <system-out>" + escape(out.joined(separator: "\n")) + "</system-out>")
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        return lines
    }

    private func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
