/// Counting pairs `(p, q)` with `a(p) <= b(q)` in one or two coordinates, in O(N) and
/// O(N log N). Every comparison has an iteration number in `[-(n-1), n-1]` on one side, so
/// values are clamped to `[-(n+1), n+1]` without changing any comparison, and buckets replace
/// comparison sorts.
enum Dominance {
    @inline(__always)
    private static func bucket(_ value: Int, _ n: Int) -> Int {
        min(max(value, -(n + 1)), n + 1) + n + 1
    }

    /// Pairs with `a(p) <= b(q)`.
    static func count1(_ dim: (a: [Int], b: [Int]), _ n: Int) -> Int {
        let range = 2 * n + 3
        var atLeast = Array(repeating: 0, count: range + 1)
        for v in dim.b { atLeast[bucket(v, n)] += 1 }
        for i in stride(from: range - 1, through: 0, by: -1) { atLeast[i] += atLeast[i + 1] }
        var total = 0
        for v in dim.a { total += atLeast[bucket(v, n)] }
        return total
    }

    /// Pairs with `a1(p) <= b1(q)` and `a2(p) <= b2(q)`, and the algorithm that counted them
    /// as reports name it: linear when coherence made the `b`s monotone, else N log N.
    static func count2(_ first: (a: [Int], b: [Int]), _ second: (a: [Int], b: [Int]), _ n: Int) -> (count: Int, algorithm: String) {
        if let fast = monotoneCount2(first, second) { return (fast, "2-D dominance, monotone sweep, linear") }
        return (sweepCount2(first, second, n), "2-D dominance, N log N")
    }

    /// The general case: sweep the first coordinate downwards, keep the second coordinates of
    /// the `q`s seen so far in a Fenwick tree.
    static func sweepCount2(_ first: (a: [Int], b: [Int]), _ second: (a: [Int], b: [Int]), _ n: Int) -> Int {
        let range = 2 * n + 3
        let byA = buckets(first.a, n, range)
        let byB = buckets(first.b, n, range)
        var tree = Fenwick(size: range)
        var inserted = 0
        var total = 0
        for t in stride(from: range - 1, through: 0, by: -1) {
            for i in byB.start[t]..<byB.start[t + 1] {
                tree.add(at: bucket(second.b[byB.order[i]], n))
                inserted += 1
            }
            for i in byA.start[t]..<byA.start[t + 1] {
                // q's with b2 >= a2: all inserted minus those strictly below a2.
                total += inserted - tree.prefixCount(below: bucket(second.a[byA.order[i]], n))
            }
        }
        return total
    }

    /// Coherence makes a thread's successive reads of a location name non-decreasing
    /// iterations, so the `b` features are usually monotone in point order. Then the `q`s
    /// satisfying each inequality form a prefix or a suffix, found by binary search, and a
    /// pair count is the length of their intersection. Nil when a `b` feature is not monotone.
    static func monotoneCount2(_ first: (a: [Int], b: [Int]), _ second: (a: [Int], b: [Int])) -> Int? {
        guard let up1 = direction(first.b), let up2 = direction(second.b) else { return nil }
        let count = first.b.count
        var total = 0
        first.b.withUnsafeBufferPointer { b1 in
            second.b.withUnsafeBufferPointer { b2 in
                var cut1 = Cut(values: b1, increasing: up1), cut2 = Cut(values: b2, increasing: up2)
                for (t1, t2) in zip(first.a, second.a) {
                    let (lo1, hi1) = cut1.range(atLeast: t1, count: count)
                    let (lo2, hi2) = cut2.range(atLeast: t2, count: count)
                    total += max(0, min(hi1, hi2) - max(lo1, lo2))
                }
            }
        }
        return total
    }

    /// True for non-decreasing, false for non-increasing, nil for neither.
    private static func direction(_ values: [Int]) -> Bool? {
        var up = true, down = true
        for i in values.indices.dropFirst() {
            if values[i] < values[i - 1] { up = false }
            if values[i] > values[i - 1] { down = false }
            if !up && !down { return nil }
        }
        return up
    }

    /// Where `values[i] >= threshold` flips in a monotone buffer. Thresholds usually arrive in
    /// order, so it first walks a few steps from the last answer, then falls back to a
    /// binary search: linear for monotone thresholds, O(log N) each otherwise.
    private struct Cut {
        let values: UnsafeBufferPointer<Int>
        let increasing: Bool
        var last = 0

        init(values: UnsafeBufferPointer<Int>, increasing: Bool) {
            self.values = values
            self.increasing = increasing
        }

        /// The flip point: the first index whose predicate differs from index 0's side.
        @inline(__always)
        func flips(at i: Int, _ threshold: Int) -> Bool {
            // "i is past the flip": satisfied for increasing, unsatisfied for decreasing.
            (values[i] >= threshold) == increasing
        }

        @inline(__always)
        mutating func range(atLeast threshold: Int, count: Int) -> (Int, Int) {
            var cut = last
            var steps = 0
            while steps < 8 {
                if cut < count && !flips(at: cut, threshold) { cut += 1 }
                else if cut > 0 && flips(at: cut - 1, threshold) { cut -= 1 }
                else { break }
                steps += 1
            }
            if steps == 8 {
                var lo = 0, hi = count
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if flips(at: mid, threshold) { hi = mid } else { lo = mid + 1 }
                }
                cut = lo
            }
            last = cut
            return increasing ? (cut, count) : (0, cut)
        }
    }

    /// A counting sort: indices of `values` grouped by bucket, `start[t]..<start[t+1]` each.
    private static func buckets(_ values: [Int], _ n: Int, _ range: Int) -> (order: [Int], start: [Int]) {
        var start = Array(repeating: 0, count: range + 1)
        for v in values { start[bucket(v, n) + 1] += 1 }
        for i in 0..<range { start[i + 1] += start[i] }
        var next = start
        var order = Array(repeating: 0, count: values.count)
        for (index, v) in values.enumerated() {
            let b = bucket(v, n)
            order[next[b]] = index
            next[b] += 1
        }
        return (order, start)
    }

    private struct Fenwick {
        var counts: [Int32]

        init(size: Int) { counts = Array(repeating: 0, count: size + 1) }

        mutating func add(at index: Int) {
            var i = index + 1
            while i < counts.count {
                counts[i] += 1
                i += i & -i
            }
        }

        /// How many added indices are `< index`.
        func prefixCount(below index: Int) -> Int {
            var i = index
            var total = 0
            while i > 0 {
                total += Int(counts[i])
                i -= i & -i
            }
            return total
        }
    }
}
