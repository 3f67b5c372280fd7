import Litmus

/// A candidate execution: events, program order, dependencies, and one choice of reads-from
/// and coherence order. Models decide whether it is allowed. Event 0..<V are the initial writes
/// (one per variable, in ``Program/variables`` order), then each thread's events in order.
public struct Execution: Sendable {
    public let events: [Event]
    /// Program order (transitive, within a thread).
    public let po: Relation
    public let addr: Relation
    public let data: Relation
    public let ctrl: Relation
    /// RMW pairs: read → write of one atomic instruction, LKR → LKW of a spin_lock().
    public let rmw: Relation
    /// Reads-from: write → read.
    public let rf: Relation
    /// Coherence order (transitive) per location, initial write first.
    public let co: Relation
    /// Same location.
    public let loc: Relation
    /// Same thread (initial writes belong to none).
    public let int: Relation
    /// The final values of the observed locations.
    public let finalState: FinalState

    /// Different threads (or an initial write).
    public let ext: Relation
    /// From-reads: a read to the writes coherence-after the one it read.
    public let fr: Relation

    public init(
        events: [Event], po: Relation, addr: Relation, data: Relation, ctrl: Relation, rmw: Relation,
        rf: Relation, co: Relation, loc: Relation, int: Relation, ext: Relation, finalState: FinalState
    ) {
        self.events = events
        self.po = po
        self.addr = addr
        self.data = data
        self.ctrl = ctrl
        self.rmw = rmw
        self.rf = rf
        self.co = co
        self.loc = loc
        self.int = int
        self.ext = ext
        self.finalState = finalState
        fr = rf.inverse.sequence(co)
    }

    public var size: Int { events.count }
    public var poLoc: Relation { po & loc }

    /// The events satisfying `predicate`.
    public func select(_ predicate: (Event) -> Bool) -> EventSet {
        EventSet(size: size) { predicate(events[$0]) }
    }

    public var reads: EventSet { select(\.isRead) }
    public var writes: EventSet { select(\.isWrite) }
    public var initialWrites: EventSet { select(\.isInit) }
    public var accesses: EventSet { select(\.isAccess) }
    public var fences: EventSet { select { $0.kind == .fence } }

    /// `fencerel(S)`: pairs in program order separated by an event of `fences`.
    public func fenceRelation(_ fences: EventSet) -> Relation {
        po.restricted(range: fences).sequence(po)
    }

    /// The write each read reads from.
    public func source(of read: Int) -> Int? {
        (0 ..< size).first { rf.contains($0, read) }
    }
}
