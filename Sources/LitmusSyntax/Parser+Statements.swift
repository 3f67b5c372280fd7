/// Statements of process bodies.
extension Parser {
    private static let compoundAssignments: [String: Expr.BinaryOp] = [
        "+=": .add, "-=": .subtract, "*=": .multiply, "/=": .divide, "%=": .remainder,
        "&=": .bitwiseAnd, "|=": .bitwiseOr, "^=": .bitwiseXor, "<<=": .shiftLeft, ">>=": .shiftRight,
    ]
    private static let unsupportedStatements: [String: String] = [
        "for": "'for' loops are", "do": "'do' loops are", "switch": "'switch' statements are",
        "return": "'return' statements are", "goto": "'goto' statements are", "break": "'break' is",
        "continue": "'continue' is", "case": "'case' labels are", "default": "'default' labels are",
    ]

    /// statements := statement* (up to the closing '}', which is left for the caller)
    func parseStatements() -> [Statement] {
        var statements: [Statement] = []
        while !stopped, !token.is("}"), token.kind != .endOfFile, !startsTopLevelLine() {
            do throws(SyntaxError) {
                statements += try parseStatement()
            } catch {
                record(error)
                synchronize()
            }
        }
        return statements
    }

    /// statement := '{' statements '}' | if | while | declaration | simple ';' | ';'
    func parseStatement() throws(SyntaxError) -> [Statement] {
        let start = token
        if token.is(";") {
            advance()
            return []
        }
        if token.is("{") {
            try enterNesting(start.location)
            defer { nesting -= 1 }
            advance()
            let inner = parseStatements()
            try expect("}", "to close the block")
            return [Statement(.block(inner), at: start.location)]
        }
        if token.kind == .identifier {
            switch token.text {
            case "if": return [try parseIf()]
            case "while": return [try parseWhile()]
            default: break
            }
            if let what = Self.unsupportedStatements[token.text] {
                // Reported here, not thrown: the statement is skipped whole, so there is nothing to resynchronise.
                skipUnsupportedStatement()
                record(notSupported(what, at: start.location))
                return []
            }
            if startsDeclaration() { return try parseDeclaration() }
        }
        let statement = try parseSimpleStatement()
        try expectTerminator("after the statement")
        return [statement]
    }

    /// A missing `;` at the end of a line is reported and assumed, so the next line still parses.
    private func expectTerminator(_ context: String) throws(SyntaxError) {
        if token.is(";") { return advance() }
        let error = expected("';' \(context)")
        guard token.location.line > lexer.location(of: previousEnd).line else { throw error }
        record(error)
    }

    /// A declaration starts with a type word, or is two identifiers in a row (`u64 r0;`).
    private func startsDeclaration() -> Bool {
        Self.typeWords.contains(token.text) || peek().kind == .identifier
    }

    /// simple := expression (('=' | OP'=') expression)?
    private func parseSimpleStatement() throws(SyntaxError) -> Statement {
        let start = token.location
        let target = try parseExpression()
        if token.is("=") || (token.kind == .symbol && Self.compoundAssignments[token.text] != nil) {
            let op = Self.compoundAssignments[token.text]
            advance()
            let value = try parseExpression()
            if token.is("=") { throw notSupported("chained assignments are", at: token.location) }
            return Statement(.assignment(target: target, operator: op, value: value), at: start)
        }
        if token.is("++") || token.is("--") {
            throw notSupported("'\(token.text)' is", at: token.location)
        }
        return Statement(.expression(target), at: start)
    }

    /// declaration := type declarator ('=' expression)? (',' declarator ('=' expression)?)* ';'
    /// declarator := '*'* IDENT
    private func parseDeclaration() throws(SyntaxError) -> [Statement] {
        let type = try parseType()
        var declarations: [Statement] = []
        repeat {
            if !declarations.isEmpty { advance() }
            let location = token.location
            let stars = declarations.isEmpty ? 0 : starCount()
            let name = try expectIdentifier("a variable name in the declaration")
            if token.is("[") { throw notSupported("arrays are", at: token.location) }
            var value: Expr?
            if token.is("=") {
                advance()
                value = try parseExpression()
            }
            let declared = declarations.isEmpty ? type : CType(type.base, pointerDepth: stars)
            declarations.append(Statement(.declaration(type: declared, name: name.text, initialValue: value), at: location))
        } while token.is(",")
        try expectTerminator("after the declaration")
        return declarations
    }

    /// if := 'if' '(' expression ')' body ('else' body)?
    private func parseIf() throws(SyntaxError) -> Statement {
        let start = token.location
        try enterNesting(start)
        defer { nesting -= 1 }
        advance()
        try expect("(", "after 'if'")
        let condition = try parseExpression()
        try expect(")", "to close the 'if' condition")
        let then = try parseBody()
        var otherwise: [Statement]?
        if token.isIdentifier("else") {
            advance()
            otherwise = try parseBody()
        }
        return Statement(.ifElse(condition: condition, then: then, otherwise: otherwise), at: start)
    }

    /// while := 'while' '(' expression ')' body
    private func parseWhile() throws(SyntaxError) -> Statement {
        let start = token.location
        try enterNesting(start)
        defer { nesting -= 1 }
        advance()
        try expect("(", "after 'while'")
        let condition = try parseExpression()
        try expect(")", "to close the 'while' condition")
        return Statement(.whileLoop(condition: condition, body: try parseBody()), at: start)
    }

    /// body := '{' statements '}' | statement (a lone statement is a one-statement body)
    private func parseBody() throws(SyntaxError) -> [Statement] {
        guard token.is("{") else { return try parseStatement() }
        advance()
        let statements = parseStatements()
        try expect("}", "to close the block")
        return statements
    }

    /// Skips an unsupported statement whole (its header and body), so one diagnostic covers it.
    private func skipUnsupportedStatement() {
        let keyword = token.text
        advance()
        switch keyword {
        case "for", "switch":
            if token.is("(") { skipGroup() }
            skipStatement()
        case "do":
            skipStatement()
            if token.isIdentifier("while") {
                advance()
                skipGroup()
                if token.is(";") { advance() }
            }
        default:
            skipStatement()
        }
    }

    private func skipStatement() {
        if token.is("{") { return skipGroup() }
        while !token.is(";"), !token.is("}"), token.kind != .endOfFile {
            if token.is("(") || token.is("{") || token.is("[") { skipGroup() } else { advance() }
        }
        if token.is(";") { advance() }
    }
}
