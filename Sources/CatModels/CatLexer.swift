import LitmusSyntax

/// Splits cat text into tokens: `(* nested comments *)` and `// line comments` skipped,
/// names with inner `-` and `.` (`po-loc`, `rcu-rscs`), `'tags`, strings, numbers, operators.
struct CatLexer {
    let file: String
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    init(file: String, source: String) {
        self.file = file
        bytes = Array(source.utf8)
    }

    static func tokens(file: String, source: String) throws(CatError) -> [CatToken] {
        var lexer = CatLexer(file: file, source: source)
        var result: [CatToken] = []
        while true {
            let token = try lexer.next()
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1; column = 1 } else if bytes[index] & 0xC0 != 0x80 { column += 1 }
        index += 1
    }

    private static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private func isNameContinuation(_ b: UInt8) -> Bool {
        if Self.isNameStart(b) || Self.isDigit(b) { return true }
        // `-` and `.` join words (`po-loc`), but not in `->` or at the end of a name.
        if b == UInt8(ascii: "-") || b == UInt8(ascii: ".") {
            guard let after = peek(1) else { return false }
            return Self.isNameStart(after) || Self.isDigit(after)
        }
        return false
    }

    private mutating func skipTrivia() throws(CatError) {
        while let b = peek() {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                advance()
            } else if b == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                while let c = peek(), c != 0x0A { advance() }
            } else if b == UInt8(ascii: "("), peek(1) == UInt8(ascii: "*") {
                let start = here
                var depth = 0
                repeat {
                    guard let c = peek() else { throw CatError("unterminated comment", at: start) }
                    if c == UInt8(ascii: "("), peek(1) == UInt8(ascii: "*") {
                        depth += 1; advance(); advance()
                    } else if c == UInt8(ascii: "*"), peek(1) == UInt8(ascii: ")") {
                        depth -= 1; advance(); advance()
                    } else {
                        advance()
                    }
                } while depth > 0
            } else {
                return
            }
        }
    }

    mutating func next() throws(CatError) -> CatToken {
        try skipTrivia()
        let start = here
        guard let b = peek() else { return CatToken(kind: .end, location: start) }
        func word() -> String {
            let from = index
            while let c = peek(), isNameContinuation(c) { advance() }
            return String(decoding: bytes[from..<index], as: UTF8.self)
        }
        if Self.isNameStart(b) { return CatToken(kind: .name(word()), location: start) }
        if Self.isDigit(b) {
            let from = index
            while let c = peek(), Self.isDigit(c) { advance() }
            guard let n = Int(String(decoding: bytes[from..<index], as: UTF8.self)) else {
                throw CatError("number too large", at: start)
            }
            return CatToken(kind: .number(n), location: start)
        }
        if b == UInt8(ascii: "'") {
            advance()
            guard let c = peek(), Self.isNameStart(c) || Self.isDigit(c) else { throw CatError("expected a tag name after '", at: start) }
            return CatToken(kind: .tag(word()), location: start)
        }
        if b == UInt8(ascii: "\"") {
            advance()
            let from = index
            while let c = peek(), c != UInt8(ascii: "\""), c != 0x0A { advance() }
            guard peek() == UInt8(ascii: "\"") else { throw CatError("unterminated string", at: start) }
            let text = String(decoding: bytes[from..<index], as: UTF8.self)
            advance()
            return CatToken(kind: .string(text), location: start)
        }
        for symbol in ["^-1", "^+", "^*", "||", "++", "->", "|", "+", "&", "\\", ";", "*", "?", "~", "[", "]", "(", ")",
                       "{", "}", ",", "=", "^", ":"] {
            let s = Array(symbol.utf8)
            if index + s.count <= bytes.count, Array(bytes[index..<index + s.count]) == s {
                for _ in s { advance() }
                return CatToken(kind: .symbol(symbol), location: start)
            }
        }
        let scalar = String(decoding: bytes[index..<min(bytes.count, index + 4)], as: UTF8.self).first.map(String.init) ?? "?"
        throw CatError("unexpected character '\(scalar)'", at: start)
    }
}
