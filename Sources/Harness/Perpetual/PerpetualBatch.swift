import Litmus

/// A recording decoded once, shared by every target counted on it: for each load site and
/// iteration, which store site and iteration wrote the value read, and the coherence facts
/// the observer loads establish.
final class PerpetualBatch {
    static let initial = -1
    static let unknown = -2

    let shape: PerpetualShape
    let iterations: Int
    /// Per load site (index into `shape.loadSites`): the store site read, or `initial`/`unknown`.
    let sites: [[Int]]
    /// Per load site: the iteration of the write read (meaningful when the site is >= 0).
    let writeIterations: [[Int]]
    /// Values no store of this batch wrote.
    let strayValues: Int
    private var boundsCache: [BoundsKey: [Int]] = [:]

    private struct BoundsKey: Hashable { var writer: Int, before: Int, location: Int, rank: Int }

    init(shape: PerpetualShape, recording: PerpetualRecording) {
        self.shape = shape
        let n = recording.iterations
        iterations = n
        var sites: [[Int]] = []
        var writeIterations: [[Int]] = []
        var stray = 0
        for load in shape.loadSites {
            let width = shape.recordsPerIteration[load.thread]
            let stride = shape.storeSites[load.location].count
            var site = Array(repeating: Self.initial, count: n)
            var iteration = Array(repeating: 0, count: n)
            recording.records[load.thread].withUnsafeBufferPointer { records in
                for k in 0..<n {
                    let value = records[k &* width &+ load.slot]
                    if value == 0 { continue }
                    guard value > 0, stride > 0 else { site[k] = Self.unknown; stray += 1; continue }
                    let (m, s) = (value &- 1).quotientAndRemainder(dividingBy: stride)
                    if m >= n { site[k] = Self.unknown; stray += 1; continue }
                    site[k] = s
                    iteration[k] = m
                }
            }
            sites.append(site)
            writeIterations.append(iteration)
        }
        self.sites = sites
        self.writeIterations = writeIterations
        strayValues = stray
    }

    func loadIndex(_ site: PerpetualShape.LoadSite) -> Int {
        shape.loadSites.firstIndex(of: site)!
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
            let stores = shape.storeSites[location]
            var best = Int.max
            for k in stride(from: iterations - 1, through: 0, by: -1) {
                let s = sites[index][k]
                if s >= 0, stores[s].thread == before {
                    let q = writeIterations[index][k]
                    best = min(best, stores[s].rank <= rank ? q : q + 1)
                }
                bounds[k] = best
            }
        }
        boundsCache[key] = bounds
        return bounds
    }
}
