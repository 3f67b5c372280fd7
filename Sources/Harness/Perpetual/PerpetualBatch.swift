import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A recording decoded once, shared by every target counted on it: for each load site and
/// iteration, which store site and iteration wrote the value read, and the coherence facts
/// the observer loads establish.
///
/// The decoded columns are immutable and shared; the per-atom arrays derived from them are
/// cached per *view* (``view()``), so each decoding thread owns its caches and no lock is
/// needed. Atoms repeat across the histogram's states (IRIW: 64 atom uses, 12 distinct), so
/// each is turned into an array once per batch.
final class PerpetualBatch {
    static let initial = -1
    static let unknown = -2

    let shape: PerpetualShape
    let iterations: Int
    /// Per load site (index into `shape.loadSites`): the store site read, or `initial`/`unknown`.
    /// A location with one store site needs none to count (its iteration and next columns say
    /// it all): its column is derived on first use, once for every view.
    var sites: [[Int]] { siteColumns.all(writeIterations, nextIterations) }
    private let siteColumns: SiteColumns
    /// Per load site: the iteration of the write read (meaningful when the site is >= 0).
    let writeIterations: [[Int]]
    /// Per load site of a location with one store site: the first iteration of the storing
    /// thread coherence-after the write read (0 after the initial value, `Int.max` after a
    /// stray value), the reader's bound when it read the initial value; empty otherwise.
    /// Built with the columns and shared by every view.
    let nextIterations: [[Int]]
    /// Values no store of this batch wrote.
    let strayValues: Int
    /// Evidence the threads ran at the same time: per load that can read another thread's
    /// writes, the writer's iterations (`measured`: `n - 1` per load) and how many of them lie
    /// between the earliest and the latest such write the load read (`overlapped`): the
    /// stretch of the writer's batch during which the reader was reading. 0 when the threads
    /// ran one after the other (the reader saw one value throughout).
    let overlap: Overlap
    /// CPU seconds the decoding threads other than the caller's spent building the columns.
    private(set) var helperCPUSeconds: Double
    /// `0..<iterations`: a free thread's points as an array, built once per batch size and
    /// only when asked for; held by the batch (its views share it), so the address the
    /// orderings know it by stays its own.
    var identityColumn: [Int] {
        let column = identity.column(count: iterations)
        ordering.note([(Chain.base(column), true)])
        return column
    }
    private let identity: IdentityColumn
    /// The batch columns known to be non-decreasing or not, from their decoding: every view's
    /// ordering starts with them instead of scanning.
    private let decodedOrder: [(column: UnsafePointer<Int>, nonDecreasing: Bool)]
    /// (iteration, next) columns of sites whose next column is the iteration column plus one
    /// (one store site, no stray value): their position tables are one table shifted.
    private let successors: [(column: UnsafePointer<Int>, next: UnsafePointer<Int>)]
    /// Which columns are non-decreasing, their position tables and room sums: shared by the
    /// views of one decoding, so its threads build each once.
    let ordering: ColumnOrdering
    /// Observed bounds, shared by every view of the batch (each built once, not once per
    /// decoding thread).
    private let boundsCache: SharedCache<BoundsKey, [Int]>
    private var targetCache: [TargetKey: [Int]] = [:]
    private var initialCache: [TargetKey: (bound: [Int], usesObservers: Bool)] = [:]

    fileprivate struct BoundsKey: Hashable { var writer: Int, before: Int, location: Int, rank: Int }
    /// A load site and a store site (targets) or a writer thread (initial-value bounds).
    private struct TargetKey: Hashable { var load: Int, other: Int }

    convenience init(shape: PerpetualShape, recording: PerpetualRecording, threads: Int = 1) {
        let iterations = recording.iterations
        self.init(shape: shape, iterations: iterations, threads: threads) { thread, body in
            recording.records[thread].withUnsafeBufferPointer(body)
        }
    }

    /// Decodes straight from each thread's record buffer (`records(thread, body)` lends it and
    /// may be called from several threads at once). With `threads` > 1 the load sites'
    /// columns are decoded on that many threads (the caller's included; `pin(lane)` places
    /// the others): each site's columns are independent, and the result is the same.
    init(shape: PerpetualShape, iterations n: Int, threads: Int = 1, pin: (@Sendable (Int) -> Void)? = nil,
         records: (Int, (UnsafeBufferPointer<Int>) -> Void) -> Void) {
        self.shape = shape
        iterations = n
        let loads = shape.loadSites
        let slots = UnsafeMutableBufferPointer<Columns?>.allocate(capacity: loads.count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        var helperCPU = 0.0
        withoutActuallyEscaping(records) { records in
            helperCPU = DecodingLanes.run(threads, jobs: loads.count, pin: pin) { _, i in
                slots[i] = Self.columns(loads[i], shape, n, records)
            }.dropFirst().reduce(0, +)
        }
        let columns = slots.map { $0! }
        siteColumns = SiteColumns(columns.map { $0.site.isEmpty && n > 0 ? nil : $0.site })
        writeIterations = columns.map(\.iteration)
        nextIterations = columns.map(\.next)
        var decodedOrder: [(column: UnsafePointer<Int>, nonDecreasing: Bool)] = []
        var successors: [(column: UnsafePointer<Int>, next: UnsafePointer<Int>)] = []
        for (i, column) in columns.enumerated() where column.site.isEmpty && n > 0 {
            decodedOrder.append((Chain.base(writeIterations[i]), column.iterationNonDecreasing))
            decodedOrder.append((Chain.base(nextIterations[i]), column.nextNonDecreasing))
            // A stray value's next is Int.max, not its iteration (-1) plus one.
            if column.stray == 0 { successors.append((Chain.base(writeIterations[i]), Chain.base(nextIterations[i]))) }
        }
        self.decodedOrder = decodedOrder
        self.successors = successors
        strayValues = columns.reduce(0) { $0 + $1.stray }
        overlap = Overlap(measured: columns.reduce(0) { $0 + $1.measured },
                          overlapped: columns.reduce(0) { $0 + $1.overlapped })
        helperCPUSeconds = helperCPU
        identity = IdentityColumn()
        ordering = ColumnOrdering()
        boundsCache = SharedCache()
        ordering.note(decodedOrder, successors: successors)
        // The observed bounds the states will ask for, built now on every decoding thread
        // (one backward pass each); asked for later, they would be built one after the other
        // while the other threads wait.
        let keys = Self.observedKeys(shape)
        guard !keys.isEmpty else { return }
        let bounds = UnsafeMutableBufferPointer<[Int]>.allocate(capacity: keys.count)
        defer { bounds.deallocate() }
        helperCPUSeconds += DecodingLanes.run(threads, jobs: keys.count, pin: pin) { _, i in
            (bounds.baseAddress! + i).initialize(to: self.buildObservedBounds(keys[i]))
        }.dropFirst().reduce(0, +)
        for (i, key) in keys.enumerated() { boundsCache.store(key, (bounds.baseAddress! + i).move()) }
    }

    /// Every key ``observedBounds(writer:before:location:rank:)`` can be asked for: per location
    /// two threads write, per ordered pair of its writers, the later one's last store (a final
    /// value the condition names) and its first (a register reading the initial value).
    private static func observedKeys(_ shape: PerpetualShape) -> [BoundsKey] {
        let program = shape.program
        let named = Set(program.observedLocations.compactMap { location -> Int? in
            if case let .variable(name) = location { return program.variableIndex(named: name) }
            return nil
        })
        var keys: [BoundsKey] = []
        for location in shape.storeSites.indices {
            let writers = shape.writers(of: location)
            guard writers.count > 1 else { continue }
            let readByRegister = shape.loadSites.contains { $0.location == location && $0.register != nil }
            for before in writers {
                var ranks: [Int] = []
                if readByRegister { ranks.append(0) }
                let last = shape.storeSites[location].filter { $0.thread == before }.count - 1
                if named.contains(location) && !ranks.contains(last) { ranks.append(last) }
                for writer in writers where writer != before {
                    keys += ranks.map { BoundsKey(writer: writer, before: before, location: location, rank: $0) }
                }
            }
        }
        return keys
    }

    /// One load site's decoded columns and what its decoding noticed (`site` empty: one
    /// store site, derived when asked for).
    private struct Columns {
        var site: [Int], iteration: [Int], next: [Int]
        var stray: Int, measured: Int, overlapped: Int
        var iterationNonDecreasing = false, nextNonDecreasing = false
    }

    /// The decoded facts of one column, `decode`'s answer.
    private struct Decoded {
        var stray = 0, overlapped = 0
        var iterationNonDecreasing = false, nextNonDecreasing = false
    }

    private static func columns(
        _ load: PerpetualShape.LoadSite, _ shape: PerpetualShape, _ n: Int,
        _ records: (Int, (UnsafeBufferPointer<Int>) -> Void) -> Void
    ) -> Columns {
        let width = shape.recordsPerIteration[load.thread]
        let stride = shape.storeSites[load.location].count
        let foreign = shape.storeSites[load.location].map { $0.thread != load.thread }
        // Every element is written by `decode`: no zero-filling pass first. One store site:
        // no site column (derivable), two columns written instead of three.
        var result = Columns(site: [], iteration: [], next: [], stray: 0, measured: 0, overlapped: 0)
        records(load.thread) { buffer in
            result.site = [Int](unsafeUninitializedCapacity: stride == 1 ? 0 : n) { site, siteCount in
                result.iteration = [Int](unsafeUninitializedCapacity: n) { iteration, iterationCount in
                    result.next = [Int](unsafeUninitializedCapacity: stride == 1 ? n : 0) { next, nextCount in
                        let decoded = Self.decode(
                            buffer, width: width, slot: load.slot, stride: stride, n: n, foreign: foreign,
                            site: site, iteration: iteration, next: next)
                        result.stray = decoded.stray
                        result.iterationNonDecreasing = decoded.iterationNonDecreasing
                        result.nextNonDecreasing = decoded.nextNonDecreasing
                        if foreign.contains(true) { result.measured = n - 1; result.overlapped = decoded.overlapped }
                        nextCount = stride == 1 ? n : 0
                    }
                    iterationCount = n
                }
                siteCount = stride == 1 ? 0 : n
            }
        }
        return result
    }

    private init(sharing other: PerpetualBatch, ordering: ColumnOrdering) {
        shape = other.shape
        iterations = other.iterations
        siteColumns = other.siteColumns
        decodedOrder = other.decodedOrder
        successors = other.successors
        writeIterations = other.writeIterations
        nextIterations = other.nextIterations
        strayValues = other.strayValues
        overlap = other.overlap
        helperCPUSeconds = 0
        identity = other.identity
        self.ordering = ordering
        boundsCache = other.boundsCache
    }

    /// The same decoded columns with caches of its own: one per decoding thread. Views given
    /// one `ordering` share it: they must all stay alive while any of them counts (its keys
    /// are the addresses of columns the views own).
    func view(ordering: ColumnOrdering = ColumnOrdering()) -> PerpetualBatch {
        ordering.note(decodedOrder, successors: successors)
        return PerpetualBatch(sharing: self, ordering: ordering)
    }

    /// One load site's column: value `v` of a location with `stride` store sites names site
    /// `(v - 1) % stride`, iteration `(v - 1) / stride`. One store site (the usual case)
    /// needs no division nor site column (``SiteColumns``), and its iteration column is -1
    /// wherever the store was not read, so it serves as the store's target column as it is;
    /// whether it and the next column never decrease is noted on the way. Returns how many
    /// values no store wrote, and how many iterations separate the earliest and latest writes
    /// of `foreign` sites (other threads') read.
    private static func decode(
        _ records: UnsafeBufferPointer<Int>, width: Int, slot: Int, stride: Int, n: Int, foreign: [Bool],
        site: UnsafeMutableBufferPointer<Int>, iteration: UnsafeMutableBufferPointer<Int>,
        next: UnsafeMutableBufferPointer<Int>
    ) -> Decoded {
        var stray = 0
        var earliest = Int.max, latest = -1
        var index = slot
        if stride == 1 {
            // Branch-free: value 0 (initial) gives iteration -1, next 0; a written value
            // v gives v - 1, v; anything else (stray) -1, Int.max.
            var drops = 0, lastIteration = Int.min, lastNext = Int.min
            for k in 0..<n {
                let value = records[index]
                index &+= width
                let m = value &- 1
                let written = value > 0 && m < n
                let strayValue = value != 0 && !written
                let i = written ? m : -1
                let v = strayValue ? Int.max : value
                iteration[k] = i; next[k] = v
                stray &+= strayValue ? 1 : 0
                earliest = min(earliest, written ? m : .max); latest = max(latest, i)
                drops |= (i < lastIteration ? 1 : 0) | (v < lastNext ? 2 : 0)
                lastIteration = i; lastNext = v
            }
            return Decoded(stray: stray, overlapped: foreign[0] && latest > earliest ? latest - earliest : 0,
                           iterationNonDecreasing: drops & 1 == 0, nextNonDecreasing: drops & 2 == 0)
        }
        if stride == 0 {
            // Nobody stores to the location: any value but the initial one is stray.
            for k in 0..<n {
                let value = records[index]
                index &+= width
                iteration[k] = 0
                site[k] = value == 0 ? initial : unknown
                stray &+= value == 0 ? 0 : 1
            }
            return Decoded(stray: stray, overlapped: 0)
        }
        // Several store sites: the division by a stride the compiler knows (the usual small
        // ones) becomes a multiplication; branch-free, as values of different sites alternate.
        let foreignMask = foreign.enumerated().reduce(0) { $0 | ($1.element && $1.offset < 64 ? 1 << $1.offset : 0) }
        @inline(__always) func sites(_ stride: Int) {
            for k in 0..<n {
                let value = records[index]
                index &+= width
                let (m, s) = (value &- 1).quotientAndRemainder(dividingBy: stride)
                let written = value > 0 && m < n
                site[k] = written ? s : value == 0 ? initial : unknown
                iteration[k] = written ? m : 0
                stray &+= written || value == 0 ? 0 : 1
                let counted = written && (s >= 64 ? foreign[s] : foreignMask >> s & 1 == 1)
                earliest = min(earliest, counted ? m : .max)
                latest = max(latest, counted ? m : -1)
            }
        }
        switch stride {
        case 2: sites(2)
        case 3: sites(3)
        case 4: sites(4)
        default: sites(stride)
        }
        return Decoded(stray: stray, overlapped: latest > earliest ? latest - earliest : 0)
    }

    func loadIndex(_ site: PerpetualShape.LoadSite) -> Int {
        shape.loadSites.firstIndex(of: site)!
    }

    /// Per iteration of load `index`'s thread: the iteration whose write by store site `store`
    /// it read, -1 when it read something else.
    func target(load index: Int, store: Int) -> [Int] {
        let key = TargetKey(load: index, other: store)
        if let cached = targetCache[key] { return cached }
        // One store site: the iteration column is the target column (-1 where not read).
        if shape.storeSites[shape.loadSites[index].location].count == 1 { return writeIterations[index] }
        let read = siteColumns.column(index, writeIterations, nextIterations), readIteration = writeIterations[index]
        let target = [Int](unsafeUninitializedCapacity: iterations) { target, count in
            for k in 0..<iterations { target[k] = read[k] == store ? readIteration[k] : -1 }
            count = iterations
        }
        targetCache[key] = target
        return target
    }

    /// Per iteration of load `index`'s thread, which read the initial value of its location:
    /// the smallest iteration of `writer` whose first write to the location follows the write
    /// read in coherence (`Int.max`: unknown, never). `usesObservers` when another writer's
    /// observer loads had to order the writes.
    func initialBound(load index: Int, writer b: Int) -> (bound: [Int], usesObservers: Bool) {
        let key = TargetKey(load: index, other: b)
        if let cached = initialCache[key] { return cached }
        let location = shape.loadSites[index].location
        let stores = shape.storeSites[location]
        if stores.count == 1 && stores[0].thread == b { return (nextIterations[index], false) }
        let read = siteColumns.column(index, writeIterations, nextIterations), readIteration = writeIterations[index]
        var bound = [Int](repeating: 0, count: iterations)
        var observed: [Int: [Int]] = [:]  // per other writer, from its observer
        for k in 0..<iterations {
            let s = read[k]
            if s == Self.initial { continue }
            if s == Self.unknown { bound[k] = .max; continue }
            let m = readIteration[k]
            let c = stores[s].thread
            if c == b {
                bound[k] = m + 1  // b's own earlier write: coherence follows program order
            } else {
                if observed[c] == nil { observed[c] = observedBounds(writer: c, before: b, location: location, rank: 0) }
                bound[k] = observed[c]![m]
            }
        }
        let result = (bound, !observed.isEmpty)
        initialCache[key] = result
        return result
    }

    /// For each iteration `k` of `writer`, the smallest iteration of `before` whose store of
    /// rank `rank` to `location` is known to follow `writer`'s writes of iteration `k` in
    /// coherence; `Int.max` when unknown. Known from `writer`'s observer load: if in some
    /// iteration `j >= k` it read `before`'s write, all of `writer`'s writes up to `j` precede
    /// that write (coherence: a read never sees a write older than its own thread's last).
    func observedBounds(writer: Int, before: Int, location: VariableIndex, rank: Int) -> [Int] {
        let key = BoundsKey(writer: writer, before: before, location: location, rank: rank)
        return boundsCache.value(for: key) { buildObservedBounds(key) }
    }

    private func buildObservedBounds(_ key: BoundsKey) -> [Int] {
        let (writer, before, location, rank) = (key.writer, key.before, key.location, key.rank)
        guard let observer = shape.observer(thread: writer, location: location) else {
            return Array(repeating: Int.max, count: iterations)
        }
        let index = loadIndex(observer)
        // Per store site: -1 when another thread's, else what its iteration q adds (0 or 1).
        let offset = shape.storeSites[location].map { $0.thread != before ? -1 : $0.rank <= rank ? 0 : 1 }
        let n = iterations
        return [Int](unsafeUninitializedCapacity: n) { bounds, count in
            siteColumns.column(index, writeIterations, nextIterations).withUnsafeBufferPointer { site in
                writeIterations[index].withUnsafeBufferPointer { iteration in
                    offset.withUnsafeBufferPointer { offset in
                        // Backwards, branch-free (the sites read alternate): the least bound
                        // named at or after each iteration.
                        var best = Int.max
                        var k = n - 1
                        while k >= 0 {
                            let s = site[k]
                            let added = offset[max(s, 0)]
                            let named = s >= 0 && added >= 0 ? iteration[k] &+ added : .max
                            best = min(best, named)
                            bounds[k] = best
                            k -= 1
                        }
                    }
                }
            }
            count = n
        }
    }
}

/// The site columns of a batch, shared by its views: a load site of a location with one store
/// site gets its column when first asked for, derived from its iteration column (the site
/// read: 0 where it is >= 0) and next column (`Int.max`: a stray value, else the initial).
final class SiteColumns: @unchecked Sendable {
    private var columns: [[Int]?]
    private let lock = ThreadLock()

    init(_ columns: [[Int]?]) { self.columns = columns }

    func column(_ index: Int, _ iterations: [[Int]], _ next: [[Int]]) -> [Int] {
        lock.withLock {
            if let column = columns[index] { return column }
            let iteration = iterations[index], next = next[index]
            let column = [Int](unsafeUninitializedCapacity: iteration.count) { site, count in
                for k in 0..<iteration.count {
                    site[k] = iteration[k] >= 0 ? 0 : next[k] == .max ? PerpetualBatch.unknown : PerpetualBatch.initial
                }
                count = iteration.count
            }
            columns[index] = column
            return column
        }
    }

    func all(_ iterations: [[Int]], _ next: [[Int]]) -> [[Int]] {
        columns.indices.map { column($0, iterations, next) }
    }
}

/// A batch's `0..<n` as an array, taken when first asked for from the one kept for the
/// last `n`: every batch of a run (and every view of a batch) shares one instead of building
/// its own. Each batch holds the one it took: replacing the kept one frees nothing in use.
final class IdentityColumn: @unchecked Sendable {
    nonisolated(unsafe) private static var last: [Int] = []
    private static let shared = ThreadLock()
    private var taken: [Int]?
    private let lock = ThreadLock()

    func column(count n: Int) -> [Int] {
        lock.withLock {
            if let taken { return taken }
            let column = Self.shared.withLock {
                if Self.last.count != n { Self.last = Array(0..<n) }
                return Self.last
            }
            taken = column
            return column
        }
    }
}

/// A cache the views of one batch share across decoding threads: a value is built once, under
/// the lock (a second thread asking for it waits instead of building it again).
final class SharedCache<Key: Hashable, Value>: @unchecked Sendable {
    private var values: [Key: Value] = [:]
    private let lock = ThreadLock()

    func value(for key: Key, _ build: () -> Value) -> Value {
        lock.withLock {
            if let cached = values[key] { return cached }
            let value = build()
            values[key] = value
            return value
        }
    }

    /// Puts a value built elsewhere in the cache.
    func store(_ key: Key, _ value: Value) {
        lock.withLock { values[key] = value }
    }
}

/// Remembers which columns of a batch are non-decreasing, so the states sharing a column check
/// it once, and their position tables and room sums, so they build each once. May be shared
/// by views of one batch that live together (every column asked about lives as long as they
/// do), under a lock: a second thread asking for a table being built waits instead of
/// building it again.
final class ColumnOrdering: @unchecked Sendable {
    private let lock = ThreadLock()
    private var known: [UnsafePointer<Int>: Bool] = [:]
    private var tables: [UnsafePointer<Int>: UnsafePointer<Int32>] = [:]
    private var ownedTables: [UnsafeMutablePointer<Int32>] = []
    /// Column -> its successor column (every value plus one), and back.
    private var successor: [UnsafePointer<Int>: UnsafePointer<Int>] = [:]
    private var predecessor: [UnsafePointer<Int>: UnsafePointer<Int>] = [:]
    private var sums: [SumKey: UnsafeMutablePointer<Int>] = [:]
    /// One column's room sums (`second` nil), or the sums of two columns' rooms' products.
    private struct SumKey: Hashable { var first: UnsafePointer<Int>, second: UnsafePointer<Int>? }

    deinit {
        ownedTables.forEach { $0.deallocate() }
        sums.values.forEach { $0.deallocate() }
    }

    /// Prefix sums (`n + 1` entries, wrapping) of a sink's room `n - clamp(v, 0...n)` over a
    /// batch column, or with `times` of the product of two columns' rooms: the states sharing
    /// a sink column share them.
    func roomSums(_ column: UnsafePointer<Int>, times other: UnsafePointer<Int>? = nil, count n: Int) -> UnsafePointer<Int> {
        lock.withLock {
            let key = SumKey(first: column, second: other)
            if let cached = sums[key] { return UnsafePointer(cached) }
            let sum = UnsafeMutablePointer<Int>.allocate(capacity: n + 1)
            sum[0] = 0
            var total = 0
            if let other {
                for r in 0..<n { total &+= (n &- min(max(column[r], 0), n)) &* (n &- min(max(other[r], 0), n)); sum[r + 1] = total }
            } else {
                for r in 0..<n { total &+= n &- min(max(column[r], 0), n); sum[r + 1] = total }
            }
            sums[key] = sum
            return UnsafePointer(sum)
        }
    }

    /// Records what decoding found out about batch columns (alive while the views are):
    /// whether they never decrease, and pairs whose `next` column is `column` plus one.
    func note(_ columns: [(column: UnsafePointer<Int>, nonDecreasing: Bool)],
              successors: [(column: UnsafePointer<Int>, next: UnsafePointer<Int>)] = []) {
        lock.withLock {
            for (column, answer) in columns { known[column] = answer }
            for (column, next) in successors { successor[column] = next; predecessor[next] = column }
        }
    }

    /// The column `column` is one more than, value for value, when decoding noted one.
    func predecessor(of column: UnsafePointer<Int>) -> UnsafePointer<Int>? {
        lock.withLock { predecessor[column] }
    }

    /// Whether `column` (`count` values, alive while the batch view is) never decreases.
    func isNonDecreasing(_ column: UnsafePointer<Int>, count: Int) -> Bool {
        lock.withLock {
            if let answer = known[column] { return answer }
            // In blocks, with no branch inside one (vectorised), stopping at the first drop.
            var drops = 0
            var i = 1
            while i < count && drops == 0 {
                let end = min(count, i &+ 4096)
                while i < end { drops |= column[i] < column[i &- 1] ? 1 : 0; i &+= 1 }
            }
            known[column] = drops == 0
            return drops == 0
        }
    }

    /// ``Positions/build(_:count:)`` of a batch column (alive while the view is), built once.
    func positions(_ column: UnsafePointer<Int>, count: Int) -> UnsafePointer<Int32>? {
        lock.withLock {
            if let table = tables[column] { return table }
            // A column and its successor share one table: the first index with `next >= t`
            // is the first with `column >= t - 1`, one entry earlier (`t = -1`: index 0).
            if let base = predecessor[column] ?? (successor[column] == nil ? nil : column), let next = successor[base] {
                guard count < Int(Int32.max) - 2 else { return nil }
                let shared = UnsafeMutablePointer<Int32>.allocate(capacity: count + 4)
                shared[0] = 0
                Positions.fill(base, count: count, into: shared + 1)
                ownedTables.append(shared)
                tables[base] = UnsafePointer(shared + 1)
                tables[next] = UnsafePointer(shared)
                return tables[column]
            }
            guard let table = Positions.build(column, count: count) else { return nil }
            ownedTables.append(table)
            tables[column] = UnsafePointer(table)
            return UnsafePointer(table)
        }
    }
}

/// Where each threshold falls in a non-decreasing column: the cursors' searches become one
/// load each, with no data-dependent branch (a mispredicted branch per search and point was
/// most of the sweep's time).
enum Positions {
    /// `table[t + 1]` = the first index `i` with `column[i] >= t`, for `t` in `-1...n`
    /// (`n + 2` entries); nil when `n` does not fit an `Int32`. `column` must not decrease.
    static func build(_ column: UnsafePointer<Int>, count n: Int) -> UnsafeMutablePointer<Int32>? {
        guard n < Int(Int32.max) - 2 else { return nil }
        let table = UnsafeMutablePointer<Int32>.allocate(capacity: n + 3)
        fill(column, count: n, into: table)
        return table
    }

    /// ``build(_:count:)`` into `table` (`n + 3` entries; `n` fits an `Int32`).
    static func fill(_ column: UnsafePointer<Int>, count n: Int, into table: UnsafeMutablePointer<Int32>) {
        // In a non-decreasing column the first index holding at least `t` is the number of
        // values below `t`: a histogram (bucket 0: below -1, `v + 2`: `v`, `n + 2`: `n` and
        // above) and its prefix sums, with no data-dependent branch.
        table.initialize(repeating: 0, count: n + 3)
        for i in 0..<n {
            let bucket = min(max(column[i], -2), n) &+ 2
            table[bucket] &+= 1
        }
        // table[t + 1] = values below t = buckets 0...(t + 1).
        var sum: Int32 = 0
        for j in 0...(n + 1) { sum &+= table[j]; table[j] = sum }
    }

    /// The first index of `column` (non-decreasing, `n` values) holding at least `t`: from
    /// the table when `t` is in its range, else by ``SweepTable/firstAtLeast(_:_:_:_:)``.
    @inline(__always)
    static func firstAtLeast(_ column: UnsafePointer<Int>, _ table: UnsafePointer<Int32>?, _ n: Int, _ t: Int, _ cursor: inout Int) -> Int {
        if let table, UInt(bitPattern: t &+ 1) <= UInt(bitPattern: n &+ 1) { return Int(table[t &+ 1]) }
        return SweepTable.firstAtLeast(column, n, t, &cursor)
    }
}
