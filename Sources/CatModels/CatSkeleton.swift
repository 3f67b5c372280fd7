import Litmus
import Models

/// The part of an execution a compiled model may treat as fixed: events, their tags, program
/// order, dependencies, locations. Everything else (rf, co, FW, `with` choices) is a node.
struct CatSkeleton {
    let size: Int
    let events: [Event]
    /// Each event's annotation tags (`ONCE`, `rmb`, `sync-srcu`...).
    let tags: [Set<String>]
    let po, addr, data, ctrl, rmw, loc, int, ext: Relation
    let R, W, F, IW, RMW, LKR, LKW, UL, LF, RL, RU: EventSet
    /// Edges our candidates choose that herd7's engine leaves to the model: coherence between
    /// writes (lock writes and unlocks included), and what a lock event reads from.
    let decidedByCandidates: Relation

    /// No events: what a model is checked against when it is read.
    static let empty: CatSkeleton = {
        let r = Relation(size: 0), s = EventSet(size: 0)
        return CatSkeleton(size: 0, events: [], tags: [], po: r, addr: r, data: r, ctrl: r, rmw: r, loc: r, int: r, ext: r,
                           R: s, W: s, F: s, IW: s, RMW: s, LKR: s, LKW: s, UL: s, LF: s, RL: s, RU: s, decidedByCandidates: r)
    }()
}

extension CatSkeleton {
    init(_ x: Execution, tags: [Set<String>]) {
        func kind(_ k: Event.Kind) -> EventSet { x.select { $0.kind == k } }
        let LKR = kind(.lockRead)
        // herd7's own rmw pairs an RMW's read and write; lock.cat adds LKR → LKW itself.
        self.init(size: x.size, events: x.events, tags: tags, po: x.po, addr: x.addr, data: x.data, ctrl: x.ctrl,
                  rmw: x.rmw.restricted(domain: LKR.complement), loc: x.loc, int: x.int, ext: x.ext,
                  R: kind(.read), W: kind(.write), F: kind(.fence), IW: x.initialWrites,
                  RMW: x.select { $0.isRMW && !$0.isLockEvent }, LKR: LKR, LKW: kind(.lockWrite), UL: kind(.unlock),
                  LF: kind(.lockFail), RL: kind(.readLocked), RU: kind(.readUnlocked),
                  decidedByCandidates: Self.decided(x, LKR: LKR))
    }


    private static func decided(_ x: Execution, LKR: EventSet) -> Relation {
        let writes = x.select { [.write, .lockWrite, .unlock].contains($0.kind) }
        let lockReads = LKR | x.select { [.lockFail, .readLocked, .readUnlocked].contains($0.kind) }
        return x.loc & (Relation(cartesian: writes, writes) | Relation(cartesian: writes, lockReads))
    }

    /// The events holding `tag`.
    func tagged(_ tag: String) -> EventSet {
        EventSet(size: size) { tags[$0].contains(tag) }
    }
}
