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

    /// Pairs with `a1(p) <= b1(q)` and `a2(p) <= b2(q)`: sweep the first coordinate downwards,
    /// keep the second coordinates of the `q`s seen so far in a Fenwick tree.
    static func count2(_ first: (a: [Int], b: [Int]), _ second: (a: [Int], b: [Int]), _ n: Int) -> Int {
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
