/// Exact counting when the target's threads, once *sinks* are set aside, form one or two
/// clusters.
///
/// A sink is a thread that only appears as `k_sink >= bound(k_from)` (no equality, no mask, never
/// the `from` of a bound): given the other threads' iterations it contributes a factor
/// `N - max(bounds)` (clamped to `0...N`), so it is never enumerated. With two clusters, every
/// constraint between them reads `b(q) >= a(p)` or `b(q) <= a(p)` for a point `p` of the first
/// and `q` of the second. When every `b` (and every sink bound on the second's side) is
/// non-decreasing in `q` (coherence makes it so on hardware: a thread's successive reads of a
/// location name non-decreasing iterations), the `q`s a `p` pairs with form one interval, found
/// by walking cursors, and prefix sums over the second cluster give the number of `q`s and the
/// sinks' weights in it: linear. Nil when a feature is not monotone, there are more than two
/// sinks bounded from the second cluster: the caller then counts another way. A count past
/// `Int.max` (IRIW's states reach 10^17 per million iterations) is returned as `Int.max`,
/// which the engine reports as saturated.
struct SweepCount {
    private let constraints: PerpetualConstraints
    private let layout: Cluster.Layout
    /// Indices into `layout.clusters` of the clusters that are not sinks.
    private let clusters: [Int]
    /// Per sink, the bounds on it: (thread, bound column).
    private let sinks: [[(from: Int, bound: [Int])]]
    private let n: Int

    /// Nil when more than two clusters remain once the sinks are set aside.
    init?(_ constraints: PerpetualConstraints, _ layout: Cluster.Layout) {
        var constrained = Set(constraints.masks.keys)
        for e in constraints.equalities { constrained.insert(e.from); constrained.insert(e.to) }
        for b in constraints.bounds { constrained.insert(b.from) }
        let sinkThreads = constraints.threads.filter { !constrained.contains($0) }
        let sinkSet = Set(sinkThreads)
        let clusters = layout.clusters.indices.filter { !sinkSet.contains(layout.clusters[$0].root) }
        guard clusters.count <= 2 else { return nil }
        self.constraints = constraints
        self.layout = layout
        self.clusters = clusters
        n = constraints.iterations
        sinks = sinkThreads.map { sink in
            constraints.bounds.filter { $0.to == sink }.map { ($0.from, $0.bound) }
        }
    }

    /// How reports name the method.
    var algorithm: String {
        let weighted = sinks.isEmpty ? "" : " with \(sinks.count) sink thread\(sinks.count == 1 ? "" : "s") weighted"
        switch clusters.count {
        case 0: return "independent sinks"
        case 1: return "one chain\(weighted), linear"
        default: return "monotone interval sweep\(weighted), linear"
        }
    }

    func count() -> Int? {
        withExtendedLifetime(constraints) {
            switch clusters.count {
            case 0: return power(n, sinks.count)
            case 1: return single()
            default:
                // A bare root on the tabulated side borrows the batch's columns: no copy.
                let (first, second) = Chain(constraints, layout, cluster: clusters[1]).isBare
                    ? (clusters[0], clusters[1]) : (clusters[1], clusters[0])
                return pair(a: first, b: second) ?? pair(a: second, b: first)
            }
        }
    }

    private func power(_ base: Int, _ exponent: Int) -> Int? {
        var result = 1
        for _ in 0..<exponent {
            let (product, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow { return .max }
            result = product
        }
        return result
    }

    /// `N - value` clamped to `0...N`: how many iterations of a sink are at least `value`.
    @inline(__always)
    private static func room(_ value: Int, _ n: Int) -> Int { n - min(max(value, 0), n) }

    /// One cluster: every sink is bounded from it alone.
    private func single() -> Int? {
        let chain = Chain(constraints, layout, cluster: clusters[0])
        let position = Dictionary(uniqueKeysWithValues: chain.members.enumerated().map { ($1, $0) })
        let terms = sinks.map { $0.map { (position[$0.from]!, Chain.base($0.bound)) } }
        let it = UnsafeMutablePointer<Int>.allocate(capacity: chain.members.count)
        defer { it.deallocate() }
        var total = 0
        for k in 0..<n where chain.resolve(k, it) {
            var weight = 1
            for sink in terms {
                var most = Int.min
                for (m, bound) in sink { most = max(most, bound[it[m]]) }
                let (product, overflow) = weight.multipliedReportingOverflow(by: Self.room(most, n))
                if overflow { return .max }
                weight = product
            }
            let (sum, overflow) = total.addingReportingOverflow(weight)
            if overflow { return .max }
            total = sum
        }
        return total
    }

    /// The fused loop of the commonest case (SB's weak state, 2+2W): the streamed cluster is
    /// a bare root whose thresholds never decrease, no sink. Every cursor then only moves
    /// forwards, by one plain step at a time: linear in total, no search.
    private static func sweepBare(
        _ flat: UnsafeMutablePointer<(table: UnsafePointer<Int>?, column: UnsafePointer<Int>?, up: Bool)>, _ count: Int,
        _ cursors: UnsafeMutablePointer<Int>, _ table: SweepTable, _ n: Int
    ) -> Int {
        var total = 0
        for k in 0..<n {
            var lo = 0, hi = n
            for c in 0..<count {
                let (tableA, values, up) = flat[c]
                let t = tableA == nil ? k : tableA.unsafelyUnwrapped[k]
                if !up && t == .max { continue }
                let threshold = up ? t : t + 1
                let cut: Int
                if let values {
                    var i = cursors[c]
                    while i < n && values[i] < threshold { i &+= 1 }
                    cursors[c] = i
                    cut = i
                } else {
                    cut = min(max(threshold, 0), n)
                }
                if up { lo = max(lo, cut) } else { hi = min(hi, cut) }
            }
            if lo < hi { total &+= table.validBefore(hi) &- table.validBefore(lo) }
        }
        return total
    }

    /// A value of one cluster's point: the member's iteration, or `table` at it.
    struct Feature {
        var member: Int
        var table: UnsafePointer<Int>?
        @inline(__always) func value(_ it: UnsafeMutablePointer<Int>) -> Int {
            if let table { return table[it[member]] }
            return it[member]
        }
    }

    /// Cluster `a`'s points streamed, cluster `b`'s tabulated over its root iterations.
    private func pair(a: Int, b: Int) -> Int? {
        let chainA = Chain(constraints, layout, cluster: a), chainB = Chain(constraints, layout, cluster: b)
        let inA = Dictionary(uniqueKeysWithValues: chainA.members.enumerated().map { ($1, $0) })
        let inB = Dictionary(uniqueKeysWithValues: chainB.members.enumerated().map { ($1, $0) })
        // Each cross constraint: b-feature, a-feature, and whether b >= a (else b <= a).
        var cross: [(b: Feature, a: Feature, atLeast: Bool)] = []
        for e in constraints.equalities {
            let target = Chain.base(e.target)
            if let from = inA[e.from], let to = inB[e.to] {
                let pair = (Feature(member: to), Feature(member: from, table: target))
                cross.append((pair.0, pair.1, true)); cross.append((pair.0, pair.1, false))
            } else if let from = inB[e.from], let to = inA[e.to] {
                let pair = (Feature(member: from, table: target), Feature(member: to))
                cross.append((pair.0, pair.1, true)); cross.append((pair.0, pair.1, false))
            }
        }
        for bound in constraints.bounds {
            let column = Chain.base(bound.bound)
            if let from = inA[bound.from], let to = inB[bound.to] {
                cross.append((Feature(member: to), Feature(member: from, table: column), true))
            } else if let from = inB[bound.from], let to = inA[bound.to] {
                cross.append((Feature(member: from, table: column), Feature(member: to), false))
            }
        }
        // Sinks: the bounds from each side.
        let sideA = sinks.map { $0.compactMap { t in inA[t.from].map { Feature(member: $0, table: Chain.base(t.bound)) } } }
        let sideB = sinks.map { $0.compactMap { t in inB[t.from].map { Feature(member: $0, table: Chain.base(t.bound)) } } }
        let weighted = sinks.indices.filter { !sideB[$0].isEmpty }
        guard weighted.count <= 2 else { return nil }
        // Only features that are not b's root iteration need a column.
        let tabulated = cross.indices.filter { cross[$0].b.member != 0 || cross[$0].b.table != nil }
        guard let table = SweepTable(chainB, features: tabulated.map { cross[$0].b },
                                     sinks: weighted.map { sideB[$0] }, n: n, ordering: constraints.ordering) else { return nil }
        defer { table.deallocate() }
        // Per cross constraint, the column searched (nil: b's root iteration itself).
        var column = [UnsafePointer<Int>?](repeating: nil, count: cross.count)
        for (slot, c) in tabulated.enumerated() { column[c] = table.columns[slot] }

        // The streamed side's thresholds, flat: member, table (nil: the iteration itself),
        // the column searched (nil: b's root iteration), and b >= a (else b <= a).
        let count = cross.count
        let scratch = UnsafeMutablePointer<Int>.allocate(capacity: chainA.members.count + 2 * max(1, count))
        defer { scratch.deallocate() }
        let it = scratch, cursors = scratch + chainA.members.count, aMember = cursors + max(1, count)
        cursors.initialize(repeating: 0, count: max(1, count))
        for c in 0..<count { aMember[c] = cross[c].a.member }
        let flat = UnsafeMutablePointer<(table: UnsafePointer<Int>?, column: UnsafePointer<Int>?, up: Bool)>.allocate(capacity: max(1, count))
        defer { flat.deallocate() }
        for c in 0..<count { flat[c] = (cross[c].a.table, column[c], cross[c].atLeast) }
        let plain = weighted.isEmpty && sinks.isEmpty
        if plain && chainA.isBare
            && (0..<count).allSatisfy({ flat[$0].table.map { constraints.ordering.isNonDecreasing($0, count: n) } ?? true }) {
            return Self.sweepBare(flat, count, cursors, table, n)
        }
        var total = 0
        for k in 0..<n where chainA.resolve(k, it) {
            var lo = 0, hi = n
            var c = 0
            while c < count {
                let (tableA, values, up) = flat[c]
                let m = it[aMember[c]]
                let t = tableA == nil ? m : tableA.unsafelyUnwrapped[m]
                // b >= t: from the first q with b >= t; b <= t: up to the first q with b >= t + 1.
                if up || t != .max {
                    let threshold = up ? t : t + 1
                    let cut = values == nil ? min(max(threshold, 0), n)
                        : SweepTable.firstAtLeast(values.unsafelyUnwrapped, n, threshold, &cursors[c])
                    if up { lo = max(lo, cut) } else { hi = min(hi, cut) }
                    if lo >= hi { break }
                }
                c += 1
            }
            if lo >= hi { continue }
            if plain {
                total &+= table.validBefore(hi) &- table.validBefore(lo)
                continue
            }
            var weight = 1
            var overflow = false
            for s in sinks.indices where sideB[s].isEmpty {
                var most = Int.min
                for f in sideA[s] { most = max(most, f.value(it)) }
                (weight, overflow) = weight.multipliedReportingOverflow(by: Self.room(most, n))
                if overflow { return .max }
            }
            if weight == 0 { continue }
            var u: (Int, Int) = (Int.min, Int.min)
            for (i, s) in weighted.enumerated() {
                var most = Int.min
                for f in sideA[s] { most = max(most, f.value(it)) }
                if i == 0 { u.0 = most } else { u.1 = most }
            }
            guard let inside = table.weight(lo, hi, u) else { return .max }
            let (product, o1) = weight.multipliedReportingOverflow(by: inside)
            let (sum, o2) = total.addingReportingOverflow(product)
            if o1 || o2 { return .max }
            total = sum
        }
        return total
    }
}
