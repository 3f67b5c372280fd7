import Foundation
import Litmus
import Models

/// A memory model read from cat files, as a ``MemoryModel``: compiled once per skeleton
/// (everything rf/co-independent computed there), then each candidate evaluates the nodes
/// its checks need, in the file's order. The first failing axiom forbids the candidate;
/// `flag`s of allowed candidates are reported.
public struct CatModel: MemoryModel, @unchecked Sendable {
    public let definition: CatModelDefinition
    /// Locations the program's final state observes (herd7's FW are their last writes).
    private let observed: Set<Int>
    private let cache: CompilationCache

    public init(_ definition: CatModelDefinition) {
        self.definition = definition
        observed = []
        cache = CompilationCache()
    }

    private init(_ definition: CatModelDefinition, observed: Set<Int>, cache: CompilationCache) {
        self.definition = definition
        self.observed = observed
        self.cache = cache
    }

    /// The model for one program: knows which locations its final state observes.
    public func bound(to program: Program) -> CatModel {
        var locations = Set<Int>()
        for case let .variable(name) in program.observedLocations {
            if let v = program.variableIndex(named: name) { locations.insert(v) }
        }
        // Compiled shapes do not depend on the program: tests of one run share them.
        return CatModel(definition, observed: locations, cache: cache)
    }

    public var name: String { definition.name }
    public var builtIn: ModelKind? { nil }

    public func evaluate(_ execution: Execution, explaining: Bool) -> ModelOutcome {
        run(execution, partial: false, explaining: explaining)
    }

    public func rejects(partial execution: Execution) -> Bool {
        run(execution, partial: true, explaining: false).violation != nil
    }

    /// Compiles (or finds) the model for this candidate's skeleton and tags: by the events'
    /// storage first (all candidates of one combination of paths share it), then by shape
    /// (partial candidates get a fresh skeleton each time, mostly of a shape seen before).
    private func compiled(_ x: Execution, partial: Bool) -> CompiledEntry? {
        let entry: CompiledEntry
        let storage = x.events.withUnsafeBufferPointer { $0.baseAddress }
        if storage != nil, storage == cache.lastEvents?.withUnsafeBufferPointer({ $0.baseAddress }), let e = cache.lastEntry {
            entry = e
        } else {
            let tags = EventTags.tags(of: x)
            let shape = CatShape(x, tags: tags)
            if let e = cache.byShape[shape] {
                entry = e
            } else if partial, cache.partialRequests[shape, default: 0] == 0 {
                // A shape met only as a partial candidate (the first threads of a test):
                // compiling costs more than pruning saves until it comes back.
                cache.partialRequests[shape] = 1
                return nil
            } else {
                let skeleton = CatSkeleton(x, tags: tags)
                do throws(CatError) {
                    entry = CompiledEntry(model: try CatCompiler.compile(definition, skeleton), skeleton: skeleton, error: nil)
                } catch {
                    if error.needsCandidate {
                        cache.remark("\(error.location): note: \(error.message) (the whole model is compiled for each "
                            + "candidate: correct, slower, no pruning)")
                        entry = CompiledEntry(model: nil, skeleton: skeleton, error: nil, perCandidate: true)
                    } else {
                        cache.note(definition.withSource(error))
                        entry = CompiledEntry(model: nil, skeleton: skeleton, error: definition.withSource(error))
                    }
                }
                cache.byShape[shape] = entry
            }
            cache.lastEvents = x.events
            cache.lastEntry = entry
        }
        return entry
    }

    /// The first error the model raised while evaluating some execution (such executions are
    /// never called allowed); the CLI reports it rather than print a verdict.
    public var evaluationError: CatError? {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        return cache.firstError
    }

    /// Where the model had to be evaluated the slow way (a `with` set or the whole model
    /// computed for each candidate), located, each once: said so rather than silently slow.
    public var slowEvaluationNotes: [String] {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        return cache.remarks
    }

    private func run(_ x: Execution, partial: Bool, explaining: Bool) -> ModelOutcome {
        // Compiled models memoise node values: one evaluation at a time.
        cache.lock.lock()
        defer { cache.lock.unlock() }
        guard let entry = compiled(x, partial: partial) else { return ModelOutcome() }
        // A model evaluated per candidate does not prune: nothing is known before rf/co are.
        if entry.perCandidate && partial { return ModelOutcome() }
        var c = candidate(x, entry, partial: partial)
        guard let model = model(entry, &c) else { return Self.modelError(x) }
        var verdict = ChoiceVerdict()
        explore(model, entry.skeleton, 0, &c, &verdict, explaining: explaining, firstOnly: false)
        model.stamp = c.latestStamp + 1
        if let error = verdict.error { cache.note(definition.withSource(error)) }
        if verdict.accepted == 0 { return ModelOutcome(violation: verdict.violation ?? Self.modelError(x).violation) }
        return ModelOutcome(flags: verdict.flags, multiplicity: verdict.accepted)
    }

    /// herd7's defaults (po, rf, co, fr: the candidate's own), then the model's `show`s in
    /// order (a shown name replaces its earlier value, `unshow` removes it), computed on this
    /// execution with its first accepted `with` choices (the first tried when none is).
    public func graphRelations(_ x: Execution) -> [(label: String, relation: Relation)]? {
        evaluated(x) { model, c in
            var drawn: [(label: String, relation: Relation)] = [("po", x.po), ("rf", x.rf), ("co", x.co), ("fr", x.fr)]
            for (label, value) in model.shows {
                guard let value else {
                    drawn.removeAll { $0.label == label }
                    continue
                }
                guard let relation = Self.relation(value, &c) else { continue }  // sets are not drawn as edges
                if let i = drawn.firstIndex(where: { $0.label == label }) { drawn[i].relation = relation } else { drawn.append((label, relation)) }
            }
            return drawn
        }
    }

    /// The relations the model's files define at top level (and its `with` choices), in their
    /// order, on this execution: what `explain` describes program order with.
    public func definedRelations(_ x: Execution) -> [(name: String, relation: Relation)] {
        evaluated(x) { model, c in
            var result: [(name: String, relation: Relation)] = []
            for (name, value) in model.vocabulary {
                guard let relation = Self.relation(value, &c) else { continue }
                result.removeAll { $0.name == name }
                result.append((name, relation))
            }
            return result
        } ?? []
    }

    private static func relation(_ value: CatValue, _ c: inout CatCandidate) -> Relation? {
        switch value {
        case let .relation(r): return r
        case .zero: return Relation(size: c.execution.size)
        case let .node(n) where !n.isSet: return n.value(&c).relation
        default: return nil
        }
    }

    /// `body` on the model compiled for `x`, its `with` choices the first accepted ones (the
    /// first tried when none is).
    private func evaluated<T>(_ x: Execution, _ body: (CompiledModel, inout CatCandidate) -> T) -> T? {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        guard let entry = compiled(x, partial: false) else { return nil }
        var c = candidate(x, entry, partial: false)
        guard let model = model(entry, &c) else { return nil }
        var verdict = ChoiceVerdict()
        explore(model, entry.skeleton, 0, &c, &verdict, explaining: false, firstOnly: true)
        c.choices = verdict.choices ?? Array(repeating: nil, count: model.slots.count)
        c.refresh()
        defer { model.stamp = c.latestStamp + 1 }
        return body(model, &c)
    }

    /// The candidate as compiled nodes see it: herd7's own rf and co, the enumerator's choices.
    private func candidate(_ x: Execution, _ entry: CompiledEntry, partial: Bool) -> CatCandidate {
        let skeleton = entry.skeleton
        let stamp = (entry.model?.stamp ?? 0) + 1
        var c = CatCandidate(
            rf: x.rf.restricted(range: skeleton.R), co: x.co.restricted(domain: skeleton.W, range: skeleton.W),
            chosen: x.rf | x.co, execution: x, partial: partial, observed: observed, stamp: stamp,
            recursionStamp: stamp)
        c.choiceStamp = stamp
        if partial {
            // Every edge a completion may add: a read without its write yet may read from any
            // write to its location; two writes not ordered yet may go either way.
            let writes = skeleton.W | skeleton.LKW | skeleton.UL
            let undecided = skeleton.R - c.rf.range
            c.rfUpper = c.rf | (skeleton.loc & Relation(cartesian: writes, undecided))
            c.coUpper = (skeleton.loc & Relation(cartesian: writes, writes)) - .identity(size: x.size) - x.co.inverse
        }
        return c
    }

    /// The compiled model for this candidate: its skeleton's, or compiled for it alone.
    private func model(_ entry: CompiledEntry, _ c: inout CatCandidate) -> CompiledModel? {
        if !entry.perCandidate { return entry.model }
        do throws(CatError) {
            return try withUnsafeMutablePointer(to: &c) { (p) throws(CatError) -> CompiledModel in
                try CatCompiler.compile(definition, entry.skeleton, candidate: p)
            }
        } catch {
            cache.note(definition.withSource(error))
            return nil
        }
    }

    /// The model cannot be evaluated on this execution: never call it allowed.
    private static func modelError(_ x: Execution) -> ModelOutcome {
        ModelOutcome(violation: AxiomViolation(axiom: "model error", relationName: "model", kind: .empty, relation: .identity(size: x.size)))
    }

    /// What the `with` choices of one candidate gave.
    struct ChoiceVerdict {
        var accepted = 0
        var flags: Set<String> = []
        var violation: AxiomViolation?
        var error: CatError?
        /// The choices of the first accepted run (or the first run, when none is).
        var choices: [Relation?]?
    }

    /// Runs the model from `with` slot `slot` on: each choice of the slot in turn (herd7 runs
    /// the rest of the model once per element), the checks once every slot is chosen.
    private func explore(_ model: CompiledModel, _ skeleton: CatSkeleton, _ slot: Int, _ c: inout CatCandidate,
                         _ verdict: inout ChoiceVerdict, explaining: Bool, firstOnly: Bool) {
        if firstOnly && verdict.accepted > 0 { return }
        if c.choices.count < model.slots.count { c.choices = Array(repeating: nil, count: model.slots.count) }
        guard slot < model.slots.count else {
            let outcome = judge(model, skeleton, &c, explaining: explaining)
            if let violation = outcome.violation {
                if verdict.violation == nil { verdict.violation = violation }
                if verdict.choices == nil { verdict.choices = c.choices }
            } else {
                if verdict.accepted == 0 { verdict.choices = c.choices }
                verdict.accepted += 1
                verdict.flags.formUnion(outcome.flags)
            }
            return
        }
        let choice = model.slots[slot]
        defer { c.choices[slot] = nil }
        let none = Relation(size: skeleton.size)
        if c.partial {
            // Undecided choices are ∅ (a lower bound); the candidate's own edges so far stay.
            // Their upper bound: any of S's elements (anything, when S is computed per candidate).
            var value = none
            var upper: Relation?
            switch choice.source {
            case let .fixed(list):
                if case let .own(r?)? = try? choice.options(&c, definition, skeleton) { value = r }
                upper = list.reduce(none) { $0 | $1 }
            case let .orders(writes, _):
                if case let .own(r?)? = try? choice.options(&c, definition, skeleton) { value = r }
                upper = c.coUpper.map { $0.restricted(domain: writes, range: writes) }
            case .perCandidate: break
            }
            if c.choiceUppers.count < model.slots.count { c.choiceUppers = Array(repeating: nil, count: model.slots.count) }
            c.choiceUppers[slot] = upper
            c.choices[slot] = value
            c.refresh()
            explore(model, skeleton, slot + 1, &c, &verdict, explaining: explaining, firstOnly: firstOnly)
            return
        }
        if case .perCandidate = choice.source {
            cache.remark("\(choice.location): note: `\(choice.text)`: the set depends on rf or co and is computed "
                + "for each candidate (correct, slower than a compiled one)")
        }
        let options: ChoiceSlot.Options
        do throws(CatError) { options = try choice.options(&c, definition, skeleton) } catch {
            if verdict.error == nil { verdict.error = error }
            return
        }
        func unmatched() {
            // Not one of the model's candidates: no element of S fits (or S is empty).
            if verdict.violation == nil {
                verdict.violation = AxiomViolation(axiom: choice.text, relationName: "with", kind: .empty, relation: .identity(size: skeleton.size))
            }
        }
        switch options {
        case .own(nil):
            unmatched()
        case let .own(r?):
            c.choices[slot] = r
            c.refresh()
            explore(model, skeleton, slot + 1, &c, &verdict, explaining: explaining, firstOnly: firstOnly)
        case let .each(list):
            if list.isEmpty { unmatched() }
            for r in list {
                c.choices[slot] = r
                c.refresh()
                explore(model, skeleton, slot + 1, &c, &verdict, explaining: explaining, firstOnly: firstOnly)
                if firstOnly && verdict.accepted > 0 { break }
            }
        }
    }

    /// The checks in the file's order, every `with` chosen: the first failing axiom, or the flags raised.
    private func judge(_ model: CompiledModel, _ skeleton: CatSkeleton, _ c: inout CatCandidate, explaining: Bool) -> ModelOutcome {
        let size = skeleton.size
        var flags: Set<String> = []
        for check in model.checks {
            if c.partial && (check.flag || check.negated) { continue }
            let data: CatData
            switch check.value {
            case let .fixed(d): data = d
            case let .node(n): data = n.value(&c)
            }
            var holds: Bool
            switch check.kind {
            case .acyclic: holds = data.relation.isAcyclic
            case .irreflexive: holds = data.relation.isIrreflexive
            case .empty: holds = data.isEmpty
            }
            if check.negated { holds.toggle() }
            if check.flag {
                if holds { flags.insert(check.name) }
                continue
            }
            if holds { continue }
            let relation = check.negated ? Relation(size: size) : data.relation
            let kind: AxiomKind
            switch check.kind {
            case .acyclic: kind = .acyclic
            case .irreflexive: kind = .irreflexive
            case .empty: kind = .empty
            }
            let vocabulary = explaining ? self.vocabulary(model, skeleton, &c) : []
            return ModelOutcome(violation: AxiomViolation(axiom: check.name, relationName: check.relationName, kind: kind,
                                                          relation: relation, vocabulary: vocabulary))
        }
        return ModelOutcome(flags: flags)
    }

    /// Names for a witness's edges: communication first, then dependencies, each fence's
    /// `po+fence`, the model's own relations in the order it defines them, po-loc and po.
    private func vocabulary(_ model: CompiledModel, _ s: CatSkeleton, _ c: inout CatCandidate) -> [(name: String, relation: Relation)] {
        let x = c.execution
        var result: [(name: String, relation: Relation)] = [
            ("rfe", x.rf & x.ext), ("rfi", x.rf & x.int), ("coe", x.co & x.ext), ("coi", x.co & x.int),
            ("fre", x.fr & x.ext), ("fri", x.fr & x.int), ("addr", x.addr), ("data", x.data), ("ctrl", x.ctrl), ("rmw", x.rmw),
        ]
        for f in 0 ..< x.size where x.events[f].kind == .fence || x.events[f].kind == .syncSRCU {
            var only = EventSet(size: x.size)
            only.insert(f)
            let text = x.events[f].origin?.text ?? x.events[f].fence?.rawValue ?? "fence"
            result.append(("po+\(text)", x.fenceRelation(only)))
        }
        var seen = Set(result.map(\.name))
        for (name, value) in model.vocabulary.reversed() where !seen.contains(name) {
            seen.insert(name)
            let relation: Relation?
            switch value {
            case let .relation(r): relation = r
            case let .node(n) where !n.isSet: relation = n.value(&c).relation
            default: relation = nil
            }
            if let relation, !relation.isEmpty { result.append((name, relation)) }
        }
        result += [("po-loc", x.poLoc), ("po", x.po)]
        return result
    }
}

/// What the skeleton cache keeps for a cat model.
final class CompiledEntry: @unchecked Sendable {
    let model: CompiledModel?
    let skeleton: CatSkeleton
    let error: CatError?
    /// The model needs rf/co fixed to be evaluated (a `match` on them...): compiled per candidate.
    let perCandidate: Bool

    init(model: CompiledModel?, skeleton: CatSkeleton, error: CatError?, perCandidate: Bool = false) {
        self.model = model
        self.skeleton = skeleton
        self.error = error
        self.perCandidate = perCandidate
    }
}

/// The models compiled so far, by shape.
final class CompilationCache: @unchecked Sendable {  // touched only under `lock`
    let lock = NSLock()
    var byShape: [CatShape: CompiledEntry] = [:]
    var partialRequests: [CatShape: Int] = [:]
    /// The last candidate's events (kept alive so their storage identifies its combination).
    var lastEvents: [Event]?
    var lastEntry: CompiledEntry?
    var firstError: CatError?
    var remarks: [String] = []

    func remark(_ text: String) {
        if !remarks.contains(text) { remarks.append(text) }
    }

    func note(_ error: CatError) {
        if firstError == nil { firstError = error }
    }
}

/// What a compiled model depends on: events' kinds, threads, locations, tags, and the
/// fixed relations between them (values excluded: those are read per candidate).
struct CatShape: Hashable {
    var events: [Int]
    var tags: [Set<String>]
    var relations: [Int]

    init(_ x: Execution, tags: [Set<String>]) {
        events = x.events.flatMap { e in
            [e.thread, e.location ?? -1, e.isRMW ? 1 : 0, Self.kindCode(e.kind)]
        }
        self.tags = tags
        var r: [Int] = []
        for relation in [x.po, x.addr, x.data, x.ctrl, x.rmw, x.loc] {
            for (a, b) in relation.pairs { r.append(a << 16 | b) }
            r.append(-1)
        }
        relations = r
    }

    static func kindCode(_ k: Event.Kind) -> Int {
        switch k {
        case .read: return 0
        case .write: return 1
        case .fence: return 2
        case .lockRead: return 3
        case .lockWrite: return 4
        case .unlock: return 5
        case .lockFail: return 6
        case .readLocked: return 7
        case .readUnlocked: return 8
        case .syncSRCU: return 9
        }
    }
}
