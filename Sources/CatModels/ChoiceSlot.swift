import LitmusSyntax
import Models

/// One `with x from S` of a compiled model. herd7 runs the rest of the model once per element
/// of S; a candidate is allowed for each element that passes every later check.
///
/// Coherence and the reads-from of lock events are enumerated by our candidates but chosen by
/// the model in herd7 (`cos.cat` picks co with `with`, `lock.cat` the lock reads): a slot
/// whose choices hold only such edges takes the element the candidate's own rf/co holds, so
/// each candidate counts once. Other choices (an SC order from `linearisations`) are tried
/// one by one.
final class ChoiceSlot {
    enum Source {
        /// S fixed for the skeleton: its relations.
        case fixed([Relation])
        /// `generate_cos(pco)` / `generate_orders(W, pco)` of our library: the candidate's own
        /// coherence over `writes`, when it extends `pco`.
        case orders(EventSet, CatNode)
        /// S depends on rf/co in ways the compiled algebra does not express (a `match` or
        /// `linearisations` over them): evaluated for each candidate, with the environment of the `with`.
        case perCandidate(CatExpr, CatEnvironment)
    }

    let name: String
    let source: Source
    let location: SourceLocation
    let index: Int

    init(name: String, source: Source, location: SourceLocation, index: Int) {
        self.name = name
        self.source = source
        self.location = location
        self.index = index
    }

    var text: String { "with \(name) from ..." }

    /// What this slot binds for a candidate.
    enum Options {
        /// Exactly this relation (the candidate's own edges), or nothing when none fits.
        case own(Relation?)
        /// Each of these, in turn.
        case each([Relation])
    }

    /// The slot's choices for the candidate `c` (earlier slots already chosen).
    func options(_ c: inout CatCandidate, _ definition: CatModelDefinition, _ skeleton: CatSkeleton) throws(CatError) -> Options {
        let relations: [Relation]
        switch source {
        case let .fixed(list):
            relations = list
        case let .orders(writes, base):
            return .own(Self.ownOrder(&c, writes, base.value(&c).relation))
        case let .perCandidate(expr, env):
            let value = try CatCompiler.evaluate(expr, env, definition: definition, skeleton: skeleton, candidate: &c)
            switch value {
            case let .orders(writes, base):
                let compiler = CatCompiler(definition: definition, skeleton: skeleton)
                let pco = try compiler.concrete(base, at: location, wantSet: false).relation
                return .own(Self.ownOrder(&c, writes, pco))
            case .zero:
                relations = []
            case let .collection(items):
                let compiler = CatCompiler(definition: definition, skeleton: skeleton)
                var list: [Relation] = []
                for item in items { list.append(try compiler.concrete(item, at: location, wantSet: false).relation) }
                relations = list
            default:
                throw CatError("\(text): expected a set of relations, found \(value.kindName)", at: location)
            }
        }
        // Choices of what our candidates already decide (and herd7's engine leaves to the
        // model) are the candidate's own: take the one it holds.
        let decided = skeleton.decidedByCandidates
        guard relations.allSatisfy({ ($0 - decided).isEmpty }) else { return .each(relations) }
        var best: Relation?
        for o in relations where (o - c.chosen).isEmpty {
            if best == nil || o.count > best!.count { best = o }
        }
        return .own(best)
    }

    /// The candidate's coherence over `writes`, if it extends `base`.
    private static func ownOrder(_ c: inout CatCandidate, _ writes: EventSet, _ base: Relation) -> Relation? {
        let order = c.execution.co.restricted(domain: writes, range: writes)
        if c.partial { return order }
        return (base.restricted(domain: writes, range: writes) - order).isEmpty ? order : nil
    }
}
