import Litmus

/// A candidate execution: events, program order, dependencies, and one choice of reads-from
/// and coherence order. Models decide whether it is allowed. Event 0..<V are the initial writes
/// (one per variable, in ``Program/variables`` order), then each thread's events in order.
public struct Execution: Sendable {
    public let events: [Event]
    /// What all candidates of one shape of thread paths share (program order, dependencies...).
    let structure: SkeletonStructure
    /// Reads-from: write → read.
    public let rf: Relation
    /// Coherence order (transitive) per location, initial write first.
    public let co: Relation
    /// From-reads: a read to the writes coherence-after the one it read.
    public let fr: Relation
    /// The final values of the observed locations (built on demand: most candidates only
    /// need ``stateKey``).
    public var finalState: FinalState { FinalState(sortedLocations: stateLocations, values: stateKey) }

    /// The observed locations, in herd7's order.
    private let stateLocations: [StateLocation]
    /// The final state's values alone, a cheap key for grouping executions of one test.
    let stateKey: [Value]

    init(events: [Event], structure: SkeletonStructure, rf: Relation, co: Relation, stateLocations: [StateLocation], stateKey: [Value]) {
        self.events = events
        self.structure = structure
        self.rf = rf
        self.co = co
        self.stateLocations = stateLocations
        self.stateKey = stateKey
        fr = rf.inverse.sequence(co)
    }

    /// A partial execution, for pruning: its reads-from and coherence are subsets of every
    /// completion's, and it has no final state. A monotone model that rejects it rejects them all.
    static func partial(events: [Event], structure: SkeletonStructure, rf: Relation, co: Relation) -> Execution {
        Execution(events: events, structure: structure, rf: rf, co: co,
                  stateLocations: [], stateKey: [])
    }

    /// Program order (transitive, within a thread).
    public var po: Relation { structure.po }
    public var addr: Relation { structure.addr }
    public var data: Relation { structure.data }
    public var ctrl: Relation { structure.ctrl }
    /// RMW pairs: read → write of one atomic instruction, LKR → LKW of a spin_lock().
    public var rmw: Relation { structure.rmw }
    /// Same location.
    public var loc: Relation { structure.loc }
    /// Same thread (initial writes belong to none).
    public var int: Relation { structure.int }
    /// Different threads (or an initial write).
    public var ext: Relation { structure.ext }
    public var size: Int { events.count }
    public var poLoc: Relation { structure.poLoc }

    /// The events satisfying `predicate`.
    public func select(_ predicate: (Event) -> Bool) -> EventSet {
        EventSet(size: size) { predicate(events[$0]) }
    }

    public var reads: EventSet { structure.reads }
    public var writes: EventSet { structure.writes }
    public var initialWrites: EventSet { structure.initialWrites }
    public var accesses: EventSet { structure.reads | structure.writes }
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

/// Relations and sets that depend only on the shape of the events (kinds, locations, tags,
/// dependencies), not on the values read or written: combinations of thread paths that differ
/// only in the values read share one, and models cache what they derive from it there.
final class SkeletonStructure: Sendable {
    let po, addr, data, ctrl, rmw, loc, int, ext, poLoc: Relation
    let reads, writes, initialWrites: EventSet
    private let cache = DerivedCache()

    init(events: [Event], po: Relation, addr: Relation, data: Relation, ctrl: Relation,
         rmw: Relation, loc: Relation, int: Relation, ext: Relation) {
        self.po = po
        self.addr = addr
        self.data = data
        self.ctrl = ctrl
        self.rmw = rmw
        self.loc = loc
        self.int = int
        self.ext = ext
        poLoc = po & loc
        reads = EventSet(size: events.count) { events[$0].isRead }
        writes = EventSet(size: events.count) { events[$0].isWrite }
        initialWrites = EventSet(size: events.count) { events[$0].isInit }
    }

    /// What `model` derives from this structure, computed once (thread-safe).
    func cached<T: Sendable>(_ model: ModelKind, part: Int = 0, _ compute: () -> T) -> T { cache.value(model, part: part, compute) }
}
