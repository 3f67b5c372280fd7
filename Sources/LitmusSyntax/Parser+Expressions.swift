/// C expressions, by precedence climbing.
extension Parser {
    private static let binaryOperators: [String: Expr.BinaryOp] = Dictionary(
        uniqueKeysWithValues: Expr.BinaryOp.allCases.map { ($0.rawValue, $0) })
    private static let unaryOperators: [String: Expr.UnaryOp] = [
        "-": .negate, "!": .logicalNot, "~": .bitwiseNot, "*": .dereference, "&": .addressOf,
    ]

    /// expression := binary(1)
    func parseExpression() throws(SyntaxError) -> Expr {
        let expression = try parseBinary(minimum: 1)
        if token.is("?") { throw notSupported("the conditional operator '?:' is", at: token.location) }
        return expression
    }

    /// binary(p) := unary (OP binary(precedence(OP) + 1))*   for OPs of precedence >= p
    ///
    /// Every operator of a chain counts as a level of nesting: `1+1+...` builds a tree as deep
    /// as the chain is long, and later passes recurse over it.
    private func parseBinary(minimum: Int) throws(SyntaxError) -> Expr {
        let saved = nesting
        defer { nesting = saved }
        var lhs = try parseUnary()
        while token.kind == .symbol, let op = Self.binaryOperators[token.text], op.precedence >= minimum {
            try enterNesting(token.location)
            advance()
            let rhs = try parseBinary(minimum: op.precedence + 1)
            lhs = Expr(.binary(op, lhs, rhs), at: lhs.location)
        }
        return lhs
    }

    /// unary := ('-' | '!' | '~' | '*' | '&') unary | '(' type ')' unary | postfix
    private func parseUnary() throws(SyntaxError) -> Expr {
        let start = token
        if token.kind == .symbol, let op = Self.unaryOperators[token.text] {
            try enterNesting(start.location)
            defer { nesting -= 1 }
            advance()
            return Expr(.unary(op, try parseUnary()), at: start.location)
        }
        if token.is("++") || token.is("--") { throw notSupported("'\(token.text)' is", at: token.location) }
        if token.isIdentifier("sizeof") { throw notSupported("'sizeof' is", at: token.location) }
        if token.is("("), peek().kind == .identifier, Self.typeWords.contains(peek().text) {
            try enterNesting(start.location)
            defer { nesting -= 1 }
            advance()
            let type = try parseType()
            try expect(")", "to close the cast")
            return Expr(.cast(type, try parseUnary()), at: start.location)
        }
        return try parsePostfix()
    }

    /// postfix := primary; subscripts, member access and `++`/`--` are reported as unsupported.
    private func parsePostfix() throws(SyntaxError) -> Expr {
        let primary = try parsePrimary()
        if token.is("[") { throw notSupported("arrays are", at: token.location) }
        if token.is("->") || token.is(".") { throw notSupported("structure members are", at: token.location) }
        if token.is("++") || token.is("--") { throw notSupported("'\(token.text)' is", at: token.location) }
        return primary
    }

    /// primary := INT | IDENT | IDENT '(' (expression (',' expression)*)? ')' | '(' expression ')'
    private func parsePrimary() throws(SyntaxError) -> Expr {
        let start = token
        switch token.kind {
        case .integer:
            advance()
            return Expr(.integer(try integer(start)), at: start.location)
        case .identifier:
            advance()
            guard token.is("(") else { return Expr(.identifier(start.text), at: start.location) }
            try enterNesting(start.location)
            defer { nesting -= 1 }
            advance()
            var arguments: [Expr] = []
            while !token.is(")") {
                if !arguments.isEmpty { try expect(",", "between arguments of '\(start.text)'") }
                arguments.append(try parseExpression())
            }
            advance()
            return Expr(.call(start.text, arguments), at: start.location)
        case .symbol where token.is("("):
            try enterNesting(start.location)
            defer { nesting -= 1 }
            advance()
            let inner = try parseExpression()
            if token.is("=") { throw notSupported("assignments inside expressions are", at: token.location) }
            try expect(")", "to close the parenthesis")
            return inner
        case .string:
            throw notSupported("string literals are", at: start.location)
        default:
            throw expected("an expression")
        }
    }
}
