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

/// Names in scope: a persistent linked list of frames (closures keep theirs).
final class CatEnvironment {
    private var values: [String: CatValue]
    let parent: CatEnvironment?

    init(_ values: [String: CatValue] = [:], parent: CatEnvironment? = nil) {
        self.values = values
        self.parent = parent
    }

    func lookup(_ name: String) -> CatValue? {
        var frame: CatEnvironment? = self
        while let f = frame {
            if let v = f.values[name] { return v }
            frame = f.parent
        }
        return nil
    }

    func bind(_ name: String, _ value: CatValue) { values[name] = value }
}
