/// How perpetual decoding counts: exactly when it can afford to, by the linear heuristic otherwise.
public enum PerpetualDecoding: String, Hashable, Sendable, CaseIterable {
    /// Exact where an O(N log N) algorithm or a bounded enumeration exists, else linear.
    case automatic
    /// Exact whenever it fits the enumeration budget, else linear.
    case exact
    /// Always the linear heuristic (cheapest; a lower bound).
    case linear
}

/// Which algorithm produced a count.
public enum PerpetualMethod: Hashable, Sendable, CustomStringConvertible {
    /// Every instance counted; `algorithm` names how.
    case exact(algorithm: String)
    /// Only instances whose free threads' iterations lie within `window` of each other.
    case linear(window: Int)

    public var isExact: Bool { if case .exact = self { return true } else { return false } }

    public var description: String {
        switch self {
        case let .exact(algorithm): return "exact (\(algorithm))"
        case let .linear(window): return "linear heuristic (iterations within ±\(window))"
        }
    }
}

/// Counts the instances (one iteration per involved thread) satisfying every constraint.
///
/// Equalities fix a thread's iteration from another's, so threads fall into *clusters* each led
/// by one free *root*; a cluster's candidate points are the root's iterations whose determined
/// iterations pass every constraint inside the cluster (linear). What remains are inequalities
/// between clusters. One cluster: count its points. Two clusters: every remaining constraint is
/// `featureA(p) <= featureB(q)`; with up to two of them that is 2-D dominance counting, done by
/// a bucket sweep over one feature and a Fenwick tree over the other, O(N log N). Otherwise the
/// instances are enumerated when the product of cluster sizes fits `budget`, or counted by the
/// linear heuristic, which only tries roots within `window` iterations of each other.
struct PerpetualCounter {
    var decoding: PerpetualDecoding = .automatic
    var budget = 50_000_000
    var window = 4

    func count(_ constraints: PerpetualConstraints) -> (count: Int, method: PerpetualMethod) {
        if constraints.unsatisfiable { return (0, .exact(algorithm: "unsatisfiable")) }
        let n = constraints.iterations
        let threads = constraints.threads
        if threads.isEmpty || n == 0 { return (n, .exact(algorithm: "no constraint")) }
        let layout = Cluster.Layout(constraints)
        if layout.clusters.count == 1 {
            // One root determines every thread: one fused pass, no column built.
            return (ChainCount(constraints, layout).count(), .exact(algorithm: "one chain, linear"))
        }
        // Sinks weighted, at most two clusters left, monotone features: linear and exact.
        if decoding != .linear, let sweep = SweepCount(constraints, layout), let count = sweep.count() {
            return (count, .exact(algorithm: sweep.algorithm))
        }
        let clusters = Cluster.build(constraints, layout)
        let cross = CrossConstraint.between(clusters, constraints)
        // A cluster without a valid point: no instance (and no enumeration of the others).
        if clusters.contains(where: { $0.size == 0 }) { return (0, .exact(algorithm: "no candidate")) }
        if decoding != .linear, clusters.count == 2 {
            let dims = cross.map { $0.oriented(first: 0) }
            switch dims.count {
            case 0: return (clusters[0].size * clusters[1].size, .exact(algorithm: "independent product"))
            case 1: return (Dominance.count1(dims[0], n), .exact(algorithm: "threshold counting, linear"))
            case 2:
                let (count, algorithm) = Dominance.count2(dims[0], dims[1], n)
                return (count, .exact(algorithm: algorithm))
            default: break
            }
        }
        // Enumeration is "affordable" when it stays near-linear in the batch (automatic) or
        // within the budget (exact asked for).
        let product = clusters.reduce(1.0) { $0 * Double($1.size) }
        let limit = decoding == .exact ? Double(budget) : min(Double(budget), 16 * Double(n))
        if decoding != .linear && product <= limit {
            return (enumerate(clusters, cross), .exact(algorithm: "enumeration"))
        }
        return (windowed(clusters, cross, n), .linear(window: window))
    }

    /// Every combination of cluster points, pruned as soon as a constraint fails.
    private func enumerate(_ clusters: [Cluster], _ cross: [CrossConstraint]) -> Int {
        let checks = Self.byDepth(cross, clusters.count)
        var chosen = Array(repeating: 0, count: clusters.count)
        func go(_ depth: Int) -> Int {
            if depth == clusters.count { return 1 }
            var total = 0
            points: for point in 0..<clusters[depth].size {
                chosen[depth] = point
                for c in checks[depth] where !c.holds(chosen[c.left], chosen[c.right]) { continue points }
                total += go(depth + 1)
            }
            return total
        }
        return go(0)
    }

    /// The constraints to check once the cluster at each depth is chosen (all earlier ones are).
    private static func byDepth(_ cross: [CrossConstraint], _ depth: Int) -> [[CrossConstraint]] {
        (0..<depth).map { d in cross.filter { max($0.left, $0.right) == d } }
    }

    /// Instances whose cluster roots lie within `window` iterations of the first cluster's root.
    private func windowed(_ clusters: [Cluster], _ cross: [CrossConstraint], _ n: Int) -> Int {
        // Point of each root iteration (-1: none); a free cluster's points are its iterations.
        let pointAt: [[Int]?] = clusters.map { cluster in
            if cluster.identity { return nil }
            var table = Array(repeating: -1, count: n)
            for (index, k) in cluster.iterations[0].enumerated() { table[k] = index }
            return table
        }
        var chosen = Array(repeating: 0, count: clusters.count)
        var total = 0
        if window == 0 {
            // Every root in the same iteration: one candidate per iteration, one flat loop.
            iterations: for k in 0..<n {
                for c in clusters.indices {
                    let point = pointAt[c]?[k] ?? k
                    if point < 0 { continue iterations }
                    chosen[c] = point
                }
                for c in cross where !c.holds(chosen[c.left], chosen[c.right]) { continue iterations }
                total += 1
            }
            return total
        }
        let checks = Self.byDepth(cross, clusters.count)
        func go(_ depth: Int, _ root: Int) {
            if depth == clusters.count { total += 1; return }
            candidates: for k in max(0, root - window)...min(n - 1, root + window) {
                let point = pointAt[depth]?[k] ?? k
                if point < 0 { continue }
                chosen[depth] = point
                for c in checks[depth] where !c.holds(chosen[c.left], chosen[c.right]) { continue candidates }
                go(depth + 1, root)
            }
        }
        for point in 0..<clusters[0].size {
            chosen[0] = point
            go(1, clusters[0].iteration(member: 0, point: point))
        }
        return total
    }
}

/// Threads whose iterations all follow from one root thread's iteration through equalities.
struct Cluster {
    var root: Int
    var members: [Int]
    /// `iterations[m][p]`: the iteration of `members[m]` in point `p`. While `identity`, the
    /// root's column is `0..<size` and is not stored (`iterations[0]` is empty): a free thread
    /// costs no array.
    var iterations: [[Int]]
    var identity: Bool
    var size: Int
    /// `0..<size` while `identity`, shared (not built per cluster).
    var identityColumn: [Int]
    var rootIterations: [Int] { identity ? identityColumn : iterations[0] }

    /// `values[iteration of members[m]]` for every point; `values` itself when that is the
    /// identity column (no copy).
    func gather(_ values: [Int], member m: Int) -> [Int] {
        if identity && m == 0 { return values }
        return iterations[m].map { values[$0] }
    }

    /// The iteration of `members[m]` in point `p`.
    @inline(__always)
    func iteration(member m: Int, point p: Int) -> Int { identity && m == 0 ? p : iterations[m][p] }

    /// Which threads each cluster holds (root first, then in the order equalities fix them)
    /// and which equality fixes each non-root thread: no data touched.
    struct Layout {
        var clusters: [(root: Int, members: [Int])] = []
        /// Thread -> index of the equality fixing it.
        var parent: [Int: Int] = [:]
        var clusterOf: [Int: Int] = [:]

        init(_ constraints: PerpetualConstraints) {
            let threads = constraints.threads
            let hasIncoming = Set(constraints.equalities.map(\.to))
            let roots = threads.filter { !hasIncoming.contains($0) } + threads.filter { hasIncoming.contains($0) }
            for root in roots where clusterOf[root] == nil {
                let id = clusters.count
                clusterOf[root] = id
                var members = [root]
                var queue = [root]
                while !queue.isEmpty {
                    let thread = queue.removeFirst()
                    for (index, e) in constraints.equalities.enumerated() where e.from == thread && clusterOf[e.to] == nil {
                        clusterOf[e.to] = id
                        parent[e.to] = index
                        members.append(e.to)
                        queue.append(e.to)
                    }
                }
                clusters.append((root, members))
            }
        }
    }

    static func build(_ constraints: PerpetualConstraints, _ plan: Layout? = nil) -> [Cluster] {
        let plan = plan ?? Layout(constraints)
        let (layouts, parent, clusterOf) = (plan.clusters, plan.parent, plan.clusterOf)
        let n = constraints.iterations
        return layouts.enumerated().map { id, layout in
            let inside = { (t: Int) in clusterOf[t] == id }
            let checks = constraints.equalities.enumerated().filter { index, e in
                inside(e.from) && inside(e.to) && parent[e.to] != index
            }.map(\.element)
            let bounds = constraints.bounds.filter { inside($0.from) && inside($0.to) }
            // Column by column, each pass a tight loop: fill in the determined iterations,
            // then drop the points a constraint rejects.
            var cluster = Cluster(root: layout.root, members: [layout.root], iterations: [[]], identity: true, size: n,
                                  identityColumn: constraints.identity)
            var column: [Int: Int] = [layout.root: 0]
            func keep(_ test: (Int) -> Bool) {
                var kept: [Int] = []
                kept.reserveCapacity(cluster.size)
                for p in 0..<cluster.size where test(p) { kept.append(p) }
                if kept.count == cluster.size { return }
                if cluster.identity {
                    // Root iterations are the points themselves.
                    cluster.iterations = [kept] + cluster.iterations.dropFirst().map { values in kept.map { values[$0] } }
                    cluster.identity = false
                } else {
                    cluster.iterations = cluster.iterations.map { values in kept.map { values[$0] } }
                }
                cluster.size = kept.count
            }
            for thread in layout.members.dropFirst() {
                let e = constraints.equalities[parent[thread]!]
                let values = cluster.gather(e.target, member: column[e.from]!)
                cluster.iterations.append(values)
                cluster.members.append(thread)
                column[thread] = cluster.iterations.count - 1
                keep { values[$0] >= 0 && values[$0] < n }
                // `values` may be stale after `keep`: later passes read columns afresh.
            }
            for thread in layout.members {
                guard let mask = constraints.masks[thread] else { continue }
                let m = column[thread]!
                let snapshot = cluster
                keep { mask[snapshot.iteration(member: m, point: $0)] }
            }
            for e in checks {
                let named = cluster.gather(e.target, member: column[e.from]!)
                let to = column[e.to]!
                let snapshot = cluster
                keep { named[$0] == snapshot.iteration(member: to, point: $0) }
            }
            for b in bounds {
                let least = cluster.gather(b.bound, member: column[b.from]!)
                let to = column[b.to]!
                let snapshot = cluster
                keep { snapshot.iteration(member: to, point: $0) >= least[$0] }
            }
            return cluster
        }
    }
}

/// `leftFeature(point of cluster left) <= rightFeature(point of cluster right)`.
struct CrossConstraint {
    var left: Int, right: Int
    var leftFeature: [Int], rightFeature: [Int]

    func holds(_ leftPoint: Int, _ rightPoint: Int) -> Bool {
        leftFeature[leftPoint] <= rightFeature[rightPoint]
    }

    /// Features of (cluster `first`, the other cluster) with `a(p) <= b(q)` meaning the same.
    func oriented(first: Int) -> (a: [Int], b: [Int]) {
        if left == first { return (leftFeature, rightFeature) }
        return (rightFeature.map { $0 == .min ? .max : -$0 }, leftFeature.map { $0 == .min ? .max : -$0 })
    }

    static func between(_ clusters: [Cluster], _ constraints: PerpetualConstraints) -> [CrossConstraint] {
        func locate(_ thread: Int) -> Int { clusters.firstIndex { $0.members.contains(thread) }! }
        /// `values` (indexed by `thread`'s iteration) per point of `thread`'s cluster.
        func feature(_ thread: Int, _ values: [Int]) -> [Int] {
            let c = clusters[locate(thread)]
            return c.gather(values, member: c.members.firstIndex(of: thread)!)
        }
        func iterations(_ thread: Int) -> [Int] {
            let c = clusters[locate(thread)]
            let m = c.members.firstIndex(of: thread)!
            return c.identity && m == 0 ? c.rootIterations : c.iterations[m]
        }
        var result: [CrossConstraint] = []
        for b in constraints.bounds {
            let from = locate(b.from), to = locate(b.to)
            guard from != to else { continue }
            // bound[k_from] <= k_to
            result.append(CrossConstraint(left: from, right: to,
                                          leftFeature: feature(b.from, b.bound), rightFeature: iterations(b.to)))
        }
        for e in constraints.equalities {
            let from = locate(e.from), to = locate(e.to)
            guard from != to else { continue }
            let named = feature(e.from, e.target)
            let toIterations = iterations(e.to)
            result.append(CrossConstraint(left: from, right: to, leftFeature: named, rightFeature: toIterations))
            result.append(CrossConstraint(left: to, right: from, leftFeature: toIterations, rightFeature: named))
        }
        return result
    }
}
