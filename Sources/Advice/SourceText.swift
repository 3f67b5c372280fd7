import LitmusSyntax

/// A test's source as bytes, addressed the way diagnostics address it (line and UTF-8 column
/// from 1), with the edits a fix makes and the unified diff that shows them.
public struct SourceText: Sendable {
    public let text: String
    let bytes: [UInt8]
    /// Byte offset where each line starts (index 0 is line 1).
    let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
    }

    /// Byte offset of `location`, nil when it is outside the text.
    func offset(_ location: SourceLocation) -> Int? {
        guard location.line >= 1, location.line <= lineStarts.count else { return nil }
        let offset = lineStarts[location.line - 1] + location.column - 1
        return offset <= bytes.count ? offset : nil
    }

    /// The line's leading blanks.
    func indentation(ofLine line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        var i = lineStarts[line - 1]
        var out: [UInt8] = []
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") {
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether only blanks precede `location` on its line.
    func startsLine(_ location: SourceLocation) -> Bool {
        indentation(ofLine: location.line).utf8.count == location.column - 1
    }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The text with `edits` applied (they must not overlap).
    public func applying(_ edits: [SourceEdit]) -> String {
        var out = bytes
        for edit in edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound) }) {
            out.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A unified diff (`---`/`+++`, hunks with one line of context) from this text to `changed`.
    public func diff(to changed: String, name: String) -> String {
        let old = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = changed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let script = LineDiff.script(old, new)
        var lines = ["--- \(name)", "+++ \(name) (fixed)"]
        for hunk in LineDiff.hunks(script, context: 1) {
            lines.append("@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@")
            lines += hunk.lines
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Replace the bytes `range` of a source with `replacement` (an empty range inserts).
public struct SourceEdit: Hashable, Sendable {
    public var range: Range<Int>
    public var replacement: String

    public init(range: Range<Int>, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A line diff by longest common subsequence (tests are a few dozen lines).
enum LineDiff {
    enum Line { case same(String), removed(String), added(String) }

    struct Hunk {
        var oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
        var lines: [String]
    }

    static func script(_ a: [String], _ b: [String]) -> [Line] {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append(.same(a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                out.append(.removed(a[i])); i += 1
            } else {
                out.append(.added(b[j])); j += 1
            }
        }
        return out
    }

    /// Groups changed lines with `context` unchanged lines around them.
    static func hunks(_ script: [Line], context: Int) -> [Hunk] {
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return [] }
        var ranges: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context) ... min(script.count - 1, index + context)
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound ... max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        // Line numbers (from 1) of each script entry in the old and new texts.
        var oldLine = 1, newLine = 1
        var positions: [(old: Int, new: Int)] = []
        for line in script {
            positions.append((oldLine, newLine))
            switch line {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        return ranges.map { range in
            var hunk = Hunk(oldStart: positions[range.lowerBound].old, oldCount: 0,
                            newStart: positions[range.lowerBound].new, newCount: 0, lines: [])
            for line in script[range] {
                switch line {
                case let .same(s): hunk.lines.append(" " + s); hunk.oldCount += 1; hunk.newCount += 1
                case let .removed(s): hunk.lines.append("-" + s); hunk.oldCount += 1
                case let .added(s): hunk.lines.append("+" + s); hunk.newCount += 1
                }
            }
            return hunk
        }
    }
}
