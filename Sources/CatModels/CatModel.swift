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
                    entry = CompiledEntry(model: nil, skeleton: skeleton, error: definition.withSource(error))
                }
                cache.byShape[shape] = entry
            }
            cache.lastEvents = x.events
            cache.lastEntry = entry
        }
        return entry
    }

    /// An evaluation error the model raised for some execution (reported once by the CLI).
    public func compilationError(for x: Execution) -> CatError? {
        let tags = EventTags.tags(of: x)
        do throws(CatError) {
            _ = try CatCompiler.compile(definition, CatSkeleton(x, tags: tags))
            return nil
        } catch {
            return definition.withSource(error)
        }
    }

    private func run(_ x: Execution, partial: Bool, explaining: Bool) -> ModelOutcome {
        // Compiled models memoise node values: one evaluation at a time.
        cache.lock.lock()
        defer { cache.lock.unlock() }
        guard let entry = compiled(x, partial: partial) else { return ModelOutcome() }
        guard let model = entry.model else {
            // The model cannot be evaluated on this execution: never call it allowed.
            let r = Relation(size: x.size)
            return ModelOutcome(violation: AxiomViolation(axiom: "model error", relationName: "model", kind: .empty, relation: r.union(.identity(size: x.size))))
        }
        let skeleton = entry.skeleton
        model.stamp += 1
        let nonLockReads = skeleton.R
        var c = CatCandidate(
            rf: x.rf.restricted(range: nonLockReads), co: x.co.restricted(domain: skeleton.W, range: skeleton.W),
            chosen: x.rf | x.co, execution: x, partial: partial, observed: observed, stamp: model.stamp,
            recursionStamp: model.stamp, unmatchedChoice: nil)
        defer { model.stamp = max(c.stamp, c.recursionStamp) + 1 }
        for choice in model.choices { _ = choice.value(&c) }
        if let text = c.unmatchedChoice {
            // Not one of the model's candidates: its `with` has no choice for this rf/co.
            var r = Relation(size: x.size)
            for e in 0 ..< x.size { r.insert(e, e) }
            return ModelOutcome(violation: AxiomViolation(axiom: text, relationName: "with", kind: .empty, relation: r))
        }
        var flags: Set<String> = []
        for check in model.checks {
            if partial && (check.flag || check.negated) { continue }
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
            let relation = check.negated ? Relation(size: x.size) : data.relation
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

    init(model: CompiledModel?, skeleton: CatSkeleton, error: CatError?) {
        self.model = model
        self.skeleton = skeleton
        self.error = error
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
