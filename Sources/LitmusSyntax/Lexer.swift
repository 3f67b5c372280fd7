/// A cursor over the UTF-8 bytes of a litmus file.
///
/// herd7's files mix two lexical worlds: OCaml-style `(* ... *)` comments in the header,
/// init block and final condition, and C inside process bodies, where `(*p)` is a
/// dereference. The parser switches ``mode`` when it enters or leaves a body.
struct Lexer {
    struct Position: Sendable {
        var offset = 0
        var line = 1
        var lineStart = 0
    }

    enum Mode { case litmus, c }

    let bytes: [UInt8]
    let file: String
    var position = Position()
    var mode = Mode.litmus
    private(set) var diagnostics: [Diagnostic] = []
    /// Comment texts with their start offsets (a re-lexed comment is recorded once).
    private(set) var comments: [(offset: Int, text: String)] = []

    init(source: String, file: String) {
        bytes = Array(source.utf8)
        self.file = file
        // A UTF-8 byte order mark is not part of the text (columns still count from the line start).
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position.offset = 3 }
    }

    /// Longest first, so `==>` wins over `==` and `/\` over `/`.
    private static let symbols: [[UInt8]] = [
        "==>", "<<=", ">>=", "/\\", "\\/", "==", "=>", "!=", "<>", "<=", ">=", "&&", "||", "<<", ">>", "->", "++", "--",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "{", "}", "(", ")", "[", "]", ";", ",", ":", "=", "+", "-", "*", "/", "%", "&", "|", "^", "~",
        "!", "<", ">", "?", ".",
    ].map { Array($0.utf8) }

    var location: SourceLocation { location(of: position) }

    func location(of p: Position) -> SourceLocation {
        SourceLocation(file: file, line: p.line, column: p.offset - p.lineStart + 1)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let i = position.offset + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func advance() {
        guard position.offset < bytes.count else { return }
        if bytes[position.offset] == UInt8(ascii: "\n") {
            position.line += 1
            position.lineStart = position.offset + 1
        }
        position.offset += 1
    }

    private func text(from start: Int) -> String {
        String(decoding: bytes[start..<position.offset], as: UTF8.self)
    }

    /// Records a lexical error; past the parser's error limit the rest are not worth keeping.
    private mutating func report(_ message: String, at p: Position) {
        guard diagnostics.count < Parser.maxErrors else { return }
        let diagnostic = Diagnostic(message, at: location(of: p))
        // Re-lexing after a mode switch may meet the same error twice.
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    /// The next token, skipping whitespace, comments and (after reporting them) stray characters.
    mutating func next() -> Token {
        while true {
            if let token = attempt() { return token }
        }
    }

    private mutating func attempt() -> Token? {
        skipTrivia()
        let start = position
        guard let byte = peek() else { return make(.endOfFile, "", start) }
        if Self.isIdentifierStart(byte) {
            while let b = peek(), Self.isIdentifierPart(b) { advance() }
            return make(.identifier, text(from: start.offset), start)
        }
        if Self.isDigit(byte) {
            while let b = peek(), Self.isIdentifierPart(b) { advance() }
            return make(.integer, text(from: start.offset), start)
        }
        if byte == UInt8(ascii: "\"") { return string(start) }
        for symbol in Self.symbols where matches(symbol) {
            for _ in symbol { advance() }
            return make(.symbol, String(decoding: symbol, as: UTF8.self), start)
        }
        // One diagnostic per unexpected character, however many UTF-8 bytes it has.
        advance()
        while let b = peek(), b & 0xC0 == 0x80 { advance() }
        let character = text(from: start.offset)
        let shown = byte < 0x20 || byte == 0x7F ? "\\u{\(String(byte, radix: 16))}" : character
        report("unexpected character '\(shown)'", at: start)
        return nil
    }

    /// The header's test name: everything up to the next whitespace (`Z6.0+pooncelock`).
    mutating func word() -> Token {
        while let b = peek(), b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { advance() }
        let start = position
        while let b = peek(), !Self.isWhitespace(b) { advance() }
        if position.offset == start.offset { return make(.endOfFile, "", start) }
        return make(.identifier, text(from: start.offset), start)
    }

    /// One line between the header and the init block: diy7's `Key=Value` (`Cycle=...`,
    /// `Relax=...`, `Generator=...`) or other text, which herd7 skips too.
    struct InfoLine {
        var key: String?
        var value: String
        var location: SourceLocation
    }

    /// Reads the lines up to the init block's `{` (left unread), skipping blank lines and
    /// comments. As herd7: a key is a letter then letters, digits, `_ / . -`; blanks may
    /// surround the `=`; the value runs to the end of the line.
    mutating func infoLines() -> [InfoLine] {
        var lines: [InfoLine] = []
        while true {
            skipTrivia()
            guard let b = peek(), b != UInt8(ascii: "{") else { return lines }
            if startsTestBody() { return lines }
            let start = position
            var lineEnd = start.offset
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = String(decoding: bytes[start.offset..<lineEnd], as: UTF8.self)
            let key = line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "_/.-".contains($0)) }
            let rest = line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if let first = key.first, first.isLetter, rest.first == "=" {
                while position.offset < lineEnd { advance() }
                var value = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
                while let last = value.last, last == " " || last == "\t" || last == "\r" { value = value.dropLast() }
                lines.append(InfoLine(key: String(key), value: String(value), location: location(of: start)))
            } else {
                while let c = peek(), c != UInt8(ascii: "\n"), c != UInt8(ascii: "{") { advance() }
                let text = self.text(from: start.offset).trimmingSuffix(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
                lines.append(InfoLine(key: nil, value: text, location: location(of: start)))
            }
        }
    }

    /// A process header (`P0(`) or the final part: the init block is missing, which the
    /// parser reports there rather than reading the program as header text.
    private func startsTestBody() -> Bool {
        var i = position.offset
        func word() -> String {
            let start = i
            while i < bytes.count, Self.isIdentifierPart(bytes[i]) { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "~") { i += 1 }
        let first = word()
        if ["exists", "forall", "locations", "filter"].contains(first) { return true }
        guard first.count > 1, first.first == "P", first.dropFirst().allSatisfy(\.isNumber) else { return false }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "(")
    }

    /// Skips blanks on the current line; true when `(` follows (herd7's `(texname)` after the name).
    mutating func skipBlanks() {
        while let b = peek(), b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") { advance() }
    }

    /// herd7's optional `(texname)` after the test name, on the same line; nil when absent.
    mutating func parenthesizedName() -> String? {
        skipBlanks()
        guard peek() == UInt8(ascii: "("), let after = peek(1), after != UInt8(ascii: "*") else { return nil }
        var end = position.offset + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: ")"), bytes[end] != UInt8(ascii: "\n") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ")") else { return nil }
        let start = position.offset + 1
        while position.offset <= end { advance() }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func make(_ kind: Token.Kind, _ text: String, _ start: Position) -> Token {
        Token(kind: kind, text: text, location: location(of: start), start: start, end: position)
    }

    private func matches(_ symbol: [UInt8]) -> Bool {
        guard position.offset + symbol.count <= bytes.count else { return false }
        for (i, b) in symbol.enumerated() where bytes[position.offset + i] != b { return false }
        return true
    }

    private mutating func string(_ start: Position) -> Token {
        advance()
        let contentStart = position.offset
        while let b = peek(), b != UInt8(ascii: "\""), b != UInt8(ascii: "\n") { advance() }
        guard peek() == UInt8(ascii: "\"") else {
            report("unterminated string", at: start)
            return make(.string, text(from: contentStart), start)
        }
        let content = text(from: contentStart)
        advance()
        return make(.string, content, start)
    }

    private mutating func skipTrivia() {
        while let b = peek() {
            if Self.isWhitespace(b) {
                advance()
            } else if b == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                let start = position.offset
                while let c = peek(), c != UInt8(ascii: "\n") { advance() }
                record(start)
            } else if b == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                blockComment(open: "/*", close: "*/", nests: false)
            } else if mode == .litmus, b == UInt8(ascii: "("), peek(1) == UInt8(ascii: "*") {
                blockComment(open: "(*", close: "*)", nests: true)
            } else {
                return
            }
        }
    }

    /// `/* */` comments end at the first `*/`; OCaml's `(* *)` nest.
    private mutating func blockComment(open: String, close: String, nests: Bool) {
        let start = position
        let openBytes = Array(open.utf8), closeBytes = Array(close.utf8)
        advance(); advance()
        var depth = 1
        while depth > 0 {
            guard peek() != nil else {
                report("unterminated comment", at: start)
                break
            }
            if matches(closeBytes) {
                advance(); advance()
                depth -= 1
            } else if nests, matches(openBytes) {
                advance(); advance()
                depth += 1
            } else {
                advance()
            }
        }
        record(start.offset)
    }

    private mutating func record(_ start: Int) {
        if let last = comments.last, last.offset >= start { return }
        comments.append((start, text(from: start)))
    }

    static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
}

extension String {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var result = Substring(self)
        while let last = result.last, predicate(last) { result = result.dropLast() }
        return String(result)
    }
}
