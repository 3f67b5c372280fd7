/// The second cluster of a ``SweepCount`` tabulated over its root iterations `0..<N`: how many
/// are valid points before each, each cross feature and sink bound (carried forward over
/// invalid iterations, so a column stays non-decreasing), and prefix sums of the sinks'
/// weights. A bare root (no member, no check) borrows the batch's own columns when they are
/// non-decreasing: nothing is copied. Owned memory is freed by `deallocate()`.
final class SweepTable {
    private let n: Int
    /// `valid[r]`: valid points among root iterations `0..<r` (`n + 1` entries); nil when
    /// every root iteration is one.
    private let valid: UnsafeMutablePointer<Int>?
    /// Per feature and per weighted sink, the column searched (borrowed or owned).
    let columns: [UnsafePointer<Int>]
    let sinkColumns: [UnsafePointer<Int>]
    /// Prefix sums over valid points of each sink's room, and of the product of two.
    private let sums: [UnsafeMutablePointer<Int>]
    private let sinkCursors: UnsafeMutablePointer<Int>
    private var owned: [UnsafeMutablePointer<Int>] = []

    /// Nil when a column is not non-decreasing, or sinks' sums could overflow (n^3 >= 2^63).
    init?(_ chain: Chain, features: [SweepCount.Feature], sinks: [[SweepCount.Feature]], n: Int, ordering: ColumnOrdering) {
        self.n = n
        // The sinks' prefix sums are differenced modulo 2^64: exact while n^3 fits.
        if !sinks.isEmpty && n > 2_000_000 { return nil }
        sinkCursors = .allocate(capacity: 2)
        sinkCursors.initialize(repeating: 0, count: 2)
        sums = (0..<(sinks.count == 2 ? 3 : sinks.count)).map { _ in .allocate(capacity: n + 1) }
        let bare = chain.isBare
        valid = bare ? nil : .allocate(capacity: n + 1)
        // A bare root's feature `table[root]` is `table` itself.
        func borrowed(_ f: SweepCount.Feature) -> UnsafePointer<Int>? {
            guard bare, f.member == 0, let table = f.table, ordering.isNonDecreasing(table, count: n) else { return nil }
            return table
        }
        var owned: [UnsafeMutablePointer<Int>] = []
        var materialised: [(feature: SweepCount.Feature, into: UnsafeMutablePointer<Int>)] = []
        columns = features.map { f in
            if let table = borrowed(f) { return table }
            let column = UnsafeMutablePointer<Int>.allocate(capacity: max(1, n))
            owned.append(column)
            materialised.append((f, column))
            return UnsafePointer(column)
        }
        var sinkTerms: [(terms: [SweepCount.Feature], into: UnsafeMutablePointer<Int>?)] = []
        sinkColumns = sinks.map { terms in
            if terms.count == 1, let table = borrowed(terms[0]) { sinkTerms.append((terms, nil)); return table }
            let column = UnsafeMutablePointer<Int>.allocate(capacity: max(1, n))
            owned.append(column)
            sinkTerms.append((terms, column))
            return UnsafePointer(column)
        }
        self.owned = owned
        guard fill(chain, materialised, sinkTerms) else { deallocate(); return nil }
    }

    func deallocate() {
        valid?.deallocate()
        sinkCursors.deallocate()
        (owned + sums).forEach { $0.deallocate() }
    }

    /// Valid points among root iterations `0..<r`.
    @inline(__always)
    func validBefore(_ r: Int) -> Int { valid?[r] ?? r }

    private func fill(
        _ chain: Chain, _ features: [(feature: SweepCount.Feature, into: UnsafeMutablePointer<Int>)],
        _ sinks: [(terms: [SweepCount.Feature], into: UnsafeMutablePointer<Int>?)]
    ) -> Bool {
        if valid == nil && features.isEmpty && sinks.isEmpty { return true }
        let (n, valid, sums) = (n, valid, sums)
        let width = features.count
        // Scratch: members' iterations, then each feature's and sink's last value.
        let it = UnsafeMutablePointer<Int>.allocate(capacity: chain.members.count + width + 2)
        defer { it.deallocate() }
        let last = it + chain.members.count, lastSink = last + width
        for f in 0..<(width + 2) { last[f] = .min }
        var count = 0
        var sum = (0, 0, 0)
        valid?[0] = 0
        for s in sums.indices { sums[s][0] = 0 }
        for r in 0..<n {
            if chain.resolve(r, it) {
                count &+= 1
                for f in 0..<width {
                    let value = features[f].feature.value(it)
                    if value < last[f] { return false }
                    last[f] = value
                }
                var rooms = (0, 0)
                for s in sinks.indices {
                    var most = Int.min
                    for f in sinks[s].terms { most = max(most, f.value(it)) }
                    if most < lastSink[s] { return false }
                    lastSink[s] = most
                    let room = n &- min(max(most, 0), n)
                    if s == 0 { rooms.0 = room } else { rooms.1 = room }
                }
                // Wrapping sums: a difference of two is exact whenever the true range sum
                // fits, which `init` ensured (at most n * n * n).
                sum.0 &+= rooms.0
                sum.1 &+= rooms.1
                sum.2 &+= rooms.0 &* rooms.1
            }
            for f in 0..<width { features[f].into[r] = last[f] }
            for s in sinks.indices { sinks[s].into?[r] = lastSink[s] }
            valid?[r + 1] = count
            switch sums.count {
            case 0: break
            case 1: sums[0][r + 1] = sum.0
            default: sums[0][r + 1] = sum.0; sums[1][r + 1] = sum.1; sums[2][r + 1] = sum.2
            }
        }
        return true
    }

    /// The first index of non-decreasing `v` (`n` values) holding at least `t` (`n` if none).
    /// Thresholds usually arrive in order but may jump a plateau (a thread reading one value
    /// for many iterations): gallop from the last answer, then binary search the last stride.
    @inline(__always)
    static func firstAtLeast(_ v: UnsafePointer<Int>, _ n: Int, _ t: Int, _ cursor: inout Int) -> Int {
        var lo: Int, hi: Int  // answer in lo...hi
        let start = min(cursor, n)
        // The usual case: the answer is the cursor or just after it.
        if start < n && v[start] >= t && (start == 0 || v[start - 1] < t) { return start }
        if start + 1 < n && v[start] < t && v[start + 1] >= t { cursor = start + 1; return start + 1 }
        if start < n && v[start] < t {
            // Forwards: v[lo] < t, find hi with v[hi] >= t (or n).
            lo = start
            var step = 1
            while true {
                let next = lo + step
                if next >= n { hi = n; break }
                if v[next] >= t { hi = next; break }
                lo = next
                step &<<= 1
            }
            lo += 1
        } else {
            // Backwards: the answer is at most start.
            hi = start
            var step = 1
            while true {
                let next = hi - step
                if next < 0 { lo = 0; break }
                if v[next] < t { lo = next + 1; break }
                hi = next
                step &<<= 1
            }
        }
        while lo < hi {
            let mid = (lo + hi) >> 1
            if v[mid] >= t { hi = mid } else { lo = mid + 1 }
        }
        cursor = lo
        return lo
    }

    /// The sinks' total weight over the valid points in `lo..<hi`, where `u` holds each
    /// weighted sink's bound from the streamed cluster (`Int.min`: none). A sink has room
    /// `N - max(u, v(q))`: `u` decides up to the first `q` whose `v` exceeds it, `v` after.
    func weight(_ lo: Int, _ hi: Int, _ u: (Int, Int)) -> Int? {
        func cut(_ s: Int, _ bound: Int) -> Int {
            let c = bound == .max ? n : Self.firstAtLeast(sinkColumns[s], n, bound + 1, &sinkCursors[s])
            return min(max(c, lo), hi)
        }
        func room(_ value: Int) -> Int { n - min(max(value, 0), n) }
        switch sinkColumns.count {
        case 0:
            return validBefore(hi) - validBefore(lo)
        case 1:
            let c = cut(0, u.0)
            let (head, o) = room(u.0).multipliedReportingOverflow(by: validBefore(c) - validBefore(lo))
            let (total, o2) = head.addingReportingOverflow(sums[0][hi] &- sums[0][c])
            return o || o2 ? nil : total
        default:
            let c0 = cut(0, u.0), c1 = cut(1, u.1)
            let x = min(c0, c1), y = max(c0, c1)
            let (head, o1) = (room(u.0) * room(u.1)).multipliedReportingOverflow(by: validBefore(x) - validBefore(lo))
            // Between the cuts the sink cut first is past its u, the other not yet.
            let middle = c0 <= c1 ? room(u.1).multipliedReportingOverflow(by: sums[0][y] &- sums[0][x])
                                  : room(u.0).multipliedReportingOverflow(by: sums[1][y] &- sums[1][x])
            let (partial, o2) = head.addingReportingOverflow(middle.partialValue)
            let (total, o3) = partial.addingReportingOverflow(sums[2][hi] &- sums[2][y])
            return o1 || o2 || o3 || middle.overflow ? nil : total
        }
    }
}
