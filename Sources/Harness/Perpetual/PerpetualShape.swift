import Litmus

/// Why perpetual mode cannot decode a test; `reason` is meant for the user.
public struct PerpetualRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { "perpetual mode cannot run this test: \(reason)" }
}

/// A test rewritten for perpetual (sync-free) runs, after checking that its outcomes can be
/// recovered from the values its loads record.
///
/// Every store site writes, in iteration `k`, the value `k * stride + offset` where `stride` is
/// the number of store sites on that location and `offset` the site's 1-based number among
/// them; 0 stands for the initial value. So each value a load returns names the store site and
/// iteration that wrote it. Locations written by two or more threads get an *observer load* at
/// the end of each writing thread's body: what it returns orders that thread's writes before
/// another thread's in coherence, which conditions on final memory need.
public struct PerpetualShape: Sendable {
    public enum Operation: Hashable, Sendable {
        /// Load `location`, record the value in slot `slot` of the thread's per-iteration record.
        case load(location: VariableIndex, annotation: Annotation, slot: Int)
        /// Store `iteration * stride + offset` to `location`.
        case store(location: VariableIndex, annotation: Annotation, stride: Int, offset: Int)
        case fence(FenceKind)
    }

    /// One store instruction of the test.
    public struct StoreSite: Hashable, Sendable {
        public var thread: Int
        public var location: VariableIndex
        /// The constant the test writes; conditions name the store by it.
        public var constant: Int
        /// 1-based number among the location's store sites: the sequence's offset.
        public var offset: Int
        /// Position among the same thread's stores to this location (their coherence order).
        public var rank: Int
    }

    /// One load instruction, the test's own or an added observer.
    public struct LoadSite: Hashable, Sendable {
        public var thread: Int
        public var location: VariableIndex
        public var slot: Int
        /// The register it writes; nil for an observer.
        public var register: RegisterIndex?
    }

    public let program: Program
    /// Per thread, the operations one iteration runs.
    public let operations: [[Operation]]
    /// Per thread, how many values one iteration records.
    public let recordsPerIteration: [Int]
    /// Per location, its store sites in offset order (empty when nobody writes it).
    public let storeSites: [[StoreSite]]
    public let loadSites: [LoadSite]
    /// Locations that got observer loads.
    public let observedLocations: [VariableIndex]

    public var threadCount: Int { operations.count }

    /// What a recorded value means.
    public enum Source: Hashable, Sendable {
        /// The initial value.
        case initial
        /// Written by `site` (an index into `storeSites[location]`) in `iteration`.
        case write(site: Int, iteration: Int)
        /// A value no store of this run writes (a torn or stray value: a hardware anomaly).
        case unknown
    }

    /// Decodes a value read from `location`.
    @inline(__always)
    public func source(of value: Int, at location: VariableIndex) -> Source {
        if value == 0 { return .initial }
        let stride = storeSites[location].count
        guard value > 0, stride > 0 else { return .unknown }
        let (iteration, site) = (value - 1).quotientAndRemainder(dividingBy: stride)
        return .write(site: site, iteration: iteration)
    }

    /// The value store site `offset` of a location with `stride` sites writes in `iteration`.
    @inline(__always)
    public static func value(iteration: Int, stride: Int, offset: Int) -> Int {
        iteration &* stride &+ offset
    }

    /// The load site whose destination is `register` of `thread`, if any.
    public func loadSite(thread: Int, register: RegisterIndex) -> LoadSite? {
        loadSites.first { $0.thread == thread && $0.register == register }
    }

    /// The observer load of `location` in `thread`, if any.
    public func observer(thread: Int, location: VariableIndex) -> LoadSite? {
        loadSites.first { $0.thread == thread && $0.location == location && $0.register == nil }
    }

    /// Threads with at least one store site on `location`.
    public func writers(of location: VariableIndex) -> [Int] {
        var seen: [Int] = []
        for site in storeSites[location] where !seen.contains(site.thread) { seen.append(site.thread) }
        return seen
    }

    /// Analyses `program`; throws a ``PerpetualRefusal`` naming the first thing that stops it.
    public init(program: Program) throws(PerpetualRefusal) {
        self.program = program
        guard !program.threads.isEmpty else { throw PerpetualRefusal("the test has no threads") }
        if program.filter != nil {
            throw PerpetualRefusal("`filter` clauses are not supported; remove the filter or use a synchronised run")
        }
        for (index, variable) in program.variables.enumerated() {
            guard variable.kind == .int || variable.kind == .atomic else {
                throw PerpetualRefusal("variable `\(variable.name)` is a \(variable.kind.rawValue); only int locations can carry sequence values")
            }
            guard case .integer = variable.initialValue else {
                throw PerpetualRefusal("variable `\(variable.name)` starts as an address; only integer locations are supported")
            }
            _ = index
        }

        // Pass 1: per-thread loads and stores over constant addresses.
        var stores: [[StoreSite]] = Array(repeating: [], count: program.variables.count)
        var body: [[PerpetualShape.Draft]] = []
        for thread in program.threads {
            var drafts: [PerpetualShape.Draft] = []
            var loadedRegisters: Set<RegisterIndex> = []
            for instruction in thread.body {
                drafts.append(try Self.draft(instruction, thread: thread, program: program, loaded: &loadedRegisters))
            }
            body.append(drafts)
        }
        for (threadIndex, drafts) in body.enumerated() {
            for case let .store(location, _, constant) in drafts {
                let initial = Self.initialInteger(program.variables[location])
                if constant == initial {
                    throw PerpetualRefusal("P\(threadIndex) stores \(constant) to `\(program.variables[location].name)`, its initial value, so a read of it could not be told from the initial state")
                }
                if let clash = stores[location].first(where: { $0.constant == constant }) {
                    throw PerpetualRefusal("P\(clash.thread) and P\(threadIndex) both store \(constant) to `\(program.variables[location].name)`; each store to a location must write its own value")
                }
                let rank = stores[location].filter { $0.thread == threadIndex }.count
                stores[location].append(StoreSite(
                    thread: threadIndex, location: location, constant: constant,
                    offset: stores[location].count + 1, rank: rank))
            }
        }

        // Pass 2: operations with sequence values and record slots; observers last.
        let multiWriter = stores.indices.filter { Set(stores[$0].map(\.thread)).count > 1 }
        var operations: [[Operation]] = []
        var records: [Int] = []
        var loads: [LoadSite] = []
        for (threadIndex, drafts) in body.enumerated() {
            var ops: [Operation] = []
            var slot = 0
            var storeNumber: [VariableIndex: Int] = [:]
            for draft in drafts {
                switch draft {
                case let .load(location, annotation, register):
                    ops.append(.load(location: location, annotation: annotation, slot: slot))
                    loads.append(LoadSite(thread: threadIndex, location: location, slot: slot, register: register))
                    slot += 1
                case let .store(location, annotation, constant):
                    let site = stores[location].first { $0.thread == threadIndex && $0.constant == constant }!
                    storeNumber[location, default: 0] += 1
                    ops.append(.store(location: location, annotation: annotation,
                                      stride: stores[location].count, offset: site.offset))
                case let .fence(kind):
                    ops.append(.fence(kind))
                }
            }
            for location in multiWriter where storeNumber[location] != nil {
                ops.append(.load(location: location, annotation: .once, slot: slot))
                loads.append(LoadSite(thread: threadIndex, location: location, slot: slot, register: nil))
                slot += 1
            }
            operations.append(ops)
            records.append(slot)
        }
        self.operations = operations
        self.recordsPerIteration = records
        self.storeSites = stores
        self.loadSites = loads
        self.observedLocations = multiWriter.filter { location in loads.contains { $0.location == location && $0.register == nil } }
        _ = try PerpetualTarget(condition: program.condition, shape: self)
    }

    /// The integer a location starts with: what a condition writes for "read the initial value".
    public static func initialInteger(_ variable: Variable) -> Int {
        if case let .integer(n) = variable.initialValue { return n }
        return 0
    }

    /// An instruction checked and reduced to what perpetual mode runs.
    enum Draft {
        case load(VariableIndex, Annotation, RegisterIndex)
        case store(VariableIndex, Annotation, Int)
        case fence(FenceKind)
    }

    private static func draft(
        _ instruction: Instruction, thread: ThreadProgram, program: Program,
        loaded: inout Set<RegisterIndex>
    ) throws(PerpetualRefusal) -> Draft {
        let name = "P\(thread.index)"
        switch instruction {
        case let .load(load):
            let location = try constantAddress(load.address, origin: load.origin, thread: name, program: program)
            try checkAnnotation(load.annotation, origin: load.origin, thread: name)
            guard loaded.insert(load.destination).inserted else {
                throw PerpetualRefusal("\(name): register `\(thread.registers[load.destination])` is loaded twice; each register must name one read")
            }
            return .load(location, load.annotation, load.destination)
        case let .store(store):
            let location = try constantAddress(store.address, origin: store.origin, thread: name, program: program)
            try checkAnnotation(store.annotation, origin: store.origin, thread: name)
            guard case let .constant(.integer(value)) = store.value else {
                throw PerpetualRefusal("\(name): `\(store.origin.text)` stores a computed value (a data dependency); perpetual stores must write constants so they can be replaced by sequence values")
            }
            return .store(location, store.annotation, value)
        case let .fence(fence):
            switch fence.kind {
            case .rcuReadLock, .rcuReadUnlock, .synchronizeRCU:
                throw PerpetualRefusal("\(name): `\(fence.origin.text)` is RCU; grace periods cannot run on hardware here, use `litmus check`")
            default:
                // The fences synchronised runs refuse (SRCU) are refused here too.
                guard HardwareFence(fence.kind) != nil else {
                    throw PerpetualRefusal("\(name): `\(fence.origin.text)` is SRCU; use `litmus check`")
                }
                return .fence(fence.kind)
            }
        case let .rmw(rmw):
            throw PerpetualRefusal("\(name): `\(rmw.origin.text)` is a read-modify-write; perpetual mode supports loads, stores and fences only")
        case let .lock(lock):
            throw PerpetualRefusal("\(name): `\(lock.origin.text)` is a lock operation; perpetual mode supports loads, stores and fences only")
        case let .synchronizeSRCU(_, origin):
            throw PerpetualRefusal("\(name): `\(origin.text)` is SRCU; use `litmus check`")
        case .assign:
            throw PerpetualRefusal("\(name): register arithmetic is not supported; perpetual mode supports loads, stores and fences only")
        case .branch:
            throw PerpetualRefusal("\(name): `if` (a control dependency) is not supported; perpetual mode needs straight-line threads")
        case .loop:
            throw PerpetualRefusal("\(name): loops are not supported; perpetual mode needs straight-line threads")
        }
    }

    private static func constantAddress(
        _ address: Expression, origin: Origin, thread: String, program: Program
    ) throws(PerpetualRefusal) -> VariableIndex {
        guard case let .constant(.address(location)) = address, program.variables.indices.contains(location) else {
            throw PerpetualRefusal("\(thread): `\(origin.text)` computes its address (an address dependency); perpetual mode needs fixed locations")
        }
        return location
    }

    private static func checkAnnotation(_ annotation: Annotation, origin: Origin, thread: String) throws(PerpetualRefusal) {
        switch annotation {
        case .plain, .once, .acquire, .release: return
        default:
            throw PerpetualRefusal("\(thread): `\(origin.text)` is a \(annotation.rawValue) access; perpetual mode supports once, acquire and release accesses")
        }
    }
}
