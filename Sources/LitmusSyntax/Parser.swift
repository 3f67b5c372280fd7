/// A syntax error at one place; the parser records it and resynchronises.
struct SyntaxError: Error {
    var diagnostic: Diagnostic
}

/// Recursive-descent parser for herd7's C litmus format. Each grammar production is in the
/// doc comment of the function that parses it. Errors are collected: after one, the parser
/// skips to a point it can resume from (the next `;`, `}` or process), so one run reports
/// several. Nesting is bounded so no input can exhaust the stack.
final class Parser {
    /// Deeper expressions, statements or propositions get a diagnostic, not a stack overflow.
    static let maxNesting = 100
    /// After this many errors the rest of the file is not worth reading.
    static let maxErrors = 20

    var lexer: Lexer
    private(set) var token: Token
    private var lookahead: Token?
    private(set) var previousEnd = Lexer.Position()
    private var diagnostics: [Diagnostic] = []
    /// The header's `(texname)` and diy7 metadata lines.
    private var texName: String?
    private var metadata: [MetadataLine] = []
    var nesting = 0
    var stopped: Bool { diagnostics.count + lexer.diagnostics.count >= Self.maxErrors }
    var hasErrors: Bool { !diagnostics.isEmpty || !lexer.diagnostics.isEmpty }

    init(source: String, file: String) {
        lexer = Lexer(source: source, file: file)
        token = lexer.next()
    }

    // MARK: Tokens

    func advance() {
        previousEnd = token.end
        token = lookahead ?? lexer.next()
        lookahead = nil
    }

    func peek() -> Token {
        if let lookahead { return lookahead }
        let next = lexer.next()
        lookahead = next
        return next
    }

    /// Re-lexes from just after the current token in `mode`, then moves past it.
    func advance(switchingTo mode: Lexer.Mode) {
        lexer.position = token.end
        lexer.mode = mode
        lookahead = nil
        advance()
    }

    /// Re-lexes the current token itself in `mode` (leaving a body whose `}` is missing).
    func relexCurrent(in mode: Lexer.Mode) {
        lexer.position = token.start
        lexer.mode = mode
        lookahead = nil
        token = lexer.next()
    }

    /// Consumes `symbol` or throws "expected 'symbol' `context`, found ...".
    @discardableResult
    func expect(_ symbol: String, _ context: String) throws(SyntaxError) -> Token {
        guard token.is(symbol) else { throw expected("'\(symbol)' \(context)") }
        let found = token
        advance()
        return found
    }

    func expectIdentifier(_ what: String) throws(SyntaxError) -> Token {
        guard token.kind == .identifier else { throw expected(what) }
        let found = token
        advance()
        return found
    }

    /// "expected X, found Y"; a missing terminator is reported where it belongs, just after
    /// the previous token, when the next token sits on a later line.
    func expected(_ what: String) -> SyntaxError {
        let location = token.location.line > previousEnd.line ? lexer.location(of: previousEnd) : token.location
        return SyntaxError(diagnostic: Diagnostic("expected \(what), found \(token.quoted)", at: location))
    }

    func error(_ message: String, at location: SourceLocation) -> SyntaxError {
        SyntaxError(diagnostic: Diagnostic(message, at: location))
    }

    func notSupported(_ what: String, at location: SourceLocation) -> SyntaxError {
        error("\(what) not supported yet", at: location)
    }

    func record(_ error: SyntaxError) {
        if !diagnostics.contains(error.diagnostic) { diagnostics.append(error.diagnostic) }
    }

    /// Enter one more level of nesting; `defer { nesting -= 1 }` at the call site.
    func enterNesting(_ location: SourceLocation) throws(SyntaxError) {
        nesting += 1
        if nesting > Self.maxNesting {
            throw error("nesting is too deep (more than \(Self.maxNesting) levels)", at: location)
        }
    }

    /// Skips to just after the next `;`, or to an unmatched `}`, keeping braces balanced.
    func synchronize() {
        var depth = 0
        while token.kind != .endOfFile {
            if token.is(";"), depth == 0 { advance(); return }
            if token.is("{") { depth += 1 }
            if token.is("}") {
                if depth == 0 { return }
                depth -= 1
                if depth == 0 { advance(); return }
            }
            advance()
        }
    }

    /// Skips one balanced `( ... )`, `[ ... ]` or `{ ... }` group starting at the current token.
    func skipGroup() {
        let pairs = ["(": ")", "[": "]", "{": "}"]
        guard token.kind == .symbol, let close = pairs[token.text] else { return advance() }
        let open = token.text
        var depth = 0
        while token.kind != .endOfFile {
            if token.is(open) { depth += 1 }
            if token.is(close) {
                depth -= 1
                if depth == 0 { advance(); return }
            }
            advance()
        }
    }

    // MARK: The test

    /// test := header init process* final
    func parseTest() -> (LitmusTest?, [Diagnostic]) {
        let test = parseTestParts()
        var all = diagnostics
        for d in lexer.diagnostics where !all.contains(d) { all.append(d) }
        all = Array(all.enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element).prefix(Self.maxErrors))
        return (all.isEmpty ? test : nil, all)
    }

    private func parseTestParts() -> LitmusTest? {
        let header: (architecture: String, name: String, doc: String?)
        do throws(SyntaxError) {
            header = try parseHeader()
        } catch {
            record(error)
            return nil
        }
        var initializers: [Initializer] = []
        var initOffset = Int.max
        if token.is("{") {
            initOffset = token.end.offset
            initializers = parseInitBlock()
        } else {
            record(expected("'{' to open the init block"))
        }
        var processes: [Process] = []
        var nextIndex = 0
        while !stopped, token.kind == .identifier, token.text.first == "P", !isFinalKeyword(token) {
            if let process = parseProcess(expectedIndex: nextIndex) { processes.append(process) }
            nextIndex += 1
        }
        if processes.isEmpty, !stopped { record(expected("a process such as 'P0(int *x)'")) }
        let final = parseFinal()
        let comments = lexer.comments
        let headerComment = comments.first { $0.offset < initOffset }?.text
        let result = comments.lazy.compactMap { Self.resultWord(in: $0.text) }.first
        guard let condition = final.condition else { return nil }
        return LitmusTest(
            architecture: header.architecture, name: header.name, texName: texName, docString: header.doc,
            metadata: metadata, headerComment: headerComment, expectedResult: result, initializers: initializers,
            processes: processes, extraLocations: final.locations, filter: final.filter, condition: condition)
    }

    /// header := ARCH NAME ('(' TEXNAME ')')? STRING? ';'? (KEY '=' VALUE | text)*
    private func parseHeader() throws(SyntaxError) -> (architecture: String, name: String, doc: String?) {
        guard token.kind == .identifier else { throw expected("a test header such as 'C MP+onceassign'") }
        let architecture = token
        guard architecture.text == "C" else {
            // Only herd's other architectures are "not supported yet"; any other word is junk.
            guard Self.otherArchitectures.contains(architecture.text.uppercased()) else {
                throw expected("a test header such as 'C MP+onceassign'")
            }
            throw notSupported("'\(architecture.text)' litmus tests are", at: architecture.location)
        }
        let name = lexer.word()
        guard name.kind != .endOfFile else {
            token = lexer.next()
            throw error("expected the test's name after 'C'", at: name.location)
        }
        texName = lexer.parenthesizedName()
        token = lexer.next()
        var doc: String?
        if token.kind == .string {
            doc = token.text
            advance()
        }
        if token.is(";") { advance() }
        // diy7's `Key=Value` lines (and any other text, as herd7) up to the init block.
        lexer.position = token.start
        lookahead = nil
        metadata = lexer.infoLines().compactMap { line in line.key.map { MetadataLine(key: $0, value: line.value) } }
        token = lexer.next()
        return ("C", Self.testName(name.text, file: lexer.file), doc)
    }

    /// The name herd7 prints: without a `.litmus` suffix; `--` stands for the file's name.
    static func testName(_ written: String, file: String) -> String {
        // `C SB;` : herd7 reads the `;` after the name (and doc string) as punctuation.
        var name = written.count > 1 && written.hasSuffix(";") ? String(written.dropLast()) : written
        if name == "--" {
            name = String(file.split(separator: "/").last ?? Substring(file))
            if let dot = name.lastIndex(of: "."), dot > name.startIndex { name = String(name[..<dot]) }
            return name
        }
        if name.hasSuffix(".litmus"), name.count > ".litmus".count { name.removeLast(".litmus".count) }
        return name
    }

    /// The architectures herd7 and litmus7 know besides C (upper-cased).
    static let otherArchitectures: Set<String> = [
        "X86", "X86_64", "AARCH64", "ARM", "PPC", "MIPS", "RISCV", "LISA", "BPF", "PTX", "GPU_PTX", "OPENCL",
        "CPP11", "C11", "JAVA", "ASL", "VULKAN",
    ]

    /// The word after `Result:` in a comment, without trailing punctuation.
    static func resultWord(in comment: String) -> String? {
        let marker = Array("Result:".utf8)
        let bytes = Array(comment.utf8)
        guard bytes.count >= marker.count,
              let start = (0...(bytes.count - marker.count)).first(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
        else { return nil }
        let rest = String(decoding: bytes[(start + marker.count)...], as: UTF8.self)
        let word = rest.drop { $0 == " " || $0 == "\t" }
            .prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return word.isEmpty ? nil : String(word)
    }

    func isFinalKeyword(_ t: Token) -> Bool {
        t.kind == .identifier && ["exists", "forall", "locations", "filter"].contains(t.text)
    }

    /// A line starting with `exists`, `~exists`, `P1(`... inside a body means its `}` is missing.
    func startsTopLevelLine() -> Bool {
        guard token.location.column == 1, token.kind == .identifier || token.is("~") else { return false }
        switch token.text {
        case "exists", "forall": return true
        case "filter": return peek().is("(")
        case "locations": return peek().is("[")
        default: break
        }
        if token.is("~") { return peek().isIdentifier("exists") }
        return token.kind == .identifier && token.text.count > 1 && token.text.first == "P"
            && token.text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber } && peek().is("(")
    }
}

/// Parsing entry points.
extension LitmusTest {
    /// Parses a `.litmus` file's text; `file` names it in diagnostics.
    public static func parse(source: String, file: String) throws(DiagnosticError) -> LitmusTest {
        let (test, diagnostics) = Parser(source: source, file: file).parseTest()
        guard let test, diagnostics.isEmpty else {
            throw DiagnosticError(diagnostics: diagnostics, source: source)
        }
        return test
    }
}
