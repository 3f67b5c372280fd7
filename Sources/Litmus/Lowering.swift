import LitmusSyntax

/// A lowering error: a diagnostic at the construct that cannot be lowered.
struct LoweringError: Error {
    var diagnostic: Diagnostic
}

/// Lowers a parsed ``LitmusTest`` to a ``Program``: declares the shared variables (from the
/// init block, the parameters' types and the condition), lowers each process with
/// ``ThreadLowering`` and resolves the final condition. Errors are collected, not thrown one by one.
struct Lowering {
    private let test: LitmusTest
    private var variables: [Variable] = []
    private var variableIndex: [String: VariableIndex] = [:]
    /// Variables whose init entry gave no type: a parameter's type decides their kind.
    private var untyped: Set<String> = []
    private var diagnostics: [Diagnostic] = []
    private let macros: MacroDefinitions?

    init(_ test: LitmusTest, macros: MacroDefinitions? = nil) {
        self.test = test
        self.macros = macros
    }

    mutating func lower() -> (Program?, [Diagnostic]) {
        declareInitVariables()
        declareParameterVariables()
        assignInitialValues()
        let registerMentions = mentionedRegisters()
        var threads: [ThreadProgram] = []
        for process in test.processes {
            var thread = ThreadLowering(
                process: process, variables: variableIndex, extraRegisters: registerMentions[process.index] ?? [],
                macros: macros)
            threads.append(thread.lower())
            diagnostics += thread.diagnostics
        }
        applyRegisterInitializers(to: &threads)
        let warnings = ConditionWarnings(test: test, threads: threads, knownVariables: Set(variableIndex.keys)).diagnostics()
        let condition = FinalCondition(
            quantifier: quantifier(test.condition.quantifier), proposition: lower(test.condition.proposition, threads))
        let filter = test.filter.map { lower($0, threads) }
        let extra = test.extraLocations.compactMap { lower($0, threads) }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        let program = Program(
            name: test.name, docString: test.docString, expectedResult: test.expectedResult, variables: variables,
            threads: threads, condition: condition, filter: filter, extraLocations: extra)
        return (program, warnings)
    }

    // MARK: Variables

    /// What a shared variable of this C type is; nil for a type we do not know.
    static func kind(of type: CType) -> VariableKind? {
        if type.pointerDepth > 0 { return .pointer }
        switch type.base {
        case "spinlock_t", "raw_spinlock_t": return .spinlock
        case "atomic_t", "atomic_long_t", "atomic64_t": return .atomic
        case "struct srcu_struct": return .srcu
        default: return isIntegerType(type.base) ? .int : nil
        }
    }

    static func isIntegerType(_ base: String) -> Bool {
        let words = base.split(separator: " ")
        let integerWords: Set<Substring> = ["int", "char", "short", "long", "unsigned", "signed"]
        if !words.isEmpty, words.allSatisfy({ integerWords.contains($0) }) { return true }
        return [
            "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "bool", "_Bool", "size_t", "intptr_t", "uintptr_t",
        ].contains(base)
    }

    private mutating func report(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(message, at: location))
    }

    @discardableResult
    private mutating func declare(_ name: String, kind: VariableKind = .int) -> VariableIndex {
        if let index = variableIndex[name] { return index }
        variables.append(Variable(name: name, kind: kind))
        variableIndex[name] = variables.count - 1
        return variables.count - 1
    }

    private mutating func declareInitVariables() {
        for entry in test.initializers {
            guard case let .variable(name) = entry.target else { continue }
            if variableIndex[name] != nil {
                if entry.type != nil { report("variable '\(name)' is declared twice in the init block", at: entry.location) }
                continue
            }
            guard let type = entry.type else {
                declare(name)
                untyped.insert(name)
                continue
            }
            guard let kind = Self.kind(of: type) else {
                report("unknown type '\(type.base)'", at: entry.location)
                continue
            }
            declare(name, kind: kind)
        }
    }

    /// `P0(spinlock_t *s)` declares `s` even when the init block does not: a parameter is the
    /// address of the shared variable of the same name, whose type is the pointee type.
    private mutating func declareParameterVariables() {
        for process in test.processes {
            for parameter in process.parameters {
                guard parameter.type.pointerDepth > 0 else {
                    report("parameter '\(parameter.name)' must be a pointer, such as '\(parameter.type.base) *\(parameter.name)'",
                           at: parameter.location)
                    continue
                }
                guard let kind = Self.kind(of: parameter.type.pointee) else {
                    report("unknown type '\(parameter.type.base)'", at: parameter.location)
                    continue
                }
                if let index = variableIndex[parameter.name] {
                    if untyped.remove(parameter.name) != nil { variables[index].kind = kind }
                } else {
                    declare(parameter.name, kind: kind)
                }
            }
        }
    }

    private mutating func assignInitialValues() {
        for entry in test.initializers {
            guard case let .variable(name) = entry.target, let index = variableIndex[name], let value = entry.value
            else { continue }
            variables[index].initialValue = initialValue(value)
        }
    }

    /// herd7 reads a bare name in the init block as the variable's address (`int *p=y;`).
    private mutating func initialValue(_ value: InitialValue) -> Value {
        switch value {
        case let .integer(n), let .atomicInit(n): return .integer(n)
        case let .name(name), let .addressOf(name): return .address(declare(name))
        }
    }

    // MARK: Registers named outside the bodies

    /// Registers the init block or the final part name, per thread, so each thread declares them.
    private func mentionedRegisters() -> [Int: [String]] {
        var mentioned: [Int: [String]] = [:]
        func add(_ location: LocationSyntax) {
            if case let .register(thread, name) = location.kind, !(mentioned[thread] ?? []).contains(name) {
                mentioned[thread, default: []].append(name)
            }
        }
        for entry in test.initializers {
            if case let .register(thread, name) = entry.target { add(LocationSyntax(.register(thread: thread, name: name), at: entry.location)) }
        }
        func visit(_ p: PropositionSyntax) {
            switch p {
            case .constant: break
            case let .atom(atom):
                add(atom.lhs)
                if case let .location(l) = atom.rhs { add(l) }
            case let .not(a): visit(a)
            case let .and(a, b), let .or(a, b), let .implies(a, b): visit(a); visit(b)
            }
        }
        test.extraLocations.forEach(add)
        test.filter.map(visit)
        visit(test.condition.proposition)
        return mentioned
    }

    private mutating func applyRegisterInitializers(to threads: inout [ThreadProgram]) {
        for entry in test.initializers {
            guard case let .register(thread, name) = entry.target else { continue }
            guard threads.indices.contains(thread), let register = threads[thread].registerIndex(named: name) else {
                report("there is no process P\(thread)", at: entry.location)
                continue
            }
            if let value = entry.value { threads[thread].initialRegisters[register] = initialValue(value) }
        }
    }

    // MARK: The final part

    private func quantifier(_ q: Condition.Quantifier) -> FinalCondition.Quantifier {
        switch q {
        case .exists: return .exists
        case .notExists: return .notExists
        case .forall: return .forall
        }
    }

    private mutating func lower(_ p: PropositionSyntax, _ threads: [ThreadProgram]) -> Proposition {
        switch p {
        case let .constant(value): return .constant(value)
        case let .not(a): return .not(lower(a, threads))
        case let .and(a, b): return .and(lower(a, threads), lower(b, threads))
        case let .or(a, b): return .or(lower(a, threads), lower(b, threads))
        case let .implies(a, b): return .implies(lower(a, threads), lower(b, threads))
        case let .atom(atom):
            let lhs = lower(atom.lhs, threads) ?? .variable(name: "?")
            let rhs: StateOperand
            switch atom.rhs {
            case let .integer(n): rhs = .value(.integer(n))
            case let .address(name, _): rhs = .value(.address(declare(name)))
            case let .location(l): rhs = .location(lower(l, threads) ?? .variable(name: "?"))
            }
            let equals = Proposition.equals(lhs, rhs)
            return atom.isNegated ? .not(equals) : equals
        }
    }

    /// A condition location; a variable only the condition names is memory that starts at 0.
    private mutating func lower(_ location: LocationSyntax, _ threads: [ThreadProgram]) -> StateLocation? {
        switch location.kind {
        case let .register(thread, name):
            guard threads.indices.contains(thread) else {
                report("there is no process P\(thread)", at: location.location)
                return nil
            }
            return .register(thread: thread, name: name)
        case let .variable(name):
            declare(name)
            return .variable(name: name)
        }
    }
}

extension Program {
    /// Parses and lowers a litmus test; every syntax or lowering error is in the thrown error.
    /// With `macros` (a `.def`), every call is expanded through it, as herd7 does with `-macros`.
    public static func parse(source: String, file: String, macros: MacroDefinitions? = nil) throws(DiagnosticError) -> Program {
        try lower(try LitmusTest.parse(source: source, file: file), source: source, macros: macros)
    }

    /// Lowers a parsed test; `source` is its text, for rendering diagnostics. Warnings (likely
    /// typos in the condition) do not stop it: they are in ``Program/warnings``.
    public static func lower(_ test: LitmusTest, source: String = "", macros: MacroDefinitions? = nil) throws(DiagnosticError) -> Program {
        var lowering = Lowering(test, macros: macros)
        let (lowered, diagnostics) = lowering.lower()
        guard var program = lowered else {
            throw DiagnosticError(diagnostics: diagnostics.sorted { $0.location < $1.location }, source: source)
        }
        program.warnings = diagnostics.map { $0.rendered(source: source) }
        return program
    }

    /// Reads, parses and lowers the file at `path`; an unreadable file is a diagnostic too.
    public static func load(contentsOf path: String, macros: MacroDefinitions? = nil) throws(DiagnosticError) -> Program {
        try parse(source: try SourceFile.read(path), file: path, macros: macros)
    }
}
