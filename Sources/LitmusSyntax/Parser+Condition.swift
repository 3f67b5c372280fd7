/// The final part: `locations [...]`, `filter (...)` and the condition.
extension Parser {
    /// final := ('locations' '[' (location TYPE? '*'* (';' | ',')?)* ']' | 'filter' proposition)*
    ///          (quantifier proposition ';'? with?)? EOF
    /// quantifier := 'exists' | '~' 'exists' | 'forall' | 'final' | 'observed' | '(' (herd7's; none: forall (true))
    func parseFinal() -> (locations: [LocationSyntax], filter: PropositionSyntax?, condition: Condition?) {
        var locations: [LocationSyntax] = []
        var filter: PropositionSyntax?
        var condition: Condition?
        var sawQuantifier = false
        while !stopped, token.kind != .endOfFile {
            do throws(SyntaxError) {
                if token.isIdentifier("locations") {
                    advance()
                    try expect("[", "after 'locations'")
                    while !token.is("]") {
                        locations.append(try parseLocation())
                        // herd7 lets a type follow (`0:r1 int*`); the values say what it holds.
                        if token.kind == .identifier { advance() }
                        while token.is("*") { advance() }
                        if token.is(";") || token.is(",") { advance() } else if !token.is("]") {
                            throw expected("';' or ']' in the locations list")
                        }
                    }
                    advance()
                } else if token.isIdentifier("filter") {
                    advance()
                    filter = try parseProposition()
                } else if case let quantifierLocation = token.location, let quantifier = try parseQuantifier() {
                    if sawQuantifier { throw error("the test already has a final condition", at: quantifierLocation) }
                    sawQuantifier = true
                    if quantifier == .observed {
                        condition = Condition(quantifier: .exists, proposition: try parseObserved())
                    } else {
                        condition = Condition(quantifier: quantifier == .bare ? .exists : quantifier.condition,
                                              proposition: try parseProposition())
                    }
                    // herd7 accepts a `;` after the condition, and litmus7's `with tag: exists; ...`.
                    if token.is(";") { advance() }
                    if token.isIdentifier("with") { try skipWithClause() }
                } else {
                    throw expected(condition == nil ? "the final condition ('exists', '~exists' or 'forall')" : "end of file after the final condition")
                }
            } catch {
                record(error)
                // Resume at the next keyword of the final part, if any.
                advance()
                while token.kind != .endOfFile, !isFinalKeyword(token), !token.is("~") { advance() }
            }
        }
        if condition == nil, !sawQuantifier, !stopped, !hasErrors {
            // No condition at all: herd7 reads `forall (true)`.
            condition = Condition(quantifier: .forall, proposition: .constant(true))
        }
        return (locations, filter, condition)
    }

    private enum QuantifierWord {
        case exists, notExists, forall, observed
        /// `(proposition)` alone means `exists (proposition)`.
        case bare

        var condition: Condition.Quantifier {
            switch self {
            case .notExists: return .notExists
            case .forall: return .forall
            default: return .exists
            }
        }
    }

    /// 'exists' | '~' 'exists' | 'not' 'exists' | 'forall' | 'final' (exists) | 'observed' | '(' (exists)
    private func parseQuantifier() throws(SyntaxError) -> QuantifierWord? {
        if token.isIdentifier("exists") || token.isIdentifier("final") {
            advance()
            return .exists
        }
        if token.isIdentifier("forall") {
            advance()
            return .forall
        }
        if token.isIdentifier("observed") || token.isIdentifier("Observed") {
            advance()
            return .observed
        }
        if token.is("~") || token.isIdentifier("not"), peek().isIdentifier("exists") {
            advance()
            advance()
            return .notExists
        }
        if token.is("(") { return .bare }
        return nil
    }

    /// observed := (atom ';')* ('and' (atom ';')*)*: one of the listed states (exists).
    private func parseObserved() throws(SyntaxError) -> PropositionSyntax {
        var states: [PropositionSyntax] = []
        var atoms: [PropositionSyntax] = []
        func close() {
            states.append(atoms.dropFirst().reduce(atoms.first ?? .constant(true)) { .and($0, $1) })
            atoms = []
        }
        while token.kind != .endOfFile, !token.isIdentifier("with") {
            if token.isIdentifier("and") {
                advance()
                close()
                continue
            }
            atoms.append(.atom(try parseAtom()))
            try expect(";", "after each value of an observed state")
        }
        close()
        return states.dropFirst().reduce(states[0]) { .or($0, $1) }
    }

    /// with := 'with' (IDENT ':' ('exists' | 'forall' | '~' 'exists') ';'?)+ (litmus7's tags; ignored)
    private func skipWithClause() throws(SyntaxError) {
        advance()
        repeat {
            _ = try expectIdentifier("a tag name after 'with'")
            try expect(":", "after the tag name")
            guard try parseQuantifier().map({ $0 != .observed && $0 != .bare }) == true else {
                throw expected("'exists', 'forall' or '~exists' after the tag")
            }
            if token.is(";") { advance() }
        } while token.kind == .identifier
    }

    /// proposition := disjunction (('=>' | '==>') proposition)?
    func parseProposition() throws(SyntaxError) -> PropositionSyntax {
        let saved = nesting
        defer { nesting = saved }
        let lhs = try parseDisjunction()
        guard token.is("==>") || token.is("=>") else { return lhs }
        try enterNesting(token.location)
        advance()
        return .implies(lhs, try parseProposition())
    }

    /// disjunction := conjunction ('\/' conjunction)*
    private func parseDisjunction() throws(SyntaxError) -> PropositionSyntax {
        let saved = nesting
        defer { nesting = saved }
        var result = try parseConjunction()
        while token.is("\\/") {
            try enterNesting(token.location)
            advance()
            result = .or(result, try parseConjunction())
        }
        return result
    }

    /// conjunction := negation ('/\' negation)*
    private func parseConjunction() throws(SyntaxError) -> PropositionSyntax {
        let saved = nesting
        defer { nesting = saved }
        var result = try parseNegation()
        while token.is("/\\") {
            try enterNesting(token.location)
            advance()
            result = .and(result, try parseNegation())
        }
        return result
    }

    /// negation := ('~' | 'not') negation | '(' proposition ')' | 'true' | 'false' | atom
    private func parseNegation() throws(SyntaxError) -> PropositionSyntax {
        if token.is("~") || token.isIdentifier("not") {
            try enterNesting(token.location)
            defer { nesting -= 1 }
            advance()
            return .not(try parseNegation())
        }
        if token.is("(") {
            try enterNesting(token.location)
            defer { nesting -= 1 }
            advance()
            let inner = try parseProposition()
            try expect(")", "to close the parenthesis")
            return inner
        }
        if token.isIdentifier("true") {
            advance()
            return .constant(true)
        }
        if token.isIdentifier("false") {
            advance()
            return .constant(false)
        }
        return .atom(try parseAtom())
    }

    /// atom := location ('=' | '==' | '!=' | '<>') operand
    private func parseAtom() throws(SyntaxError) -> AtomSyntax {
        let lhs = try parseLocation()
        let negated = token.is("!=") || token.is("<>")
        guard token.is("=") || token.is("==") || negated else {
            throw expected("'=' after \(Self.describe(lhs))")
        }
        advance()
        return AtomSyntax(lhs, isNegated: negated, try parseOperand())
    }

    /// operand := '-'? INT | INT ':' IDENT | '[' IDENT ']' | IDENT
    private func parseOperand() throws(SyntaxError) -> OperandSyntax {
        if token.kind == .integer, peek().is(":") { return .location(try parseLocation()) }
        if token.is("[") { return .location(try parseLocation()) }
        if token.kind == .integer || token.is("-") { return .integer(try signedInteger()) }
        let name = try expectIdentifier("a value (an integer or a variable name)")
        return .address(name.text, at: name.location)
    }

    /// location := INT ':' IDENT | '[' IDENT ']' | IDENT
    func parseLocation() throws(SyntaxError) -> LocationSyntax {
        let start = token
        if token.kind == .integer {
            let thread = try integer(token)
            advance()
            try expect(":", "between the thread number and the register")
            let register = try expectIdentifier("a register name")
            return LocationSyntax(.register(thread: thread, name: register.text), at: start.location)
        }
        if token.is("[") {
            advance()
            let name = try expectIdentifier("a variable name")
            try expect("]", "after the variable name")
            return LocationSyntax(.variable(name.text), at: start.location)
        }
        let name = try expectIdentifier("a location such as '0:r0' or 'x'")
        return LocationSyntax(.variable(name.text), at: start.location)
    }

    static func describe(_ location: LocationSyntax) -> String {
        switch location.kind {
        case let .register(thread, name): return "'\(thread):\(name)'"
        case let .variable(name): return "'\(name)'"
        }
    }
}
