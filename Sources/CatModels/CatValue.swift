import LitmusSyntax
import Models

/// A value of the cat language during compilation: fixed for the skeleton (sets, relations,
/// tags, functions, sets of values) or a ``CatNode`` computed per candidate.
enum CatValue {
    case set(EventSet)
    case relation(Relation)
    /// `0` and `{}`: the empty set or relation, whichever the context needs.
    case zero
    /// `_`: every event or every pair.
    case universe
    case event(Int)
    case pair(Int, Int)
    case tag(String)
    case tuple([CatValue])
    /// A set of values that are not events (relations, sets, tags).
    case collection([CatValue])
    case function(CatClosure)
    case builtin(String)
    /// A library function with its first argument given (`map f`).
    indirect case partial(String, CatValue)
    case node(CatNode)
    /// `generate_cos(pco)` / `generate_orders(S, pco)`: every order of S's writes per location
    /// extending pco; only a `with` can use it (it picks the candidate's own).
    indirect case orders(EventSet, CatValue)

    var kindName: String {
        switch self {
        case .set: return "a set of events"
        case .relation: return "a relation"
        case .zero: return "the empty set"
        case .universe: return "the universe _"
        case .event: return "an event"
        case .pair: return "a pair of events"
        case .tag: return "a tag"
        case .tuple: return "a tuple"
        case .collection: return "a set of values"
        case .function, .builtin, .partial: return "a function"
        case let .node(n): return n.isSet ? "a set of events" : "a relation"
        case .orders: return "a set of coherence orders"
        }
    }
}

/// A function value: its parameter pattern, body and the environment it was defined in.
final class CatClosure {
    let parameter: CatExpr.Pattern
    let body: CatExpr
    var environment: CatEnvironment
    let name: String

    init(parameter: CatExpr.Pattern, body: CatExpr, environment: CatEnvironment, name: String) {
        self.parameter = parameter
        self.body = body
        self.environment = environment
        self.name = name
    }
}

/// Names in scope: a linked list of frames. A frame sees its parent as it was when the frame
/// was made (later bindings there do not show), so a function sees the names of its
/// definition, as cat's static scoping says, even when the model rebinds them later.
final class CatEnvironment {
    /// Each name's bindings in this frame, with the time each was made: a short list for the
    /// many small frames (function calls, matches), a dictionary once the frame grows.
    private var few: [(name: String, time: Int, value: CatValue)] = []
    private var many: [String: [(time: Int, value: CatValue)]]?
    let parent: CatEnvironment?
    /// The parent's bindings made up to this time are visible.
    private let parentTime: Int
    private let clock: CatClock
    private static let fewLimit = 12

    init(_ initial: [String: CatValue] = [:], parent: CatEnvironment? = nil) {
        self.parent = parent
        clock = parent?.clock ?? CatClock()
        parentTime = clock.now
        if initial.count > Self.fewLimit {
            many = initial.mapValues { [(0, $0)] }
        } else {
            few = initial.map { ($0.key, 0, $0.value) }
        }
    }

    private func binding(_ name: String, before limit: Int) -> CatValue? {
        if let many {
            return many[name]?.last(where: { $0.time <= limit })?.value
        }
        return few.last(where: { $0.name == name && $0.time <= limit })?.value
    }

    func lookup(_ name: String) -> CatValue? {
        var limit = Int.max
        var frame: CatEnvironment? = self
        while let f = frame {
            if let value = f.binding(name, before: limit) { return value }
            limit = min(limit, f.parentTime)
            frame = f.parent
        }
        return nil
    }

    func bind(_ name: String, _ value: CatValue) {
        clock.now += 1
        if many != nil {
            many![name, default: []].append((clock.now, value))
            return
        }
        few.append((name, clock.now, value))
        if few.count > Self.fewLimit {
            var table: [String: [(time: Int, value: CatValue)]] = [:]
            for b in few { table[b.name, default: []].append((b.time, b.value)) }
            many = table
            few = []
        }
    }

    /// This frame as it is now, for a closure or a deferred evaluation.
    func scope() -> CatEnvironment { CatEnvironment(parent: self) }
}

/// The time of bindings, shared by the frames of one evaluation.
final class CatClock {
    var now = 0
}
