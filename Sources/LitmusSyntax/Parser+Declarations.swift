/// The init block, process headers and C types.
extension Parser {
    /// Words that start a type in a statement (elsewhere any identifier may name a type).
    static let typeWords: Set<String> = [
        "int", "char", "short", "long", "unsigned", "signed", "void", "bool", "_Bool", "const", "volatile",
        "struct", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "size_t", "intptr_t", "uintptr_t",
        "spinlock_t", "raw_spinlock_t", "atomic_t", "atomic_long_t", "atomic64_t",
    ]
    private static let integerWords: Set<String> = ["unsigned", "signed", "long", "short", "int", "char"]
    private static let qualifiers: Set<String> = ["const", "volatile"]

    /// init := '{' (entry (';' | ','))* entry? '}'
    func parseInitBlock() -> [Initializer] {
        advance()
        var entries: [Initializer] = []
        while !stopped, !token.is("}"), token.kind != .endOfFile {
            do throws(SyntaxError) {
                entries += try parseInitEntry()
                if token.is(";") || token.is(",") {
                    advance()
                } else if !token.is("}") {
                    throw expected("';' after an initializer")
                }
            } catch {
                record(error)
                while !token.is(";"), !token.is("}"), token.kind != .endOfFile { advance() }
                if token.is(";") { advance() }
            }
        }
        if token.is("}") { advance() } else { record(expected("'}' to close the init block")) }
        return entries
    }

    /// entry := type? INT ':' IDENT ('=' value)? | '[' IDENT ']' '=' value
    ///        | type? declarator ('=' value)? (',' declarator ('=' value)?)*
    private func parseInitEntry() throws(SyntaxError) -> [Initializer] {
        let entryStart = token.location
        if token.is("[") {
            // `[x]=1`: herd7's memory-location spelling.
            advance()
            let name = try expectIdentifier("a variable name after '['")
            try expect("]", "after the variable name")
            try expect("=", "after '[\(name.text)]'")
            return [Initializer(target: .variable(name.text), value: try parseInitialValue(), location: entryStart)]
        }
        var base: CType?
        if token.kind == .identifier, peek().kind == .identifier || peek().kind == .integer || peek().is("*") {
            base = try parseType()
        }
        if token.kind == .integer {
            // `0:r1=x;`, `int *0:r1 = &x;`: a register's initial value.
            let thread = try integer(token)
            advance()
            try expect(":", "between the thread number and the register")
            let name = try expectIdentifier("a register name after '\(thread):'")
            var value: InitialValue?
            if token.is("=") {
                advance()
                value = try parseInitialValue()
            } else if base == nil {
                throw expected("'=' after the register")
            }
            return [Initializer(target: .register(thread: thread, name: name.text), type: base, value: value, location: entryStart)]
        }
        var entries: [Initializer] = []
        repeat {
            if !entries.isEmpty { advance() }
            let location = entries.isEmpty ? entryStart : token.location
            let stars = starCount()
            if stars > 0, base == nil { throw expected("a type before '*'") }
            let name = try expectIdentifier("a variable name")
            if token.is("[") { throw notSupported("arrays are", at: token.location) }
            var value: InitialValue?
            if token.is("=") {
                advance()
                value = try parseInitialValue()
            }
            let type = base.map { entries.isEmpty ? CType($0.base, pointerDepth: $0.pointerDepth + stars) : CType($0.base, pointerDepth: stars) }
            entries.append(Initializer(target: .variable(name.text), type: type, value: value, location: location))
        } while token.is(",") && base != nil && peek().kind != .integer
        return entries
    }

    /// value := '-'? INT | '&' IDENT | IDENT | 'ATOMIC_INIT' '(' '-'? INT ')'
    private func parseInitialValue() throws(SyntaxError) -> InitialValue {
        if token.is("-") || token.kind == .integer { return .integer(try signedInteger()) }
        if token.is("&") {
            advance()
            return .addressOf(try expectIdentifier("a variable name after '&'").text)
        }
        if token.isIdentifier("ATOMIC_INIT") || token.isIdentifier("ATOMIC_LONG_INIT") {
            advance()
            try expect("(", "after ATOMIC_INIT")
            let value = try signedInteger()
            try expect(")", "to close ATOMIC_INIT(")
            return .atomicInit(value)
        }
        if token.is("{") { throw notSupported("array and structure initializers are", at: token.location) }
        if token.isIdentifier("NULL") {
            advance()
            return .integer(0)
        }
        return .name(try expectIdentifier("an initial value").text)
    }

    /// '-'? INT
    func signedInteger() throws(SyntaxError) -> Int {
        var negative = false
        if token.is("-") {
            negative = true
            advance()
        }
        guard token.kind == .integer else { throw expected("an integer") }
        let literal = token
        advance()
        // Parse the negated literal separately so the most negative Int is accepted.
        guard let value = Self.integerValue(negative ? "-" + literal.text : literal.text) else {
            throw error("integer literal '\(negative ? "-" : "")\(literal.text)' is invalid or too large", at: literal.location)
        }
        return value
    }

    func integer(_ literal: Token) throws(SyntaxError) -> Int {
        guard let value = Self.integerValue(literal.text) else {
            throw error("integer literal '\(literal.text)' is invalid or too large", at: literal.location)
        }
        return value
    }

    /// Decimal, `0x` hexadecimal or `0` octal, with C's `u`/`l` suffixes; nil when invalid or too large.
    static func integerValue(_ text: String) -> Int? {
        var digits = Substring(text)
        var sign = ""
        if digits.hasPrefix("-") {
            sign = "-"
            digits = digits.dropFirst()
        }
        while let last = digits.last, "uUlL".contains(last) { digits = digits.dropLast() }
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if digits.count > 1, digits.hasPrefix("0") {
            radix = 8
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit }) else { return nil }
        return Int(sign + digits, radix: radix)
    }

    func starCount() -> Int {
        var stars = 0
        while token.is("*") || token.isIdentifier("const") || token.isIdentifier("volatile") {
            if token.is("*") { stars += 1 }
            advance()
        }
        return stars
    }

    /// type := qualifier* ('struct' IDENT | integerWord+ | IDENT) ('*' | qualifier)*
    func parseType() throws(SyntaxError) -> CType {
        while token.kind == .identifier, Self.qualifiers.contains(token.text) { advance() }
        var words: [String] = []
        if token.isIdentifier("struct") {
            advance()
            words = ["struct", try expectIdentifier("a structure name after 'struct'").text]
        } else if token.kind == .identifier, Self.integerWords.contains(token.text) {
            while token.kind == .identifier, Self.integerWords.contains(token.text) || Self.qualifiers.contains(token.text) {
                if !Self.qualifiers.contains(token.text) { words.append(token.text) }
                advance()
            }
        } else {
            words = [try expectIdentifier("a type").text]
        }
        return CType(words.joined(separator: " "), pointerDepth: starCount())
    }

    /// process := 'P' INT '(' (param (',' param)*)? ')' '{' statement* '}'
    func parseProcess(expectedIndex: Int) -> Process? {
        let start = token
        var index = expectedIndex
        var parameters: [Parameter] = []
        do throws(SyntaxError) {
            let digits = start.text.dropFirst()
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw error("expected a process name such as 'P\(expectedIndex)', found '\(start.text)'", at: start.location)
            }
            guard let number = Int(digits) else { throw error("process number '\(digits)' is too large", at: start.location) }
            index = number
            advance()
            try expect("(", "after the process name")
            if token.isIdentifier("void"), peek().is(")") { advance() }
            while !token.is(")") {
                if !parameters.isEmpty { try expect(",", "between parameters") }
                let location = token.location
                let type = try parseType()
                let name = try expectIdentifier("a parameter name")
                if parameters.contains(where: { $0.name == name.text }) {
                    throw error("parameter '\(name.text)' is declared twice", at: name.location)
                }
                parameters.append(Parameter(type: type, name: name.text, location: location))
            }
            advance()
            guard token.is("{") else { throw expected("'{' to open the body of P\(index)") }
            if index != expectedIndex {
                record(error("process P\(index) is out of order: expected P\(expectedIndex) (processes are numbered from P0 in order)", at: start.location))
            }
        } catch {
            record(error)
            // Resume at the body, if there is one, so its errors are found too.
            while !token.is("{"), token.kind != .endOfFile, !isFinalKeyword(token) { advance() }
            if token.is("{") { _ = parseBody() }
            return nil
        }
        let body = parseBody()
        return Process(index: index, parameters: parameters, body: body, location: start.location)
    }

    /// The body is C: lexed without OCaml comments, so `(*p)` is a dereference.
    private func parseBody() -> [Statement] {
        advance(switchingTo: .c)
        let body = parseStatements()
        if token.is("}") {
            advance(switchingTo: .litmus)
        } else {
            record(expected("'}' to close the process body"))
            relexCurrent(in: .litmus)
        }
        return body
    }
}
