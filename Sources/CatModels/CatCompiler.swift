import LitmusSyntax
import Models

/// An axiom or flag of a compiled model: a fixed outcome, or a node computed per candidate.
struct CompiledCheck {
    enum Value {
        case fixed(CatData)
        case node(CatNode)
    }
    var kind: CatCheck
    var negated: Bool
    var flag: Bool
    /// The `as` name, or the relation's text when there is none.
    var name: String
    var relationName: String
    var value: Value
}

/// A model compiled for one skeleton: its checks in order, the `with` choices every candidate
/// must agree with, and the named relations explanations are told with.
final class CompiledModel {
    var checks: [CompiledCheck] = []
    var slots: [ChoiceSlot] = []
    var vocabulary: [(String, CatValue)] = []
    /// `show` (a value) and `unshow` (nil) in the order the model runs them.
    var shows: [(label: String, value: CatValue?)] = []
    var stamp = 0
}

/// Evaluates a model's statements once per skeleton: what does not depend on rf/co is
/// computed there and then, the rest becomes ``CatNode``s (partial evaluation).
final class CatCompiler {
    let definition: CatModelDefinition
    let skeleton: CatSkeleton
    let output = CompiledModel()
    private var procedures: [String: (CatExpr.Pattern, [CatStatement], CatEnvironment)] = [:]
    private var checkPrefix: String?
    /// When set, values that depend on rf/co are computed for this candidate on the spot
    /// (models evaluated per candidate, and `with` sets that need it).
    var candidate: UnsafeMutablePointer<CatCandidate>?

    init(definition: CatModelDefinition, skeleton: CatSkeleton) {
        self.definition = definition
        self.skeleton = skeleton
    }

    static func compile(_ definition: CatModelDefinition, _ skeleton: CatSkeleton,
                        candidate: UnsafeMutablePointer<CatCandidate>? = nil) throws(CatError) -> CompiledModel {
        let compiler = CatCompiler(definition: definition, skeleton: skeleton)
        compiler.candidate = candidate
        let environment = CatEnvironment(compiler.primitives())
        for file in definition.prelude { try compiler.run(file.statements, in: environment, file: file.path) }
        if let bell = definition.bell { try compiler.run(bell.statements, in: environment, file: bell.path) }
        try compiler.run(definition.main.statements, in: environment, file: definition.main.path)
        return compiler.output
    }

    // MARK: - Statements

    func run(_ statements: [CatStatement], in environment: CatEnvironment, file: String) throws(CatError) {
        for statement in statements { try run(statement, in: environment, file: file) }
    }

    private func run(_ statement: CatStatement, in env: CatEnvironment, file: String) throws(CatError) {
        switch statement {
        case let .let(recursive, bindings, location):
            try bind(bindings, recursive: recursive, in: env, at: location, topLevel: true)
        case let .include(name, location):
            guard let included = definition.included(name, from: file) else {
                throw CatError("cannot find included file \"\(name)\"", at: location)
            }
            try run(included.statements, in: env, file: included.path)
        case let .check(kind, negated, flag, expr, name, _):
            let value = try evaluate(expr, env)
            let relationName: String
            if case let .name(n, _) = expr { relationName = n } else { relationName = name ?? kind.rawValue }
            let data: CompiledCheck.Value
            switch value {
            case let .node(n): data = .node(n)
            default: data = .fixed(try concrete(value, at: expr.location, wantSet: nil))
            }
            let shownName = checkPrefix ?? name ?? relationName
            output.checks.append(CompiledCheck(kind: kind, negated: negated, flag: flag, name: shownName,
                                               relationName: relationName, value: data))
        case let .show(items, unshow, _):
            for (expr, label) in items {
                output.shows.append((label, unshow ? nil : try evaluate(expr, env)))
            }
        case .instructions:
            break
        case let .enumeration(name, tags, _):
            env.bind(name, .collection(tags.map { .tag($0) }))
            for tag in tags { env.bind(CatCompiler.setName(ofTag: tag), .set(skeleton.tagged(tag))) }
        case let .procedure(name, parameter, body, _):
            procedures[name] = (parameter, body, env.scope())
        case let .call(name, argument, flag, asName, location):
            guard let (parameter, body, defined) = procedures[name] else {
                throw CatError("unknown procedure \(name)", at: location)
            }
            let frame = CatEnvironment(parent: defined)
            try match(parameter, try evaluate(argument, env), into: frame, at: location)
            let saved = checkPrefix
            checkPrefix = asName ?? checkPrefix
            let before = output.checks.count
            try run(body, in: frame, file: file)
            if flag { for i in before ..< output.checks.count { output.checks[i].flag = true } }
            checkPrefix = saved
        case let .with(name, source, location):
            let slot = output.slots.count
            var origin: ChoiceSlot.Source
            do throws(CatError) {
                origin = try choiceSource(try evaluate(source, env), name: name, at: location)
            } catch {
                guard error.needsCandidate else { throw error }
                origin = .perCandidate(source, env.scope())
            }
            output.slots.append(ChoiceSlot(name: name, source: origin, location: location, index: slot))
            let node = CatNode(.chosen(slot), isSet: false)
            env.bind(name, .node(node))
            output.vocabulary.append((name, .node(node)))
        case let .forall(name, set, body, location):
            for element in try elements(of: try evaluate(set, env), at: location) {
                let frame = CatEnvironment(parent: env)
                frame.bind(name, element)
                try run(body, in: frame, file: file)
            }
        case let .ifVariant(condition, then, otherwise, _):
            try run(definition.holds(condition) ? then : otherwise, in: env, file: file)
        }
    }

    /// What a `with` chooses from, once S is evaluated.
    private func choiceSource(_ value: CatValue, name: String, at location: SourceLocation) throws(CatError) -> ChoiceSlot.Source {
        switch value {
        case let .orders(writes, pco):
            return .orders(writes, try lift(pco, isSet: false, at: location))
        case .zero:
            return .fixed([])
        case let .collection(items):
            var options: [Relation] = []
            for item in items { options.append(try concrete(item, at: location, wantSet: false).relation) }
            return .fixed(options)
        default:
            throw CatError("with \(name) from ...: expected a set of relations, found \(value.kindName)", at: location)
        }
    }

    /// `let [rec] a = e and b = f`: functions bind recursively; relations by least fixpoint.
    private func bind(_ bindings: [CatBinding], recursive: Bool, in env: CatEnvironment,
                               at location: SourceLocation, topLevel: Bool) throws(CatError) {
        if !recursive {
            var values: [(CatBinding, CatValue)] = []
            for b in bindings { values.append((b, try evaluate(b.value, env))) }
            for (b, v) in values {
                try match(b.pattern, v, into: env, at: b.location, name: true)
                if topLevel, case let .name(n) = b.pattern { output.vocabulary.append((n, v)) }
            }
            return
        }
        let functions = bindings.allSatisfy { if case .function = $0.value { true } else { false } }
        if functions {
            // The functions see each other through their own frame (and env as it is now).
            let scope = env.scope()
            for b in bindings {
                guard case let .name(n) = b.pattern, case let .function(p, body, _) = b.value else { continue }
                let f = CatValue.function(CatClosure(parameter: p, body: body, environment: scope, name: n))
                scope.bind(n, f)
                env.bind(n, f)
            }
            return
        }
        var names: [String] = []
        for b in bindings {
            guard case let .name(n) = b.pattern else { throw CatError("let rec binds names, not tuples", at: b.location) }
            names.append(n)
        }
        // Fixed inputs: iterate to the fixpoint now.
        var current: [CatValue] = names.map { _ in .zero }
        var dynamic = false
        for _ in 0 ..< 10_000 {
            let frame = CatEnvironment(parent: env)
            for (n, v) in zip(names, current) { frame.bind(n, v) }
            var next: [CatValue] = []
            for b in bindings { next.append(try evaluate(b.value, frame)) }
            if next.contains(where: { if case .node = $0 { true } else { false } }) {
                dynamic = true
                current = next
                break
            }
            var same = true
            for (a, b) in zip(current, next) where !Self.equal(a, b) { same = false }
            current = next
            if same { break }
        }
        if dynamic {
            // Variables as placeholders; the bodies become nodes iterated per candidate.
            let kinds = current.map(Self.isSetValue)
            let variables = kinds.map { CatNode(.recursive, isSet: $0) }
            let frame = CatEnvironment(parent: env)
            for (n, v) in zip(names, variables) { frame.bind(n, .node(v)) }
            var bodies: [CatNode] = []
            for (b, isSet) in zip(bindings, kinds) { bodies.append(try lift(try evaluate(b.value, frame), isSet: isSet, at: b.location)) }
            current = variables.indices.map { i in
                .node(CatNode(.fixpoint(variables: variables, index: i), bodies, isSet: kinds[i]))
            }
        }
        for (n, v) in zip(names, current) {
            env.bind(n, v)
            if topLevel { output.vocabulary.append((n, v)) }
        }
    }

    private func match(_ pattern: CatExpr.Pattern, _ value: CatValue, into env: CatEnvironment,
                                at location: SourceLocation, name: Bool = false) throws(CatError) {
        switch pattern {
        case let .name(n):
            if name, case let .function(closure) = value, closure.name == "fun" {
                env.bind(n, .function(CatClosure(parameter: closure.parameter, body: closure.body,
                                                 environment: closure.environment, name: n)))
            } else {
                env.bind(n, value)
            }
        case let .tuple(names):
            if names.isEmpty { return }
            guard case let .tuple(items) = value, items.count == names.count else {
                throw CatError("expected a tuple of \(names.count) values, found \(value.kindName)", at: location)
            }
            for (n, v) in zip(names, items) { env.bind(n, v) }
        }
    }

    // MARK: - Expressions

    func evaluate(_ expr: CatExpr, _ env: CatEnvironment) throws(CatError) -> CatValue {
        switch expr {
        case let .name(n, location):
            if let v = env.lookup(n) { return resolved(v) }
            if let set = tagSet(n) { return .set(set) }
            throw CatError("unknown name \(n)", at: location)
        case let .tag(t, _): return .tag(t)
        case .zero: return .zero
        case .universe: return .universe
        case let .set(items, location):
            var result: CatValue = .zero
            for item in items.reversed() { result = try addElement(try evaluate(item, env), to: result, at: location) }
            return result
        case let .tuple(items, _):
            var values: [CatValue] = []
            for item in items { values.append(try evaluate(item, env)) }
            return .tuple(values)
        case let .identity(inner, location):
            let v = try evaluate(inner, env)
            if case let .node(n) = v { return .node(CatNode(.identityOf, [n], isSet: false)) }
            return .relation(try concrete(v, at: location, wantSet: true).set.identity)
        case let .complement(inner, location):
            let v = try evaluate(inner, env)
            if case let .node(n) = v { return .node(CatNode(.complement, [n], isSet: n.isSet)) }
            switch v {
            case let .set(s): return .set(s.complement)
            case let .relation(r): return .relation(Relation(cartesian: .all(size: skeleton.size), .all(size: skeleton.size)) - r)
            case .zero: return .universe
            case .universe: return .zero
            default: throw CatError("~ applies to a set or relation, not \(v.kindName)", at: location)
            }
        case let .postfix(op, inner, location):
            return try postfix(op, try evaluate(inner, env), at: location)
        case let .binary(op, lhs, rhs, location):
            return try binary(op, try evaluate(lhs, env), try evaluate(rhs, env), at: location)
        case let .application(f, argument, location):
            return try apply(try evaluate(f, env), try evaluate(argument, env), at: location)
        case let .function(p, body, _):
            return .function(CatClosure(parameter: p, body: body, environment: env.scope(), name: "fun"))
        case let .letIn(recursive, bindings, body, location):
            let frame = CatEnvironment(parent: env)
            try bind(bindings, recursive: recursive, in: frame, at: location, topLevel: false)
            return try evaluate(body, frame)
        case let .match(scrutinee, cases, location):
            return try evaluateMatch(try evaluate(scrutinee, env), cases, env, at: location)
        case let .ifVariant(condition, then, otherwise, _):
            return try evaluate(definition.holds(condition) ? then : otherwise, env)
        case let .tryWith(body, fallback, _):
            do throws(CatError) { return try evaluate(body, env) } catch {
                if error.needsCandidate { throw error }
                return try evaluate(fallback, env)
            }
        }
    }

    private func evaluateMatch(_ value: CatValue, _ cases: [CatExpr.MatchCase], _ env: CatEnvironment,
                                        at location: SourceLocation) throws(CatError) -> CatValue {
        let value = resolved(value)
        if case .node = value { throw CatError.needsCandidate("the matched value", at: location) }
        let split = try elements(of: value, at: location)
        for c in cases {
            switch c.pattern {
            case .wildcard:
                return try evaluate(c.body, env)
            case .empty where split.isEmpty:
                return try evaluate(c.body, env)
            case let .element(first, rest) where !split.isEmpty:
                let frame = CatEnvironment(parent: env)
                frame.bind(first, split[0])
                frame.bind(rest, Self.remainder(of: value, without: split[0], others: split.dropFirst()))
                return try evaluate(c.body, frame)
            case let .tag(t):
                if case let .tag(v) = value, v == t { return try evaluate(c.body, env) }
            default:
                continue
            }
        }
        throw CatError("no case of this match applies to \(value.kindName)", at: location)
    }

    /// `value` (a set, relation or set of values) without its member `first`; `others` are the
    /// remaining members (distinct already: no search for duplicates).
    private static func remainder(of value: CatValue, without first: CatValue, others: ArraySlice<CatValue>) -> CatValue {
        if others.isEmpty { return .zero }
        switch (value, first) {
        case let (.set(s), .event(e)):
            var t = s
            t.remove(e)
            return .set(t)
        case let (.relation(r), .pair(a, b)):
            var t = r
            t.remove(a, b)
            return .relation(t)
        default:
            return .collection(Array(others))
        }
    }

    /// The members of a set, relation or set of values, in a stable order.
    func elements(of value: CatValue, at location: SourceLocation) throws(CatError) -> [CatValue] {
        switch resolved(value) {
        case .zero: return []
        case let .set(s): return s.map { .event($0) }
        case let .relation(r): return r.pairs.map { .pair($0.0, $0.1) }
        case let .collection(items): return items
        case .tag, .event, .pair: return [value]
        case .node: throw CatError.needsCandidate("this set", at: location)
        default: throw CatError("expected a set, found \(value.kindName)", at: location)
        }
    }

    // MARK: - Operators

    /// `e ++ S`: S with one more element.
    func addElement(_ element: CatValue, to set: CatValue, at location: SourceLocation) throws(CatError) -> CatValue {
        switch (element, set) {
        case let (.event(e), .zero):
            var s = EventSet(size: skeleton.size)
            s.insert(e)
            return .set(s)
        case let (.event(e), .set(s)):
            var t = s
            t.insert(e)
            return .set(t)
        case let (.pair(a, b), .zero):
            var r = Relation(size: skeleton.size)
            r.insert(a, b)
            return .relation(r)
        case let (.pair(a, b), .relation(r)):
            var t = r
            t.insert(a, b)
            return .relation(t)
        case (_, .zero):
            return .collection([element])
        case let (_, .collection(items)):
            if items.contains(where: { Self.equal($0, element) }) { return set }
            return .collection([element] + items)
        default:
            throw CatError("cannot add \(element.kindName) to \(set.kindName)", at: location)
        }
    }

    static func isSetValue(_ v: CatValue) -> Bool {
        switch v {
        case .set: return true
        case let .node(n): return n.isSet
        default: return false
        }
    }

    static func equal(_ a: CatValue, _ b: CatValue) -> Bool {
        switch (a, b) {
        case let (.set(x), .set(y)): return x == y
        case let (.relation(x), .relation(y)): return x == y
        case (.zero, .zero), (.universe, .universe): return true
        case let (.zero, .set(s)), let (.set(s), .zero): return s.isEmpty
        case let (.zero, .relation(r)), let (.relation(r), .zero): return r.isEmpty
        case let (.event(x), .event(y)): return x == y
        case let (.pair(a1, b1), .pair(a2, b2)): return a1 == a2 && b1 == b2
        case let (.tag(x), .tag(y)): return x == y
        case let (.tuple(x), .tuple(y)), let (.collection(x), .collection(y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (.node(x), .node(y)): return x === y
        default: return false
        }
    }

    /// A fixed set or relation; `wantSet` says which `0` and `_` stand for.
    func concrete(_ v: CatValue, at location: SourceLocation, wantSet: Bool?) throws(CatError) -> CatData {
        let n = skeleton.size
        switch resolved(v) {
        case let .set(s): return .set(s)
        case let .relation(r): return .relation(r)
        case .zero: return wantSet == true ? .set(EventSet(size: n)) : .relation(Relation(size: n))
        case .universe: return wantSet == true ? .set(.all(size: n)) : .relation(Relation(cartesian: .all(size: n), .all(size: n)))
        case let .event(e):
            var s = EventSet(size: n)
            s.insert(e)
            return .set(s)
        case .node: throw CatError.needsCandidate("this set or relation", at: location)
        default: throw CatError("expected a set or relation, found \(v.kindName)", at: location)
        }
    }

    /// A node's value for the candidate being evaluated, when there is one and the node can be
    /// computed now (not a `let rec` variable, its `with` choices made).
    func resolved(_ v: CatValue) -> CatValue {
        guard case let .node(node) = v, let candidate, !node.dependsOnRecursion,
              node.choiceDepth <= candidate.pointee.choices.prefix(while: { $0 != nil }).count else { return v }
        switch node.value(&candidate.pointee) {
        case let .set(s): return .set(s)
        case let .relation(r): return .relation(r)
        }
    }

    /// `expr` evaluated in `env` for one candidate (a `with` set computed per candidate).
    static func evaluate(_ expr: CatExpr, _ env: CatEnvironment, definition: CatModelDefinition, skeleton: CatSkeleton,
                         candidate c: inout CatCandidate) throws(CatError) -> CatValue {
        let compiler = CatCompiler(definition: definition, skeleton: skeleton)
        return try withUnsafeMutablePointer(to: &c) { (p) throws(CatError) -> CatValue in
            compiler.candidate = p
            return try compiler.evaluate(expr, env)
        }
    }

    func lift(_ v: CatValue, isSet: Bool, at location: SourceLocation) throws(CatError) -> CatNode {
        if case let .node(n) = v { return n }
        if case .universe = v { return CatNode(.universe, isSet: isSet) }
        return CatNode(.constant(try concrete(v, at: location, wantSet: isSet)), isSet: isSet)
    }

    private func postfix(_ op: CatExpr.PostfixOperator, _ v: CatValue, at location: SourceLocation) throws(CatError) -> CatValue {
        let operation: CatNode.Operation
        switch op {
        case .star: operation = .star
        case .plus: operation = .plus
        case .option: operation = .option
        case .inverse: operation = .inverse
        }
        if case let .node(n) = v { return .node(CatNode(operation, [n.isSet ? CatNode(.identityOf, [n], isSet: false) : n], isSet: false)) }
        let r = try concrete(v, at: location, wantSet: false).relation
        switch op {
        case .star: return .relation(r.reflexiveTransitiveClosure)
        case .plus: return .relation(r.transitiveClosure)
        case .option: return .relation(r.reflexive)
        case .inverse: return .relation(r.inverse)
        }
    }

    func binary(_ op: CatExpr.BinaryOperator, _ a: CatValue, _ b: CatValue, at location: SourceLocation) throws(CatError) -> CatValue {
        if op == .addElement { return try addElement(a, to: b, at: location) }
        if case let .collection(x) = a, op == .union || op == .intersection || op == .difference {
            let y: [CatValue]
            if case let .collection(items) = b { y = items } else if case .zero = b { y = [] } else {
                throw CatError("cannot combine a set of values with \(b.kindName)", at: location)
            }
            switch op {
            case .union: return .collection(x + y.filter { v in !x.contains { Self.equal($0, v) } })
            case .intersection: return .collection(x.filter { v in y.contains { Self.equal($0, v) } })
            default: return .collection(x.filter { v in !y.contains { Self.equal($0, v) } })
            }
        }
        if case .collection = b, case .zero = a, op == .union { return b }
        let wantSet: Bool
        switch op {
        case .sequence: wantSet = false
        case .cartesian: wantSet = true
        default: wantSet = Self.isSetValue(a) || Self.isSetValue(b) || { if case .event = a { true } else { false } }()
        }
        let operation: CatNode.Operation
        switch op {
        case .union: operation = .union
        case .intersection: operation = .intersection
        case .difference: operation = .difference
        case .sequence: operation = .sequence
        case .cartesian: operation = .cartesian
        case .addElement: fatalError("handled above")
        }
        let isDynamic = { (v: CatValue) -> Bool in if case .node = v { true } else { false } }
        if isDynamic(a) || isDynamic(b) {
            // Constant folding: an empty operand decides some operators whatever the other is.
            if op == .sequence || op == .intersection || op == .cartesian {
                for side in [a, b] where !isDynamic(side) {
                    if try concrete(side, at: location, wantSet: op == .cartesian ? true : wantSet).isEmpty { return .zero }
                }
            }
            if op == .difference, !isDynamic(a), try concrete(a, at: location, wantSet: wantSet).isEmpty { return .zero }
            let sideIsSet = op == .cartesian ? true : (op == .sequence ? false : wantSet)
            var left = try lift(a, isSet: sideIsSet, at: location), right = try lift(b, isSet: sideIsSet, at: location)
            if op == .sequence {
                if left.isSet { left = CatNode(.identityOf, [left], isSet: false) }
                if right.isSet { right = CatNode(.identityOf, [right], isSet: false) }
            }
            return .node(CatNode(operation, [left, right], isSet: op == .cartesian || op == .sequence ? false : wantSet))
        }
        let x = try concrete(a, at: location, wantSet: op == .cartesian ? true : wantSet)
        let y = try concrete(b, at: location, wantSet: op == .cartesian ? true : wantSet)
        switch op {
        case .cartesian:
            return .relation(Relation(cartesian: x.set, y.set))
        case .sequence:
            return .relation(x.relation.sequence(y.relation))
        default:
            if case let .set(s) = x, case let .set(t) = y {
                switch op {
                case .union: return .set(s | t)
                case .intersection: return .set(s & t)
                default: return .set(s - t)
                }
            }
            guard case let .relation(r) = x, case let .relation(q) = y else {
                throw CatError("cannot combine \(a.kindName) and \(b.kindName) with \(op.rawValue)", at: location)
            }
            switch op {
            case .union: return .relation(r | q)
            case .intersection: return .relation(r & q)
            default: return .relation(r - q)
            }
        }
    }

    func apply(_ f: CatValue, _ argument: CatValue, at location: SourceLocation) throws(CatError) -> CatValue {
        switch f {
        case let .function(closure):
            let frame = CatEnvironment(parent: closure.environment)
            try match(closure.parameter, argument, into: frame, at: location)
            return try evaluate(closure.body, frame)
        case let .builtin(name):
            return try builtin(name, argument, at: location)
        case let .partial("map", function):
            var result: CatValue = .zero
            for element in try elements(of: argument, at: location).reversed() {
                result = try addElement(try apply(function, element, at: location), to: result, at: location)
            }
            return result
        default:
            throw CatError("\(f.kindName) is not a function", at: location)
        }
    }

    /// The event set a tag names: `Release` for 'release, `ONCE` for 'ONCE.
    static func setName(ofTag tag: String) -> String {
        guard let first = tag.first else { return tag }
        return first.uppercased() + tag.dropFirst()
    }

    private func tagSet(_ name: String) -> EventSet? {
        for tag in definition.knownTags where Self.setName(ofTag: tag) == name { return skeleton.tagged(tag) }
        return nil
    }
}
