import Litmus

/// A candidate execution: events, program order, dependencies, and one choice of reads-from
/// and coherence order. Models decide whether it is allowed. Event 0..<V are the initial writes
/// (one per variable, in ``Program/variables`` order), then each thread's events in order.
public struct Execution: Sendable {
    /// What all candidates of one combination of thread paths share.
    public let skeleton: ExecutionSkeleton
    /// Reads-from: write → read.
    public let rf: Relation
    /// Coherence order (transitive) per location, initial write first.
    public let co: Relation
    /// From-reads: a read to the writes coherence-after the one it read.
    public let fr: Relation
    /// The final values of the observed locations.
    public let finalState: FinalState

    /// The final state's values alone, a cheap key for grouping executions of one test.
    let stateKey: [Value]

    public init(skeleton: ExecutionSkeleton, rf: Relation, co: Relation, finalState: FinalState) {
        self.init(skeleton: skeleton, rf: rf, co: co, finalState: finalState, stateKey: finalState.entries.map(\.value))
    }

    init(skeleton: ExecutionSkeleton, rf: Relation, co: Relation, finalState: FinalState, stateKey: [Value]) {
        self.skeleton = skeleton
        self.rf = rf
        self.co = co
        self.finalState = finalState
        self.stateKey = stateKey
        fr = rf.inverse.sequence(co)
    }

    public var events: [Event] { skeleton.events }
    /// Program order (transitive, within a thread).
    public var po: Relation { skeleton.po }
    public var addr: Relation { skeleton.addr }
    public var data: Relation { skeleton.data }
    public var ctrl: Relation { skeleton.ctrl }
    /// RMW pairs: read → write of one atomic instruction, LKR → LKW of a spin_lock().
    public var rmw: Relation { skeleton.rmw }
    /// Same location.
    public var loc: Relation { skeleton.loc }
    /// Same thread (initial writes belong to none).
    public var int: Relation { skeleton.int }
    /// Different threads (or an initial write).
    public var ext: Relation { skeleton.ext }
    public var size: Int { skeleton.events.count }
    public var poLoc: Relation { skeleton.poLoc }

    /// The events satisfying `predicate`.
    public func select(_ predicate: (Event) -> Bool) -> EventSet {
        EventSet(size: size) { predicate(events[$0]) }
    }

    public var reads: EventSet { skeleton.reads }
    public var writes: EventSet { skeleton.writes }
    public var initialWrites: EventSet { skeleton.initialWrites }
    public var accesses: EventSet { skeleton.reads | skeleton.writes }
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

/// The part of a candidate execution fixed before reads-from and coherence are chosen: events,
/// program order, dependencies. Combinations of thread paths that differ only in the values
/// read share one ``SkeletonStructure``, and models cache what they derive from it there.
public final class ExecutionSkeleton: Sendable {
    public let events: [Event]
    let structure: SkeletonStructure

    init(events: [Event], structure: SkeletonStructure) {
        self.events = events
        self.structure = structure
    }

    public var po: Relation { structure.po }
    public var addr: Relation { structure.addr }
    public var data: Relation { structure.data }
    public var ctrl: Relation { structure.ctrl }
    public var rmw: Relation { structure.rmw }
    public var loc: Relation { structure.loc }
    public var int: Relation { structure.int }
    public var ext: Relation { structure.ext }
    public var poLoc: Relation { structure.poLoc }
    public var reads: EventSet { structure.reads }
    public var writes: EventSet { structure.writes }
    public var initialWrites: EventSet { structure.initialWrites }

    func cached<T>(_ model: ModelKind, _ compute: () -> T) -> T { structure.cached(model.rawValue, compute) }

    /// What a model derives from the skeleton's shape alone (events' kinds, locations, tags,
    /// dependencies, not values), computed once for every skeleton of that shape. `key` names
    /// the model (and anything else the value depends on).
    public func cachedValue<T>(for key: String, _ compute: () -> T) -> T { structure.cached(key, compute) }
}

/// Relations and sets that depend only on the shape of the events (kinds, locations, tags,
/// dependencies), not on the values read or written.
final class SkeletonStructure: @unchecked Sendable {
    let po, addr, data, ctrl, rmw, loc, int, ext, poLoc: Relation
    let reads, writes, initialWrites: EventSet
    // Filled while one check runs on one thread; read-only afterwards.
    private var cache: [String: Any] = [:]

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

    func cached<T>(_ key: String, _ compute: () -> T) -> T {
        if let value = cache[key] as? T { return value }
        let value = compute()
        cache[key] = value
        return value
    }
}
