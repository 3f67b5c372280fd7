/// Prints a ``LitmusTest`` in canonical form: tab-indented bodies, braces on every `if` and
/// `while`, one declaration per line, only the parentheses precedence needs. Parsing the
/// output gives back an equal test.
public struct Printer {
    public init() {}

    public func print(_ test: LitmusTest) -> String {
        var out = "\(test.architecture) \(test.name)" + (test.texName.map { " (\($0))" } ?? "") + "\n"
        if let doc = test.docString { out += "\"\(doc)\"\n" }
        for line in test.metadata { out += "\(line.key)=\(line.value)\n" }
        if let comment = test.headerComment {
            out += "\n\(comment)\n"
        }
        if let result = test.expectedResult, test.headerComment.flatMap(Parser.resultWord(in:)) != result {
            out += "\n(* Result: \(result) *)\n"
        }
        out += test.initializers.isEmpty ? "\n{}\n" : "\n{\n"
        for entry in test.initializers { out += "\t\(print(entry))\n" }
        if !test.initializers.isEmpty { out += "}\n" }
        for process in test.processes { out += "\n" + print(process) }
        out += "\n"
        if !test.extraLocations.isEmpty {
            out += "locations [" + test.extraLocations.map { print($0) + ";" }.joined(separator: " ") + "]\n"
        }
        if let filter = test.filter { out += "filter (\(print(filter)))\n" }
        out += "\(test.condition.quantifier.rawValue) (\(print(test.condition.proposition)))\n"
        return out
    }

    public func print(_ entry: Initializer) -> String {
        var target: String
        switch entry.target {
        case let .variable(name): target = name
        case let .register(thread, name): target = "\(thread):\(name)"
        }
        if let type = entry.type { target = declaration(type, target) }
        guard let value = entry.value else { return target + ";" }
        let spelled: String
        switch value {
        case let .integer(n): spelled = String(n)
        case let .name(name): spelled = name
        case let .addressOf(name): spelled = "&" + name
        case let .atomicInit(n): spelled = "ATOMIC_INIT(\(n))"
        }
        return entry.type == nil ? "\(target)=\(spelled);" : "\(target) = \(spelled);"
    }

    /// `int *x`, `spinlock_t s`.
    private func declaration(_ type: CType, _ name: String) -> String {
        type.pointerDepth <= 0 ? "\(type.base) \(name)" : "\(type.base) \(String(repeating: "*", count: type.pointerDepth))\(name)"
    }

    public func print(_ process: Process) -> String {
        let parameters = process.parameters.map { declaration($0.type, $0.name) }.joined(separator: ", ")
        var out = "P\(process.index)(\(parameters))\n{\n"
        // Declarations first, then a blank line, as the kernel's tests are laid out.
        let declarations = process.body.prefix { if case .declaration = $0.kind { true } else { false } }
        print(Array(declarations), depth: 1, into: &out)
        if !declarations.isEmpty, declarations.count < process.body.count { out += "\n" }
        print(Array(process.body.dropFirst(declarations.count)), depth: 1, into: &out)
        return out + "}\n"
    }

    private func print(_ statements: [Statement], depth: Int, into out: inout String) {
        for statement in statements { print(statement, depth: depth, into: &out) }
    }

    private func print(_ statement: Statement, depth: Int, into out: inout String) {
        let indent = String(repeating: "\t", count: depth)
        switch statement.kind {
        case let .declaration(type, name, value):
            out += indent + declaration(type, name) + (value.map { " = " + print($0) } ?? "") + ";\n"
        case let .assignment(target, op, value):
            out += indent + print(target) + " \(op?.rawValue ?? "")= " + print(value) + ";\n"
        case let .expression(expression):
            out += indent + print(expression) + ";\n"
        case let .block(inner):
            out += indent + "{\n"
            print(inner, depth: depth + 1, into: &out)
            out += indent + "}\n"
        case let .whileLoop(condition, body):
            out += indent + "while (\(print(condition))) {\n"
            print(body, depth: depth + 1, into: &out)
            out += indent + "}\n"
        case .ifElse:
            out += indent
            printIf(statement, depth: depth, into: &out)
        }
    }

    /// `if (c) { ... } else if (d) { ... } else { ... }`.
    private func printIf(_ statement: Statement, depth: Int, into out: inout String) {
        guard case let .ifElse(condition, then, otherwise) = statement.kind else { return }
        let indent = String(repeating: "\t", count: depth)
        out += "if (\(print(condition))) {\n"
        print(then, depth: depth + 1, into: &out)
        out += indent + "}"
        guard let otherwise else { return out += "\n" }
        if otherwise.count == 1, case .ifElse = otherwise[0].kind {
            out += " else "
            printIf(otherwise[0], depth: depth, into: &out)
            return
        }
        out += " else {\n"
        print(otherwise, depth: depth + 1, into: &out)
        out += indent + "}\n"
    }

    /// An expression with the parentheses C's precedence requires.
    public func print(_ expression: Expr) -> String {
        switch expression.kind {
        case let .integer(n):
            return n < 0 ? "(\(n))" : String(n)
        case let .identifier(name):
            return name
        case let .call(name, arguments):
            return name + "(" + arguments.map { print($0) }.joined(separator: ", ") + ")"
        case let .cast(type, inner):
            return "(\(type))" + operand(inner)
        case let .unary(op, inner):
            let text = operand(inner)
            // `- -x` and `& &x` need the space, or they would read back as `--x` and `&&x`.
            let merges = (op == .negate && text.hasPrefix("-")) || (op == .addressOf && text.hasPrefix("&"))
            return op.rawValue + (merges ? " " : "") + text
        case let .binary(op, lhs, rhs):
            // Left-associative: the right operand needs parentheses at equal precedence.
            let left = needsParentheses(lhs, below: op.precedence) ? "(\(print(lhs)))" : print(lhs)
            let right = needsParentheses(rhs, below: op.precedence + 1) ? "(\(print(rhs)))" : print(rhs)
            return "\(left) \(op.rawValue) \(right)"
        }
    }

    /// A unary operator's or cast's operand: only a binary expression needs parentheses (adding
    /// any others would deepen the nesting and could push a test past the parser's limit).
    private func operand(_ expression: Expr) -> String {
        if case .binary = expression.kind { return "(\(print(expression)))" }
        return print(expression)
    }

    private func needsParentheses(_ expression: Expr, below precedence: Int) -> Bool {
        if case let .binary(op, _, _) = expression.kind { return op.precedence < precedence }
        return false
    }

    public func print(_ proposition: PropositionSyntax) -> String {
        print(proposition, level: 0)
    }

    /// Levels: 0 implication, 1 disjunction, 2 conjunction, 3 negation and atoms.
    private func print(_ proposition: PropositionSyntax, level: Int) -> String {
        func wrap(_ text: String, _ own: Int) -> String { own < level ? "(\(text))" : text }
        switch proposition {
        case let .constant(value): return value ? "true" : "false"
        case let .atom(atom): return print(atom)
        case let .not(inner): return "~" + print(inner, level: 3)
        case let .and(a, b): return wrap(print(a, level: 2) + " /\\ " + print(b, level: 3), 2)
        case let .or(a, b): return wrap(print(a, level: 1) + " \\/ " + print(b, level: 2), 1)
        case let .implies(a, b): return wrap(print(a, level: 1) + " ==> " + print(b, level: 0), 0)
        }
    }

    public func print(_ atom: AtomSyntax) -> String {
        let rhs: String
        switch atom.rhs {
        case let .integer(n): rhs = String(n)
        case let .address(name, _): rhs = name
        case let .location(location):
            if case let .variable(name) = location.kind { rhs = "[\(name)]" } else { rhs = print(location) }
        }
        // A variable named like a proposition keyword must keep its brackets to read back as a location.
        var lhs = print(atom.lhs)
        if case let .variable(name) = atom.lhs.kind, ["true", "false", "not"].contains(name) { lhs = "[\(name)]" }
        return lhs + (atom.isNegated ? "!=" : "=") + rhs
    }

    public func print(_ location: LocationSyntax) -> String {
        switch location.kind {
        case let .register(thread, name): return "\(thread):\(name)"
        case let .variable(name): return name
        }
    }
}
