/// How serious a diagnostic is.
public enum Severity: String, Hashable, Sendable {
    case error, warning, note
}

/// A located message about a litmus test: what is wrong and where.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ message: String, at location: SourceLocation, severity: Severity = .error) {
        self.message = message
        self.location = location
        self.severity = severity
    }

    /// `file:line:column: error: message`; a diagnostic about a whole file (line 0) omits the position.
    public var description: String {
        guard location.line > 0 else { return "\(location.file): \(severity.rawValue): \(message)" }
        return "\(location): \(severity.rawValue): \(message)"
    }

    /// The one-line description, then the offending source line and a caret under the column.
    /// Tabs before the column are kept so the caret lines up however the terminal shows tabs;
    /// a very long line is cut to a window around the column.
    public func rendered(source: String) -> String {
        guard location.line > 0, let fullLine = Self.line(location.line, of: source) else { return description }
        // Control characters (binary junk) would garble the terminal: show them as spaces.
        var line = fullLine.map { $0 < 0x20 && $0 != UInt8(ascii: "\t") || $0 == 0x7F ? UInt8(ascii: " ") : $0 }
        // A column past the end of the line (an error at end of file) puts the caret just after it.
        var column = min(max(location.column, 1), line.count + 1)
        let window = 140
        if line.count > window + 20 {
            let isContinuation = { (b: UInt8) in b & 0xC0 == 0x80 }
            var start = max(0, min(column - 1 - window / 2, line.count - window))
            while start > 0, start < line.count, isContinuation(line[start]) { start += 1 }
            var end = min(line.count, start + window)
            while end < line.count, isContinuation(line[end]) { end += 1 }
            let ellipsis = Array("...".utf8)
            let cut = (start > 0 ? ellipsis : []) + line[start..<end] + (end < line.count ? ellipsis : [])
            column += (start > 0 ? ellipsis.count : 0) - start
            line = cut
        }
        var caret = ""
        var current = 1
        for byte in line where current < column {
            current += 1
            if byte == UInt8(ascii: "\t") {
                caret.append("\t")
            } else if byte & 0xC0 != 0x80 {  // one space per character, not per UTF-8 byte
                caret.append(" ")
            }
        }
        if current < column { caret.append(String(repeating: " ", count: column - current)) }
        caret.append("^")
        return description + "\n" + String(decoding: line, as: UTF8.self) + "\n" + caret
    }

    /// The bytes of line `number` (from 1) without its line terminator.
    static func line(_ number: Int, of source: String) -> ArraySlice<UInt8>? {
        let bytes = Array(source.utf8)
        var current = 1
        var start = 0
        var index = 0
        while current < number {
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            index = newline + 1
            start = index
            current += 1
        }
        var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<end]
    }
}

/// The diagnostics for one source text: what `parse` throws. Its description renders every
/// diagnostic with its source line and caret, ready for stderr.
public struct DiagnosticError: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]
    /// The text the diagnostics point into (empty when the file could not be read).
    public var source: String

    public init(diagnostics: [Diagnostic], source: String) {
        self.diagnostics = diagnostics
        self.source = source
    }

    public init(_ diagnostic: Diagnostic, source: String = "") {
        self.init(diagnostics: [diagnostic], source: source)
    }

    public var description: String {
        diagnostics.map { $0.rendered(source: source) }.joined(separator: "\n")
    }
}
