import Litmus

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
    let sites: [[Int]]
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
    /// `0..<iterations`, built once per view: a free thread's points as an array.
    private(set) lazy var identityColumn = Array(0..<iterations)
    /// Which of the view's columns are non-decreasing (checked once per batch view).
    let ordering = ColumnOrdering()
    private var boundsCache: [BoundsKey: [Int]] = [:]
    private var targetCache: [TargetKey: [Int]] = [:]
    private var initialCache: [TargetKey: (bound: [Int], usesObservers: Bool)] = [:]

    private struct BoundsKey: Hashable { var writer: Int, before: Int, location: Int, rank: Int }
    /// A load site and a store site (targets) or a writer thread (initial-value bounds).
    private struct TargetKey: Hashable { var load: Int, other: Int }

    convenience init(shape: PerpetualShape, recording: PerpetualRecording) {
        let iterations = recording.iterations
        self.init(shape: shape, iterations: iterations) { thread, body in
            recording.records[thread].withUnsafeBufferPointer(body)
        }
    }

    /// Decodes straight from each thread's record buffer (`records(thread, body)` lends it).
    init(shape: PerpetualShape, iterations n: Int,
         records: (Int, (UnsafeBufferPointer<Int>) -> Void) -> Void) {
        self.shape = shape
        iterations = n
        var sites: [[Int]] = []
        var writeIterations: [[Int]] = []
        var nextIterations: [[Int]] = []
        var stray = 0
        var overlap = Overlap(measured: 0, overlapped: 0)
        for load in shape.loadSites {
            let width = shape.recordsPerIteration[load.thread]
            let stride = shape.storeSites[load.location].count
            let foreign = shape.storeSites[load.location].map { $0.thread != load.thread }
            // Every element is written by `decode`: no zero-filling pass first.
            var site: [Int] = [], iteration: [Int] = [], next: [Int] = []
            records(load.thread) { buffer in
                site = [Int](unsafeUninitializedCapacity: n) { site, siteCount in
                    iteration = [Int](unsafeUninitializedCapacity: n) { iteration, iterationCount in
                        next = [Int](unsafeUninitializedCapacity: stride == 1 ? n : 0) { next, nextCount in
                            let (strays, overlapped) = Self.decode(
                                buffer, width: width, slot: load.slot, stride: stride, n: n, foreign: foreign,
                                site: site, iteration: iteration, next: next)
                            stray += strays
                            if foreign.contains(true) { overlap.measured += n - 1; overlap.overlapped += overlapped }
                            nextCount = stride == 1 ? n : 0
                        }
                        iterationCount = n
                    }
                    siteCount = n
                }
            }
            sites.append(site)
            writeIterations.append(iteration)
            nextIterations.append(next)
        }
        self.sites = sites
        self.writeIterations = writeIterations
        self.nextIterations = nextIterations
        strayValues = stray
        self.overlap = overlap
    }

    private init(sharing other: PerpetualBatch) {
        shape = other.shape
        iterations = other.iterations
        sites = other.sites
        writeIterations = other.writeIterations
        nextIterations = other.nextIterations
        strayValues = other.strayValues
        overlap = other.overlap
    }

    /// The same decoded columns with caches of its own: one per decoding thread.
    func view() -> PerpetualBatch { PerpetualBatch(sharing: self) }

    /// One load site's column: value `v` of a location with `stride` store sites names site
    /// `(v - 1) % stride`, iteration `(v - 1) / stride`. One store site (the usual case)
    /// needs no division, and its iteration column is -1 wherever the store was not read, so
    /// it serves as the store's target column as it is. Returns how many values no store
    /// wrote, and how many iterations separate the earliest and latest writes of `foreign`
    /// sites (other threads') read.
    private static func decode(
        _ records: UnsafeBufferPointer<Int>, width: Int, slot: Int, stride: Int, n: Int, foreign: [Bool],
        site: UnsafeMutableBufferPointer<Int>, iteration: UnsafeMutableBufferPointer<Int>,
        next: UnsafeMutableBufferPointer<Int>
    ) -> (stray: Int, overlapped: Int) {
        var stray = 0
        var earliest = Int.max, latest = -1
        var index = slot
        if stride == 1 {
            for k in 0..<n {
                let value = records[index]
                index &+= width
                let m = value &- 1
                if value == 0 {
                    site[k] = initial; iteration[k] = -1; next[k] = 0
                } else if value > 0 && m < n {
                    site[k] = 0; iteration[k] = m; next[k] = value
                    earliest = min(earliest, m); latest = max(latest, m)
                } else {
                    site[k] = unknown; iteration[k] = -1; next[k] = .max; stray &+= 1
                }
            }
            return (stray, foreign[0] && latest > earliest ? latest - earliest : 0)
        }
        for k in 0..<n {
            let value = records[index]
            index &+= width
            iteration[k] = 0
            if value == 0 { site[k] = initial; continue }
            guard value > 0, stride > 0 else { site[k] = unknown; stray &+= 1; continue }
            let (m, s) = (value &- 1).quotientAndRemainder(dividingBy: stride)
            if m >= n { site[k] = unknown; stray &+= 1; continue }
            site[k] = s
            iteration[k] = m
            if foreign[s] { earliest = min(earliest, m); latest = max(latest, m) }
        }
        return (stray, latest > earliest ? latest - earliest : 0)
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
        let read = sites[index], readIteration = writeIterations[index]
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
        let read = sites[index], readIteration = writeIterations[index]
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
        if let cached = boundsCache[key] { return cached }
        var bounds = Array(repeating: Int.max, count: iterations)
        if let observer = shape.observer(thread: writer, location: location) {
            let index = loadIndex(observer)
            // Per store site: -1 when another thread's, else what its iteration q adds (0 or 1).
            let offset = shape.storeSites[location].map { $0.thread != before ? -1 : $0.rank <= rank ? 0 : 1 }
            var best = Int.max
            sites[index].withUnsafeBufferPointer { site in
                writeIterations[index].withUnsafeBufferPointer { iteration in
                    offset.withUnsafeBufferPointer { offset in
                        bounds.withUnsafeMutableBufferPointer { bounds in
                            var k = iterations - 1
                            while k >= 0 {
                                let s = site[k]
                                if s >= 0, offset[s] >= 0 { best = min(best, iteration[k] &+ offset[s]) }
                                bounds[k] = best
                                k -= 1
                            }
                        }
                    }
                }
            }
        }
        boundsCache[key] = bounds
        return bounds
    }
}

/// Remembers which columns of a batch view are non-decreasing, so the states sharing a column
/// check it once. One per view (one decoding thread): no lock.
final class ColumnOrdering {
    private var known: [UnsafePointer<Int>: Bool] = [:]

    /// Whether `column` (`count` values, alive while the batch view is) never decreases.
    func isNonDecreasing(_ column: UnsafePointer<Int>, count: Int) -> Bool {
        if let answer = known[column] { return answer }
        var answer = true
        var i = 1
        while i < count {
            if column[i] < column[i - 1] { answer = false; break }
            i += 1
        }
        known[column] = answer
        return answer
    }
}
