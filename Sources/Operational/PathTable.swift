import Litmus

/// One path of a thread, prepared for the machines: each event's key (its identity across the
/// thread's paths), and what the ARMv8 machine must have performed before it.
struct PreparedPath: Sendable {
    let events: [Event]
    /// Per event: the thread-wide key (origin and occurrence), shared by every path reaching it.
    let keys: [Int]
    /// Indices of the memory accesses (reads, writes, lock events), in program order.
    let accesses: [Int]
    /// Per event: accesses that must be performed first (ARMv8's dob, aob and bob as the
    /// axiomatic model defines them, plus same-location order for writes).
    let before: [[Int]]
    /// Per write: the accesses its address and data depend on (`(addr | data); rfi` orders
    /// them before a read that takes the write's value by forwarding).
    let forwardingNeeds: [[Int]]
    /// Per read: the latest earlier write of the same location in this path.
    let latestWrite: [Int?]
    /// Per read: later reads of the same location with no write of it in between.
    let laterReads: [[Int]]
    /// Per read: earlier reads of the same location with no write of it in between.
    let earlierReads: [[Int]]
    /// Per event: the other half of its RMW pair.
    let rmwPartner: [Int?]
    /// Per access (TSO): an mfence lies between the previous access and this one.
    let fencedBefore: [Bool]
    let registers: [Value]
}

/// One thread's paths with interned event keys.
struct ThreadTable: Sendable {
    let index: Int
    let registerNames: [String]
    let paths: [PreparedPath]
    /// Per key: the instruction it comes from.
    let keyOrigins: [Origin]
    var keyCount: Int { keyOrigins.count }
}

enum PathPreparation {
    /// Events that are memory accesses for the machines (fences and grace periods are not).
    static func isAccess(_ e: Event) -> Bool { e.isRead || e.isWrite }

    static func isAcquire(_ e: Event) -> Bool { (e.annotation == .acquire && e.isRead) || e.kind == .lockRead }

    static func isRelease(_ e: Event) -> Bool {
        ((e.annotation == .release || e.annotation == .mb) && e.kind == .write) || e.kind == .unlock
    }

    static let fullBarriers: Set<FenceKind> = [.mb, .mandatoryMB, .dmaMB, .beforeAtomic, .afterAtomic, .afterSpinlock, .synchronizeRCU]
    static let loadBarriers: Set<FenceKind> = [.rmb, .mandatoryRMB, .dmaRMB]
    static let storeBarriers: Set<FenceKind> = [.wmb, .mandatoryWMB, .dmaWMB]
    /// x86's mfence: smp_mb(), mb(), dma_mb().
    static let mfences: Set<FenceKind> = [.mb, .mandatoryMB, .dmaMB, .synchronizeRCU]

    static func table(for thread: ThreadProgram, paths: [ThreadPath]) -> ThreadTable {
        var keyIDs: [KeyName: Int] = [:]
        var origins: [Origin] = []
        let prepared = paths.map { path -> PreparedPath in
            var seen: [KeyName: Int] = [:]
            let keys = path.events.map { e -> Int in
                // Every thread event has an origin (only initial writes lack one).
                let origin = e.origin!
                let site = KeyName(file: origin.location.file, line: origin.location.line, column: origin.location.column, occurrence: 0)
                let n = seen[site, default: 0]
                seen[site] = n + 1
                var name = site
                name.occurrence = n
                if let id = keyIDs[name] { return id }
                keyIDs[name] = origins.count
                origins.append(origin)
                return origins.count - 1
            }
            return prepare(path, keys: keys)
        }
        return ThreadTable(index: thread.index, registerNames: thread.registers, paths: prepared, keyOrigins: origins)
    }

    /// An instruction's source position and how many times the path met it before.
    private struct KeyName: Hashable {
        var file: String
        var line: Int
        var column: Int
        var occurrence: Int
    }

    /// The ARMv8 model's order inside one thread, pair by pair (Models/ARMv8.swift's ob minus
    /// its obs part, which the shared memory provides).
    static func prepare(_ path: ThreadPath, keys: [Int]) -> PreparedPath {
        let events = path.events
        let n = events.count
        let accesses = events.indices.filter { isAccess(events[$0]) }
        func pairs(_ list: [(Int, Int)]) -> [Set<Int>] {
            var result = Array(repeating: Set<Int>(), count: n)
            for (a, b) in list { result[b].insert(a) }
            return result
        }
        let addr = pairs(path.addr), data = pairs(path.data), ctrl = pairs(path.ctrl)
        var partner = [Int?](repeating: nil, count: n)
        var rmwWrites = Set<Int>()
        for (r, w) in path.rmw { partner[r] = w; partner[w] = r; rmwWrites.insert(w) }
        var before = Array(repeating: [Int](), count: n)
        var forwardingNeeds = Array(repeating: [Int](), count: n)
        var latestWrite = [Int?](repeating: nil, count: n)
        var laterReads = Array(repeating: [Int](), count: n)
        var fencedBefore = Array(repeating: false, count: n)
        var lastAccess = -1
        for i in 0 ..< n {
            let e = events[i]
            if isAccess(e) {
                fencedBefore[i] = (lastAccess + 1 ..< i).contains { events[$0].fence.map(mfences.contains) ?? false }
                lastAccess = i
            }
            guard isAccess(e) else { continue }
            if e.isWrite { forwardingNeeds[i] = addr[i].union(data[i]).sorted() }
            var preds = Set<Int>()
            for j in 0 ..< i where isAccess(events[j]) {
                let f = events[j]
                var ordered = false
                // dob
                if addr[i].contains(j) || data[i].contains(j) { ordered = true }
                if e.isWrite && ctrl[i].contains(j) { ordered = true }
                if e.isWrite && (j + 1 ..< i).contains(where: { addr[$0].contains(j) }) { ordered = true }
                // C on arm64: a store under the branch keeps the branch, and a marked store after it stays after it
                if e.isWrite && e.annotation != .plain
                    && (j + 1 ..< i).contains(where: { events[$0].isWrite && ctrl[$0].contains(j) }) { ordered = true }
                // aob: the RMW pair
                if partner[j] == i { ordered = true }
                // bob
                let between = (j + 1 ..< i).compactMap { events[$0].fence }
                if between.contains(where: fullBarriers.contains) { ordered = true }
                if (j + 1 ..< i).contains(where: { events[$0].kind == .syncSRCU }) { ordered = true }
                if rmwWrites.contains(j) && f.annotation == .mb { ordered = true }
                if isRelease(f) && isAcquire(e) { ordered = true }
                if f.isRead && between.contains(where: loadBarriers.contains) { ordered = true }
                if isAcquire(f) { ordered = true }
                if f.isWrite && e.isWrite && between.contains(where: storeBarriers.contains) { ordered = true }
                if isRelease(e) { ordered = true }
                if f.annotation == .srcuLock || e.annotation == .srcuUnlock { ordered = true }
                // Coherence: a write reaches memory after the same thread's earlier accesses
                // to its location (co agrees with po-loc; no write is read before it is made).
                if e.isWrite && f.location == e.location { ordered = true }
                if ordered { preds.insert(j) }
            }
            before[i] = preds.sorted()
            if e.isRead {
                latestWrite[i] = (0 ..< i).last { events[$0].isWrite && events[$0].location == e.location }
                var later: [Int] = []
                for j in i + 1 ..< n where isAccess(events[j]) && events[j].location == e.location {
                    if events[j].isWrite { break }
                    later.append(j)
                }
                laterReads[i] = later
            }
        }
        var earlierReads = Array(repeating: [Int](), count: n)
        for i in 0 ..< n { for j in laterReads[i] { earlierReads[j].append(i) } }
        return PreparedPath(
            events: events, keys: keys, accesses: accesses, before: before, forwardingNeeds: forwardingNeeds,
            latestWrite: latestWrite, laterReads: laterReads, earlierReads: earlierReads, rmwPartner: partner, fencedBefore: fencedBefore,
            registers: path.registers)
    }
}
