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
    private var sums: [UnsafeMutablePointer<Int>] = []
    private let sinkCursors: UnsafeMutablePointer<Int>
    private var owned: [UnsafeMutablePointer<Int>] = []
    /// The same sink columns and sums as plain pointers, for `weight`'s per-point calls.
    private var sink0: UnsafePointer<Int>?, sink1: UnsafePointer<Int>?
    private var sum0: UnsafePointer<Int>?, sum1: UnsafePointer<Int>?, sum2: UnsafePointer<Int>?
    /// Per column and per sink column, its ``Positions`` table (nil: searched by cursor).
    private(set) var positions: [UnsafePointer<Int32>?] = []
    private var sinkPosition0: UnsafePointer<Int32>?, sinkPosition1: UnsafePointer<Int32>?
    private var ownedPositions: [UnsafeMutablePointer<Int32>] = []

    /// Nil when a column is not non-decreasing, or sinks' sums could overflow (n^3 >= 2^63).
    init?(_ chain: Chain, features: [SweepCount.Feature], sinks: [[SweepCount.Feature]], n: Int, ordering: ColumnOrdering) {
        self.n = n
        // The sinks' prefix sums are differenced modulo 2^64: exact while n^3 fits.
        if !sinks.isEmpty && n > 2_000_000 { return nil }
        sinkCursors = .allocate(capacity: 2)
        sinkCursors.initialize(repeating: 0, count: 2)
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
        sink0 = sinkColumns.first
        sink1 = sinkColumns.count > 1 ? sinkColumns[1] : nil
        if bare && sinkTerms.allSatisfy({ $0.into == nil }) {
            // Every sink column is the batch's own: the view's sums serve every state.
            sum0 = sink0.map { ordering.roomSums($0, count: n) }
            sum1 = sink1.map { ordering.roomSums($0, count: n) }
            sum2 = sink1.map { ordering.roomSums(sink0!, times: $0, count: n) }
            sinkTerms = []
        } else {
            sums = (0..<(sinks.count == 2 ? 3 : sinks.count)).map { _ in .allocate(capacity: n + 1) }
            sum0 = sums.first.map { UnsafePointer($0) }
            sum1 = sums.count > 1 ? UnsafePointer(sums[1]) : nil
            sum2 = sums.count > 2 ? UnsafePointer(sums[2]) : nil
        }
        guard fill(chain, materialised, sinkTerms) else { deallocate(); return nil }
        // Borrowed columns share the view's tables, built once for every state; a column
        // materialised for one state gets its own.
        let mine = Set(owned.map { UnsafePointer($0) })
        var built: [UnsafeMutablePointer<Int32>] = []
        func table(_ column: UnsafePointer<Int>) -> UnsafePointer<Int32>? {
            guard mine.contains(column) else { return ordering.positions(column, count: n) }
            guard let table = Positions.build(column, count: n) else { return nil }
            built.append(table)
            return UnsafePointer(table)
        }
        positions = columns.map(table)
        let sinkPositions = sinkColumns.map(table)
        sinkPosition0 = sinkPositions.first ?? nil
        sinkPosition1 = sinkPositions.count > 1 ? sinkPositions[1] : nil
        ownedPositions = built
    }

    func deallocate() {
        valid?.deallocate()
        sinkCursors.deallocate()
        (owned + sums).forEach { $0.deallocate() }
        ownedPositions.forEach { $0.deallocate() }
    }

    /// Valid points among root iterations `0..<r`.
    @inline(__always)
    func validBefore(_ r: Int) -> Int { valid?[r] ?? r }

    private func fill(
        _ chain: Chain, _ features: [(feature: SweepCount.Feature, into: UnsafeMutablePointer<Int>)],
        _ sinks: [(terms: [SweepCount.Feature], into: UnsafeMutablePointer<Int>?)]
    ) -> Bool {
        if valid == nil && features.isEmpty && sinks.isEmpty { return true }
        let (n, valid) = (n, valid)
        let width = features.count, sinkCount = sinks.count
        // Everything the loop reads, flat (no array of arrays touched per iteration):
        // members' iterations, each feature's and sink's last value, then the terms.
        let terms = sinks.map(\.terms.count).reduce(0, +)
        let it = UnsafeMutablePointer<Int>.allocate(capacity: chain.members.count + width + 2 + 2 * width + 3 + terms)
        defer { it.deallocate() }
        let last = it + chain.members.count, lastSink = last + width
        let featureMember = lastSink + 2, termStart = featureMember + width, termMember = termStart + 3
        let pointers = UnsafeMutablePointer<UnsafePointer<Int>?>.allocate(capacity: 2 * width + terms + 2)
        defer { pointers.deallocate() }
        let featureTable = pointers, termTable = pointers + width
        let into = UnsafeMutablePointer<UnsafeMutablePointer<Int>?>.allocate(capacity: width + 2)
        defer { into.deallocate() }
        let sinkInto = into + width
        for f in 0..<width {
            featureMember[f] = features[f].feature.member
            featureTable[f] = features[f].feature.table
            into[f] = features[f].into
        }
        var t = 0
        for s in 0..<sinkCount {
            termStart[s] = t
            for f in sinks[s].terms { termMember[t] = f.member; termTable[t] = f.table; t += 1 }
            sinkInto[s] = sinks[s].into
        }
        termStart[sinkCount] = t
        for f in 0..<(width + 2) { last[f] = .min }
        let sums0: UnsafeMutablePointer<Int>? = sums.count > 0 ? sums[0] : nil
        let sums1: UnsafeMutablePointer<Int>? = sums.count > 1 ? sums[1] : nil
        let sums2: UnsafeMutablePointer<Int>? = sums.count > 2 ? sums[2] : nil
        let bare = valid == nil
        @inline(__always) func value(_ member: Int, _ table: UnsafePointer<Int>?) -> Int {
            let m = it[member]
            return table == nil ? m : table.unsafelyUnwrapped[m]
        }
        var count = 0
        var sum = (0, 0, 0)
        valid?[0] = 0
        sums0?[0] = 0; sums1?[0] = 0; sums2?[0] = 0
        for r in 0..<n {
            let point: Bool
            if bare { it[0] = r; point = true } else { point = chain.resolve(r, it) }
            if point {
                count &+= 1
                for f in 0..<width {
                    let v = value(featureMember[f], featureTable[f])
                    if v < last[f] { return false }
                    last[f] = v
                }
                var rooms = (0, 0)
                for s in 0..<sinkCount {
                    var most = Int.min
                    for i in termStart[s]..<termStart[s + 1] { most = max(most, value(termMember[i], termTable[i])) }
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
            for f in 0..<width { into[f].unsafelyUnwrapped[r] = last[f] }
            for s in 0..<sinkCount { sinkInto[s]?[r] = lastSink[s] }
            valid?[r + 1] = count
            sums0?[r + 1] = sum.0
            sums1?[r + 1] = sum.1
            sums2?[r + 1] = sum.2
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
        let n = n
        @inline(__always) func cut(_ column: UnsafePointer<Int>, _ table: UnsafePointer<Int32>?, _ cursor: UnsafeMutablePointer<Int>, _ bound: Int) -> Int {
            let c = bound == .max ? n : Positions.firstAtLeast(column, table, n, bound + 1, &cursor.pointee)
            return min(max(c, lo), hi)
        }
        @inline(__always) func room(_ value: Int) -> Int { n - min(max(value, 0), n) }
        guard let sink0, let sum0 else { return validBefore(hi) - validBefore(lo) }
        guard let sink1, let sum1, let sum2 else {
            let c = cut(sink0, sinkPosition0, sinkCursors, u.0)
            let (head, o) = room(u.0).multipliedReportingOverflow(by: validBefore(c) - validBefore(lo))
            let (total, o2) = head.addingReportingOverflow(sum0[hi] &- sum0[c])
            return o || o2 ? nil : total
        }
        let c0 = cut(sink0, sinkPosition0, sinkCursors, u.0), c1 = cut(sink1, sinkPosition1, sinkCursors + 1, u.1)
        let x = min(c0, c1), y = max(c0, c1)
        let (head, o1) = (room(u.0) * room(u.1)).multipliedReportingOverflow(by: validBefore(x) - validBefore(lo))
        // Between the cuts the sink cut first is past its u, the other not yet.
        let middle = c0 <= c1 ? room(u.1).multipliedReportingOverflow(by: sum0[y] &- sum0[x])
                              : room(u.0).multipliedReportingOverflow(by: sum1[y] &- sum1[x])
        let (partial, o2) = head.addingReportingOverflow(middle.partialValue)
        let (total, o3) = partial.addingReportingOverflow(sum2[hi] &- sum2[y])
        return o1 || o2 || o3 || middle.overflow ? nil : total
    }
}
