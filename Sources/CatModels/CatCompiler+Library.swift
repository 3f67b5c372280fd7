import LitmusSyntax
import Models

/// herd7's primitive sets and relations and its library functions (the meaning of
/// `stdlib.cat` and `cross.cat`, implemented here rather than interpreted).
extension CatCompiler {
    static let builtinNames = [
        "domain", "range", "fencerel", "toid", "udr", "singlestep", "nodetour", "map", "cross", "linearisations",
        "generate_orders", "generate_cos", "partition", "classes-loc", "different-values", "same-value", "imply",
        "ctrlcfence", "tag2events", "tag2instrs",
    ]

    func primitives() -> [String: CatValue] {
        let s = skeleton
        let n = s.size
        let rf = CatNode(.rf, isSet: false), co = CatNode(.co, isSet: false), fr = CatNode(.fr, isSet: false)
        let ext = CatNode(.constant(.relation(s.ext)), isSet: false), int = CatNode(.constant(.relation(s.int)), isSet: false)
        let M = s.R | s.W
        let FW = CatNode(.finalWrites, isSet: true)
        let notIW = CatNode(.constant(.set(s.W - s.IW)), isSet: true)
        // co0: initial writes first, final writes last (per location).
        let wMinusFW = CatNode(.difference, [CatNode(.constant(.set(s.W)), isSet: true), FW], isSet: true)
        let co0 = CatNode(.intersection, [
            CatNode(.constant(.relation(s.loc)), isSet: false),
            CatNode(.union, [
                CatNode(.constant(.relation(Relation(cartesian: s.IW, s.W - s.IW))), isSet: false),
                CatNode(.cartesian, [wMinusFW, CatNode(.intersection, [FW, notIW], isSet: true)], isSet: false),
            ], isSet: false),
        ], isSet: false)
        var env: [String: CatValue] = [
            "R": .set(s.R), "W": .set(s.W), "M": .set(M), "F": .set(s.F), "IW": .set(s.IW), "FW": .node(FW),
            "RMW": .set(s.RMW), "LKR": .set(s.LKR), "LKW": .set(s.LKW), "UL": .set(s.UL), "LF": .set(s.LF),
            "RL": .set(s.RL), "RU": .set(s.RU), "B": .set(EventSet(size: n)), "PoD": .set(EventSet(size: n)),
            "BR": .set(EventSet(size: n)), "emptyset": .set(EventSet(size: n)), "X": .set(EventSet(size: n)),
            "po": .relation(s.po), "addr": .relation(s.addr), "data": .relation(s.data), "ctrl": .relation(s.ctrl),
            "rmw": .relation(s.rmw), "loc": .relation(s.loc), "int": .relation(s.int), "ext": .relation(s.ext),
            "id": .relation(.identity(size: n)), "po-loc": .relation(s.po & s.loc), "amo": .relation(Relation(size: n)),
            "rf": .node(rf), "co": .node(co), "fr": .node(fr), "co0": .node(co0),
            "rfe": .node(CatNode(.intersection, [rf, ext], isSet: false)),
            "rfi": .node(CatNode(.intersection, [rf, int], isSet: false)),
            "coe": .node(CatNode(.intersection, [co, ext], isSet: false)),
            "coi": .node(CatNode(.intersection, [co, int], isSet: false)),
            "fre": .node(CatNode(.intersection, [fr, ext], isSet: false)),
            "fri": .node(CatNode(.intersection, [fr, int], isSet: false)),
        ]
        for name in Self.builtinNames { env[name] = .builtin(name) }
        return env
    }

    private func arguments(_ v: CatValue, _ count: Int, _ name: String, at location: SourceLocation) throws(CatError) -> [CatValue] {
        if count == 1 { return [v] }
        guard case let .tuple(items) = v, items.count == count else {
            throw CatError("\(name) takes \(count) arguments", at: location)
        }
        return items
    }

    private func relationNode(_ v: CatValue, at location: SourceLocation) throws(CatError) -> CatNode {
        try lift(v, isSet: false, at: location)
    }

    func builtin(_ name: String, _ argument: CatValue, at location: SourceLocation) throws(CatError) -> CatValue {
        let n = skeleton.size
        switch name {
        case "domain", "range":
            if case let .node(node) = argument {
                return .node(CatNode(name == "domain" ? .domain : .range, [node], isSet: true))
            }
            let r = try concrete(argument, at: location, wantSet: false).relation
            return .set(name == "domain" ? r.domain : r.range)
        case "udr":
            return try binary(.union, try builtin("domain", argument, at: location), try builtin("range", argument, at: location), at: location)
        case "toid":
            return try evaluateIdentity(argument, at: location)
        case "fencerel":
            // fencerel(S) = (po & (_ * S)) ; po
            let po = CatValue.relation(skeleton.po)
            let toFence = try binary(.intersection, po, try binary(.cartesian, .universe, argument, at: location), at: location)
            return try binary(.sequence, toFence, po, at: location)
        case "ctrlcfence":
            let args = try arguments(argument, 2, name, at: location)
            let part = try binary(.intersection, args[0], try binary(.cartesian, .universe, args[1], at: location), at: location)
            return try binary(.sequence, part, .relation(skeleton.po), at: location)
        case "singlestep":
            return try builtin("nodetour", .tuple([argument, argument, argument]), at: location)
        case "nodetour":
            let args = try arguments(argument, 3, name, at: location)
            return try binary(.difference, args[0], try binary(.sequence, args[1], args[2], at: location), at: location)
        case "imply":
            let args = try arguments(argument, 2, name, at: location)
            return try binary(.union, try complementOf(args[0], at: location), args[1], at: location)
        case "different-values", "same-value":
            if case let .node(node) = argument {
                let different = CatNode(.differentValues, [node], isSet: false)
                return .node(name == "different-values" ? different : CatNode(.difference, [node, different], isSet: false))
            }
            // Values differ between candidates of one skeleton: always computed per candidate.
            let node = CatNode(.differentValues, [try relationNode(argument, at: location)], isSet: false)
            if name == "different-values" { return .node(node) }
            return .node(CatNode(.difference, [try relationNode(argument, at: location), node], isSet: false))
        case "map":
            return .partial("map", argument)
        case "partition", "classes-loc":
            let set = try concrete(argument, at: location, wantSet: true).set
            var byLocation: [Int: EventSet] = [:]
            var order: [Int] = []
            for e in set {
                guard let l = skeleton.events[e].location else { continue }
                if byLocation[l] == nil { order.append(l); byLocation[l] = EventSet(size: n) }
                byLocation[l]!.insert(e)
            }
            return .collection(order.map { .set(byLocation[$0]!) })
        case "linearisations":
            let args = try arguments(argument, 2, name, at: location)
            let set = try concrete(args[0], at: location, wantSet: true).set
            let order = try concrete(args[1], at: location, wantSet: false).relation
            return .collection(try Self.linearisations(Array(set), order, size: n, at: location).map { .relation($0) })
        case "generate_cos":
            return .orders(skeleton.W, argument)
        case "generate_orders":
            let args = try arguments(argument, 2, name, at: location)
            return .orders(try concrete(args[0], at: location, wantSet: true).set, args[1])
        case "cross":
            var result: [Relation] = [Relation(size: n)]
            for group in try elements(of: argument, at: location) {
                var next: [Relation] = []
                for choice in try elements(of: group, at: location) {
                    let r = try concrete(choice, at: location, wantSet: false).relation
                    for partial in result { next.append(partial | r) }
                }
                result = next
                if result.count > 100_000 { throw CatError("cross: more than 100000 combinations", at: location) }
            }
            return .collection(result.map { .relation($0) })
        case "tag2events", "tag2instrs":
            guard case let .tag(t) = argument else { throw CatError("\(name) takes a tag", at: location) }
            return .set(skeleton.tagged(t))
        default:
            throw CatError("unknown function \(name)", at: location)
        }
    }

    private func evaluateIdentity(_ v: CatValue, at location: SourceLocation) throws(CatError) -> CatValue {
        if case let .node(node) = v { return .node(CatNode(.identityOf, [node], isSet: false)) }
        return .relation(try concrete(v, at: location, wantSet: true).set.identity)
    }

    private func complementOf(_ v: CatValue, at location: SourceLocation) throws(CatError) -> CatValue {
        if case let .node(node) = v { return .node(CatNode(.complement, [node], isSet: node.isSet)) }
        let d = try concrete(v, at: location, wantSet: true)
        switch d {
        case let .set(s): return .set(s.complement)
        case let .relation(r): return .relation(Relation(cartesian: .all(size: skeleton.size), .all(size: skeleton.size)) - r)
        }
    }

    /// Every total order of `events` containing `order` (restricted to them).
    static func linearisations(_ events: [Int], _ order: Relation, size: Int, at location: SourceLocation) throws(CatError) -> [Relation] {
        var results: [Relation] = []
        var sequence: [Int] = []
        var remaining = Set(events)
        var overflow = false
        func extend() {
            if overflow { return }
            if remaining.isEmpty {
                var r = Relation(size: size)
                for i in sequence.indices { for j in (i + 1) ..< sequence.count { r.insert(sequence[i], sequence[j]) } }
                results.append(r)
                if results.count > 100_000 { overflow = true }
                return
            }
            for e in remaining.sorted() where !remaining.contains(where: { $0 != e && order.contains($0, e) }) {
                remaining.remove(e)
                sequence.append(e)
                extend()
                sequence.removeLast()
                remaining.insert(e)
            }
        }
        extend()
        if overflow { throw CatError("linearisations: more than 100000 orders", at: location) }
        return results
    }
}
