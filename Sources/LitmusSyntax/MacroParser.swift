/// Reads a `.def` file: definitions one after another (line breaks are blanks, as in herd7),
/// `//` and `/* */` comments. Bodies are C expressions and statements over parameters, other
/// macros and herd's internal primitives (``InternalPrimitive``), checked here so a bad line is
/// reported where it is.
struct MacroParser {
    private struct Token {
        enum Kind { case identifier, integer, symbol, end }
        var kind: Kind
        var text: String
        var location: SourceLocation
        /// Byte offset just past the token.
        var end: Int
    }

    private let file: String
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private var token: Token
    /// The current definition's parameters (a body may only name these, macros and registers).
    private var parameters: Set<String> = []

    private static let symbols = ["==", "!=", "<=", ">=", "&&", "||", "<<", ">>"]
    private static let binary: [String: Expr.BinaryOp] = Dictionary(
        uniqueKeysWithValues: Expr.BinaryOp.allCases.map { ($0.rawValue, $0) })
    private static let unary: [String: Expr.UnaryOp] = ["-": .negate, "!": .logicalNot, "~": .bitwiseNot, "*": .dereference, "&": .addressOf]

    init(file: String, source: String) {
        self.file = file
        bytes = Array(source.utf8)
        token = Token(kind: .end, text: "", location: SourceLocation(file: file, line: 1, column: 1), end: 0)
    }

    // MARK: Tokens

    private func here() -> SourceLocation { SourceLocation(file: file, line: line, column: offset - lineStart + 1) }

    private mutating func skipBlanksAndComments() throws(Diagnostic) {
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\n") {
                offset += 1; line += 1; lineStart = offset
            } else if b == 0x20 || b == 0x09 || b == 0x0D {
                offset += 1
            } else if b == UInt8(ascii: "/"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "/") {
                while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
            } else if b == UInt8(ascii: "/"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "*") {
                let start = here()
                offset += 2
                while offset < bytes.count, !(bytes[offset] == UInt8(ascii: "*") && offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "/")) {
                    if bytes[offset] == UInt8(ascii: "\n") { line += 1; lineStart = offset + 1 }
                    offset += 1
                }
                guard offset < bytes.count else { throw Diagnostic("unterminated comment", at: start) }
                offset += 2
            } else {
                return
            }
        }
    }

    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private mutating func advance() throws(Diagnostic) {
        try skipBlanksAndComments()
        let location = here()
        guard offset < bytes.count else {
            token = Token(kind: .end, text: "", location: location, end: offset)
            return
        }
        let start = offset
        let b = bytes[offset]
        var kind = Token.Kind.symbol
        if Self.isIdentifierStart(b) {
            kind = .identifier
            while offset < bytes.count, Self.isIdentifierStart(bytes[offset]) || Self.isDigit(bytes[offset]) { offset += 1 }
        } else if Self.isDigit(b) {
            kind = .integer
            while offset < bytes.count, Self.isDigit(bytes[offset]) { offset += 1 }
        } else if b >= 0x80 || b < 0x20 {
            throw Diagnostic("unexpected character", at: location)
        } else if offset + 1 < bytes.count, Self.symbols.contains(String(decoding: bytes[offset ... offset + 1], as: UTF8.self)) {
            offset += 2
        } else {
            offset += 1
        }
        token = Token(kind: kind, text: String(decoding: bytes[start ..< offset], as: UTF8.self), location: location, end: offset)
    }

    private func isSymbol(_ s: String) -> Bool { token.kind == .symbol && token.text == s }

    private func describe(_ t: Token) -> String {
        t.kind == .end ? "end of file" : "'\(t.text)'"
    }

    private mutating func expect(_ s: String, _ context: String) throws(Diagnostic) {
        guard isSymbol(s) else { throw Diagnostic("expected '\(s)' \(context), found \(describe(token))", at: token.location) }
        try advance()
    }

    // MARK: Definitions

    mutating func parseFile() throws(Diagnostic) -> [MacroDefinitions.Macro] {
        try advance()
        var macros: [MacroDefinitions.Macro] = []
        while token.kind != .end { macros.append(try parseDefinition()) }
        return macros
    }

    /// NAME '(' PARAMETERS ')' (EXPRESSION | '{' STATEMENTS '}')
    private mutating func parseDefinition() throws(Diagnostic) -> MacroDefinitions.Macro {
        guard token.kind == .identifier else {
            throw Diagnostic("expected a primitive's name, as in 'READ_ONCE(X) __load{ONCE}(X)', found \(describe(token))", at: token.location)
        }
        let name = token
        if InternalPrimitive.decode(name.text) != nil {
            throw Diagnostic("'\(name.text)' is one of herd's internal primitives and cannot be redefined", at: name.location)
        }
        try advance()
        guard isSymbol("(") else {
            throw Diagnostic("expected '(' after '\(name.text)' (a definition is NAME(PARAMETERS) BODY), found \(describe(token))",
                             at: name.location)
        }
        try advance()
        var parameterList: [String] = []
        while !isSymbol(")") {
            if !parameterList.isEmpty { try expect(",", "between the parameters of '\(name.text)'") }
            guard token.kind == .identifier else {
                throw Diagnostic("expected a parameter name, found \(describe(token))", at: token.location)
            }
            if parameterList.contains(token.text) {
                throw Diagnostic("parameter '\(token.text)' is repeated", at: token.location)
            }
            parameterList.append(token.text)
            try advance()
        }
        try advance()
        parameters = Set(parameterList)
        let body: MacroDefinitions.Macro.Body
        if isSymbol("{") {
            body = .statements(try parseBlock())
        } else if token.kind == .end || (token.kind == .symbol && ![ "(", "-", "!", "~", "*", "&"].contains(token.text)) {
            throw Diagnostic("'\(name.text)' has no body: expected an expression or '{ statements }' after its parameters", at: token.location)
        } else {
            body = .expression(try parseExpression())
        }
        return MacroDefinitions.Macro(name: name.text, parameters: parameterList, body: body, location: name.location)
    }

    // MARK: Statements

    private mutating func parseBlock() throws(Diagnostic) -> [Statement] {
        let open = token
        try advance()
        var statements: [Statement] = []
        while !isSymbol("}") {
            guard token.kind != .end else { throw Diagnostic("this '{' is never closed", at: open.location) }
            statements.append(try parseStatement())
        }
        try advance()
        return statements
    }

    private mutating func parseStatement() throws(Diagnostic) -> Statement {
        let start = token.location
        if isSymbol("{") { return Statement(.block(try parseBlock()), at: start) }
        if isSymbol(";") {
            try advance()
            return Statement(.block([]), at: start)
        }
        if token.kind == .identifier, token.text == "if" {
            try advance()
            try expect("(", "after 'if'")
            let condition = try parseExpression()
            try expect(")", "to close the condition")
            let then = try parseBranch()
            var otherwise: [Statement]?
            if token.kind == .identifier, token.text == "else" {
                try advance()
                otherwise = try parseBranch()
            }
            return Statement(.ifElse(condition: condition, then: then, otherwise: otherwise), at: start)
        }
        let expression = try parseExpression()
        if isSymbol("=") {
            try advance()
            let value = try parseExpression()
            try expect(";", "after the assignment")
            return Statement(.assignment(target: expression, operator: nil, value: value), at: start)
        }
        try expect(";", "after the statement")
        return Statement(.expression(expression), at: start)
    }

    private mutating func parseBranch() throws(Diagnostic) -> [Statement] {
        if isSymbol("{") { return try parseBlock() }
        return [try parseStatement()]
    }

    // MARK: Expressions

    private mutating func parseExpression(minimum: Int = 1) throws(Diagnostic) -> Expr {
        var lhs = try parseUnary()
        while token.kind == .symbol, let op = Self.binary[token.text], op.precedence >= minimum {
            try advance()
            let rhs = try parseExpression(minimum: op.precedence + 1)
            lhs = Expr(.binary(op, lhs, rhs), at: lhs.location)
        }
        return lhs
    }

    private mutating func parseUnary() throws(Diagnostic) -> Expr {
        let start = token
        if token.kind == .symbol, let op = Self.unary[token.text] {
            try advance()
            return Expr(.unary(op, try parseUnary()), at: start.location)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(Diagnostic) -> Expr {
        let start = token
        switch token.kind {
        case .integer:
            try advance()
            guard let n = Int(start.text) else { throw Diagnostic("integer '\(start.text)' is too large", at: start.location) }
            return Expr(.integer(n), at: start.location)
        case .identifier:
            try advance()
            if start.text.hasPrefix("__") && (isSymbol("{") || isSymbol("(")) {
                return try parseInternal(start)
            }
            guard isSymbol("(") else { return Expr(.identifier(start.text), at: start.location) }
            return Expr(.call(start.text, try parseArguments(of: start.text)), at: start.location)
        case .symbol where start.text == "(":
            try advance()
            let inner = try parseExpression()
            try expect(")", "to close the parenthesis")
            return inner
        default:
            throw Diagnostic("expected an expression, found \(describe(start))", at: start.location)
        }
    }

    private mutating func parseArguments(of name: String) throws(Diagnostic) -> [Expr] {
        try advance()
        var arguments: [Expr] = []
        while !isSymbol(")") {
            if !arguments.isEmpty { try expect(",", "between the arguments of '\(name)'") }
            guard token.kind != .end else { throw Diagnostic("expected ')' to close the arguments of '\(name)'", at: token.location) }
            arguments.append(try parseExpression())
        }
        try advance()
        return arguments
    }

    /// `__load{ONCE}(X)`, `__atomic_op{NORETURN}(X,&~,V)`, `__lock(X)`.
    private mutating func parseInternal(_ start: Token) throws(Diagnostic) -> Expr {
        guard let primitive = InternalPrimitive(rawValue: start.text) else {
            let known = InternalPrimitive.allCases.map(\.rawValue).joined(separator: ", ")
            throw Diagnostic("unknown internal primitive '\(start.text)' (herd's are \(known))", at: start.location)
        }
        var tags: [String] = []
        if isSymbol("{") {
            guard primitive.takesTags else {
                throw Diagnostic("'\(primitive.rawValue)' takes no tag", at: token.location)
            }
            tags = try parseTags()
        } else if primitive.takesTags {
            throw Diagnostic("'\(primitive.rawValue)' needs a tag, as in \(primitive.rawValue){ONCE}", at: token.location)
        }
        if primitive.arity == 0 && !isSymbol("(") {  // `__fence{MB};`
            return Expr(.call(InternalPrimitive.encode(primitive, tags: tags), []), at: start.location)
        }
        let open = token
        try expect("(", "after '\(InternalPrimitive.encode(primitive, tags: tags))'")
        var arguments: [Expr] = []
        while !isSymbol(")") {
            if !arguments.isEmpty { try expect(",", "between the arguments of '\(primitive.rawValue)'") }
            guard token.kind != .end else { throw Diagnostic("this '(' is never closed", at: open.location) }
            if primitive.hasOperator && arguments.count == 1 {
                arguments.append(try parseOperator(primitive))
            } else {
                arguments.append(try parseExpression())
            }
        }
        try advance()
        if primitive == .srcu, arguments.count == 2 {
            throw Diagnostic("'__srcu' with a value (older .def files' srcu_read_unlock) is not supported; write __store{srcu-unlock}(*X,V)",
                             at: open.location)
        }
        guard arguments.count == primitive.arity else {
            let expected = primitive.arity == 1 ? "1 argument" : "\(primitive.arity) arguments"
            throw Diagnostic("'\(primitive.rawValue)' takes \(expected), found \(arguments.count)", at: open.location)
        }
        if primitive == .load || primitive == .store {
            // The first argument names the location: `*P`, or a parameter standing for one.
            let location = arguments[0]
            var isLocation = false
            if case .unary(.dereference, _) = location.kind { isLocation = true }
            if case let .identifier(name) = location.kind, parameters.contains(name) { isLocation = true }
            guard isLocation else {
                throw Diagnostic("'\(primitive.rawValue)' needs a memory location such as '*X' or a parameter", at: location.location)
            }
        }
        return Expr(.call(InternalPrimitive.encode(primitive, tags: tags), arguments), at: start.location)
    }

    /// `{TAG}` or `{TAG,TAG}`; tags are words with `-` inside (`after-unlock-lock`).
    private mutating func parseTags() throws(Diagnostic) -> [String] {
        let open = token.location
        var tags: [String] = []
        var current: [UInt8] = []
        var at = here()
        while true {
            guard offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") else {
                throw Diagnostic("expected '}' to close the tag", at: open)
            }
            let b = bytes[offset]
            if b == UInt8(ascii: "}") || b == UInt8(ascii: ",") {
                guard !current.isEmpty else { throw Diagnostic("expected a tag name", at: at) }
                tags.append(String(decoding: current, as: UTF8.self))
                current = []
                offset += 1
                if b == UInt8(ascii: "}") { break }
                at = here()
            } else if b == 0x20 || b == 0x09 {
                offset += 1
                if current.isEmpty { at = here() }
            } else if Self.isIdentifierStart(b) || Self.isDigit(b) || (b == UInt8(ascii: "-") && !current.isEmpty) {
                if !current.isEmpty, bytes[offset - 1] == 0x20 || bytes[offset - 1] == 0x09 {
                    throw Diagnostic("a tag is one word; separate tags with ','", at: here())
                }
                current.append(b)
                offset += 1
            } else {
                throw Diagnostic("unexpected character in a tag", at: here())
            }
        }
        try advance()
        return tags
    }

    /// The arithmetic operand of `__atomic_op`: one of `+ - & | ^ &~`, as an identifier.
    private mutating func parseOperator(_ primitive: InternalPrimitive) throws(Diagnostic) -> Expr {
        let start = token
        var text = token.kind == .symbol ? token.text : ""
        if text == "&", offset < bytes.count, bytes[offset] == UInt8(ascii: "~") {
            offset += 1
            text = "&~"
        }
        guard InternalPrimitive.operators.contains(text) else {
            throw Diagnostic("expected one of \(InternalPrimitive.operators.joined(separator: " ")) as the operator of '\(primitive.rawValue)', found \(describe(start))",
                             at: start.location)
        }
        try advance()
        return Expr(.identifier(text), at: start.location)
    }
}
