import LitmusSyntax

/// A recursive-descent parser for cat and bell files (herd7 7.58's grammar).
///
///     model      := [title] statement*
///     statement  := let [rec] binding (and binding)* | include "file"
///                 | [flag] [~] (acyclic | irreflexive | empty) expr [as name]
///                 | show expr, ... [as name] | unshow name, ... | enum Name = 'a || 'b ...
///                 | instructions Name[Name] | with name from expr
///                 | procedure name pattern = statement* end | [flag] call name expr [as name]
///                 | forall name in expr do statement* end | if variant then statement* [else statement*] end
///     expr       := let [rec] binding (and binding)* in expr | fun pattern -> expr
///                 | match expr with [||] case (|| case)* end | if variant then expr else expr
///                 | try expr with expr | binary
///     binary     := precedence, loosest first: `|`, `++`, `;`, `\` (left), `&`, `*` (cartesian)
///     unary      := ~ unary | application postfix*        postfix := * | + | ? | ^-1
///     application:= primary primary*
///     primary    := name | 'tag | 0 | _ | (expr, ...) | {expr, ...} | [expr]
struct CatParser {
    private let tokens: [CatToken]
    private var position = 0
    let file: String

    init(file: String, source: String) throws(CatError) {
        self.file = file
        tokens = try CatLexer.tokens(file: file, source: source)
    }

    static func parse(file: String, source: String) throws(CatError) -> CatFile {
        do throws(CatError) {
            var parser = try CatParser(file: file, source: source)
            return try parser.model(source: source)
        } catch {
            var e = error
            e.source = source
            throw e
        }
    }

    // MARK: - Tokens

    private var current: CatToken { tokens[position] }
    private var following: CatToken { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func take() -> CatToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func error(_ message: String, _ token: CatToken? = nil) -> CatError {
        let t = token ?? current
        return CatError(message, at: t.location)
    }

    private mutating func expect(symbol: String, _ context: String) throws(CatError) {
        guard current.isSymbol(symbol) else { throw error("expected '\(symbol)' \(context), found \(current.text)") }
        _ = take()
    }

    private mutating func expect(keyword: String, _ context: String) throws(CatError) {
        guard current.isName(keyword) else { throw error("expected '\(keyword)' \(context), found \(current.text)") }
        _ = take()
    }

    private mutating func identifier(_ what: String) throws(CatError) -> String {
        guard let name = current.name, !catKeywords.contains(name) else {
            throw error("expected \(what), found \(current.text)")
        }
        _ = take()
        return name
    }

    private func isKeyword(_ token: CatToken) -> Bool {
        token.name.map(catKeywords.contains) ?? false
    }

    // MARK: - Statements

    private mutating func model(source: String) throws(CatError) -> CatFile {
        var title: String?
        if case let .string(s) = current.kind {
            title = s
            _ = take()
        } else if let n = current.name, !catKeywords.contains(n) {
            title = n
            _ = take()
        }
        let body = try statements(until: [])
        guard current.kind == .end else { throw error("expected a statement, found \(current.text)") }
        return CatFile(path: file, source: source, title: title, statements: body)
    }

    private mutating func statements(until terminators: Set<String>) throws(CatError) -> [CatStatement] {
        var result: [CatStatement] = []
        while current.kind != .end {
            if let n = current.name, terminators.contains(n) { break }
            result.append(try statement())
        }
        return result
    }

    private mutating func statement() throws(CatError) -> CatStatement {
        let start = current
        guard let word = current.name else {
            if current.isSymbol("~") { return try check(flag: false) }
            throw error("expected a statement (let, include, acyclic, irreflexive, empty, flag, show, ...), found \(current.text)")
        }
        switch word {
        case "let":
            _ = take()
            let recursive = current.isName("rec")
            if recursive { _ = take() }
            return .let(recursive: recursive, try bindings(), start.location)
        case "include":
            _ = take()
            guard case let .string(path) = current.kind else { throw error("expected a file name in quotes after include") }
            _ = take()
            return .include(path, start.location)
        case "acyclic", "irreflexive", "empty":
            return try check(flag: false)
        case "flag":
            _ = take()
            if current.isName("call") { return try call(flag: true) }
            return try check(flag: true)
        case "show", "unshow":
            _ = take()
            var starts = [current.location]
            var shown: [CatExpr] = [try expression()]
            while current.isSymbol(",") {
                _ = take()
                starts.append(current.location)
                shown.append(try expression())
            }
            if current.isName("as") {
                _ = take()
                let label = try identifier("a name after as")
                guard shown.count == 1, word == "show" else { throw error("show ... as NAME takes one expression") }
                return .show([(shown[0], label)], unshow: false, start.location)
            }
            var items: [(CatExpr, String)] = []
            for (e, start) in zip(shown, starts) {
                guard case let .name(n, _) = e else {
                    throw CatError("\(word) lists names; draw an expression with show EXPR as NAME", at: start)
                }
                items.append((e, n))
            }
            return .show(items, unshow: word == "unshow", start.location)
        case "enum":
            _ = take()
            let name = try identifier("an enum name")
            try expect(symbol: "=", "after the enum's name")
            if current.isSymbol("||") { _ = take() }
            var tags: [String] = []
            repeat {
                guard case let .tag(t) = current.kind else { throw error("expected a tag ('name) in enum \(name), found \(current.text)") }
                tags.append(t)
                _ = take()
            } while current.isSymbol("||") && { _ = take(); return true }()
            return .enumeration(name, tags, start.location)
        case "instructions", "events":
            _ = take()
            _ = try identifier("an event kind (R, W, F, ...)")
            try expect(symbol: "[", "after the event kind")
            while !current.isSymbol("]") {
                guard current.kind != .end else { throw error("expected ']'") }
                _ = take()
            }
            _ = take()
            return .instructions(start.location)
        case "with":
            _ = take()
            let name = try identifier("a name after with")
            try expect(keyword: "from", "in with ... from")
            return .with(name, try expression(), start.location)
        case "procedure":
            _ = take()
            let name = try identifier("a procedure name")
            let parameter = try pattern()
            try expect(symbol: "=", "after the procedure's parameters")
            let body = try statements(until: ["end"])
            try expect(keyword: "end", "closing procedure \(name)")
            return .procedure(name, parameter, body, start.location)
        case "call":
            return try call(flag: false)
        case "forall":
            _ = take()
            let name = try identifier("a name after forall")
            try expect(keyword: "in", "in forall")
            let set = try expression()
            try expect(keyword: "do", "in forall")
            let body = try statements(until: ["end"])
            try expect(keyword: "end", "closing forall")
            return .forall(name, set, body, start.location)
        case "if":
            _ = take()
            let condition = try variantCondition()
            try expect(keyword: "then", "after the if condition")
            let then = try statements(until: ["else", "end"])
            var otherwise: [CatStatement] = []
            if current.isName("else") { _ = take(); otherwise = try statements(until: ["end"]) }
            try expect(keyword: "end", "closing if")
            return .ifVariant(condition, then, otherwise, start.location)
        default:
            throw error("expected a statement (let, include, acyclic, irreflexive, empty, flag, show, ...), found \(current.text)")
        }
    }

    private mutating func check(flag: Bool) throws(CatError) -> CatStatement {
        let start = current
        var negated = false
        if current.isSymbol("~") { negated = true; _ = take() }
        guard let word = current.name, let kind = CatCheck(rawValue: word) else {
            throw error("expected acyclic, irreflexive or empty, found \(current.text)")
        }
        _ = take()
        let e = try expression()
        var name: String?
        if current.isName("as") {
            _ = take()
            name = try identifier("a name after as")
        }
        return .check(kind, negated: negated, flag: flag, e, name: name, start.location)
    }

    private mutating func call(flag: Bool) throws(CatError) -> CatStatement {
        let start = current
        try expect(keyword: "call", "")
        let name = try identifier("a procedure name")
        let argument = try application()
        var asName: String?
        if current.isName("as") { _ = take(); asName = try identifier("a name after as") }
        return .call(name, argument, flag: flag, name: asName, start.location)
    }

    private mutating func bindings() throws(CatError) -> [CatBinding] {
        var result = [try binding()]
        while current.isName("and") {
            _ = take()
            result.append(try binding())
        }
        return result
    }

    /// `name = e`, `name pattern = e` (a function), `(a, b) = e`.
    private mutating func binding() throws(CatError) -> CatBinding {
        let start = current
        if current.isSymbol("(") {
            let p = try pattern()
            try expect(symbol: "=", "in let")
            return CatBinding(pattern: p, value: try expression(), location: start.location)
        }
        let name = try identifier("a name to bind")
        var parameters: [CatExpr.Pattern] = []
        while !current.isSymbol("=") {
            guard current.isSymbol("(") || (current.name != nil && !isKeyword(current)) else {
                throw error("expected '=' after \(name), found \(current.text)")
            }
            parameters.append(try pattern())
        }
        _ = take()
        var value = try expression()
        for p in parameters.reversed() { value = .function(p, value, start.location) }
        return CatBinding(pattern: .name(name), value: value, location: start.location)
    }

    /// `x` or `(x, y, ...)` or `()`.
    private mutating func pattern() throws(CatError) -> CatExpr.Pattern {
        if current.isSymbol("(") {
            _ = take()
            var names: [String] = []
            if !current.isSymbol(")") {
                names.append(try identifier("a parameter name"))
                while current.isSymbol(",") { _ = take(); names.append(try identifier("a parameter name")) }
            }
            try expect(symbol: ")", "closing the parameters")
            return names.count == 1 ? .name(names[0]) : .tuple(names)
        }
        return .name(try identifier("a parameter name"))
    }

    // MARK: - Expressions

    mutating func expression() throws(CatError) -> CatExpr {
        let start = current
        switch current.name {
        case "let":
            _ = take()
            let recursive = current.isName("rec")
            if recursive { _ = take() }
            let bound = try bindings()
            try expect(keyword: "in", "after let's bindings")
            return .letIn(recursive: recursive, bound, try expression(), start.location)
        case "fun":
            _ = take()
            let p = try pattern()
            try expect(symbol: "->", "after fun's parameters")
            return .function(p, try expression(), start.location)
        case "match":
            _ = take()
            let scrutinee = try expression()
            try expect(keyword: "with", "after match's expression")
            if current.isSymbol("||") { _ = take() }
            var cases: [CatExpr.MatchCase] = []
            repeat {
                let p = try matchPattern()
                try expect(symbol: "->", "after a match pattern")
                cases.append(CatExpr.MatchCase(pattern: p, body: try expression()))
            } while current.isSymbol("||") && { _ = take(); return true }()
            try expect(keyword: "end", "closing match")
            return .match(scrutinee, cases, start.location)
        case "if":
            _ = take()
            let condition = try variantCondition()
            try expect(keyword: "then", "after the if condition")
            let then = try expression()
            try expect(keyword: "else", "in if ... then ... else")
            return .ifVariant(condition, then, try expression(), start.location)
        case "try":
            _ = take()
            let body = try expression()
            try expect(keyword: "with", "in try ... with")
            return .tryWith(body, try expression(), start.location)
        default:
            return try binary(level: 0)
        }
    }

    private mutating func matchPattern() throws(CatError) -> CatExpr.MatchCase.Pattern {
        if current.isSymbol("{") {
            _ = take()
            try expect(symbol: "}", "in the empty-set pattern {}")
            return .empty
        }
        if case let .tag(t) = current.kind { _ = take(); return .tag(t) }
        if current.isName("_") { _ = take(); return .wildcard }
        let element = try identifier("a pattern ({}, x ++ rest, 'tag or _)")
        try expect(symbol: "++", "in the pattern \(element) ++ rest")
        return .element(element, try identifier("a name after ++"))
    }

    private mutating func variantCondition() throws(CatError) -> CatExpr.VariantCondition {
        var left = try variantAtom()
        while current.isSymbol("||") || current.isSymbol("&") || current.isName("and") {
            let isOr = current.isSymbol("||")
            _ = take()
            if !isOr && current.isSymbol("&") { _ = take() }  // `&&`
            let right = try variantAtom()
            left = isOr ? .or(left, right) : .and(left, right)
        }
        return left
    }

    private mutating func variantAtom() throws(CatError) -> CatExpr.VariantCondition {
        if current.isName("not") { _ = take(); return .not(try variantAtom()) }
        if current.isSymbol("(") {
            _ = take()
            let c = try variantCondition()
            try expect(symbol: ")", "closing the condition")
            return c
        }
        guard case let .string(s) = current.kind else { throw error("expected a variant name in quotes, found \(current.text)") }
        _ = take()
        return .variant(s)
    }

    private static let levels: [(CatExpr.BinaryOperator, rightAssociative: Bool)] = [
        (.union, true), (.addElement, true), (.sequence, true), (.difference, false), (.intersection, true), (.cartesian, true),
    ]

    private func startsPrimary(_ t: CatToken) -> Bool {
        switch t.kind {
        case let .name(n): return !catKeywords.contains(n)
        case .tag, .number: return true
        case let .symbol(s): return ["(", "{", "[", "~"].contains(s)
        default: return false
        }
    }

    private func isBinary(_ op: CatExpr.BinaryOperator) -> Bool {
        guard current.isSymbol(op.rawValue) else { return false }
        // `r*` followed by something that cannot start an operand is the postfix star.
        return op != .cartesian || startsPrimary(following)
    }

    private mutating func binary(level: Int) throws(CatError) -> CatExpr {
        guard level < Self.levels.count else { return try unary() }
        let (op, right) = Self.levels[level]
        var left = try binary(level: level + 1)
        while isBinary(op) {
            let t = take()
            let rhs = right ? try binary(level: level) : try binary(level: level + 1)
            left = .binary(op, left, rhs, t.location)
            if right { break }
        }
        return left
    }

    private mutating func unary() throws(CatError) -> CatExpr {
        if current.isSymbol("~") {
            let t = take()
            return .complement(try unary(), t.location)
        }
        var e = try application()
        while true {
            if current.isSymbol("*") && !startsPrimary(following) {
                e = .postfix(.star, e, take().location)
            } else if current.isSymbol("^*") {
                e = .postfix(.star, e, take().location)
            } else if current.isSymbol("+") || current.isSymbol("^+") {
                e = .postfix(.plus, e, take().location)
            } else if current.isSymbol("?") {
                e = .postfix(.option, e, take().location)
            } else if current.isSymbol("^-1") {
                e = .postfix(.inverse, e, take().location)
            } else {
                return e
            }
        }
    }

    private mutating func application() throws(CatError) -> CatExpr {
        var e = try primary()
        while startsPrimary(current) && !current.isSymbol("~") {
            let argument = try primary()
            e = .application(e, argument, argument.location)
        }
        return e
    }

    private mutating func primary() throws(CatError) -> CatExpr {
        let t = current
        switch t.kind {
        case let .name(n) where !catKeywords.contains(n):
            _ = take()
            return n == "_" ? .universe(t.location) : .name(n, t.location)
        case let .tag(tag):
            _ = take()
            return .tag(tag, t.location)
        case let .number(n):
            guard n == 0 else { throw error("only 0 (the empty relation) is a number in cat") }
            _ = take()
            return .zero(t.location)
        case .symbol("("):
            _ = take()
            if current.isSymbol(")") { _ = take(); return .tuple([], t.location) }
            var items = [try expression()]
            while current.isSymbol(",") { _ = take(); items.append(try expression()) }
            try expect(symbol: ")", "closing '(' at \(t.location.line):\(t.location.column)")
            return items.count == 1 ? items[0] : .tuple(items, t.location)
        case .symbol("{"):
            _ = take()
            var items: [CatExpr] = []
            if !current.isSymbol("}") {
                items.append(try expression())
                while current.isSymbol(",") { _ = take(); items.append(try expression()) }
            }
            try expect(symbol: "}", "closing '{'")
            return .set(items, t.location)
        case .symbol("["):
            _ = take()
            let e = try expression()
            try expect(symbol: "]", "closing '['")
            return .identity(e, t.location)
        case .symbol("~"):
            _ = take()
            return .complement(try unary(), t.location)
        default:
            throw error("expected an expression, found \(t.text)")
        }
    }
}
