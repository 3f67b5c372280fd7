/// Counts the instances of a target whose threads form one cluster (every thread's iteration
/// follows from the root's through equalities) in one pass over the root's iterations: each
/// member's iteration is looked up, then every mask, remaining equality and bound is checked,
/// with nothing allocated per iteration or per member column. Exact: it tests each root
/// iteration as ``Cluster/build(_:_:)`` does, without materialising the columns.
struct ChainCount {
    private let constraints: PerpetualConstraints
    /// Per member after the root: the member index its iteration is read from, and how.
    private var derived: [(from: Int, target: [Int])] = []
    private var masks: [(member: Int, mask: [Bool])] = []
    private var checks: [(from: Int, to: Int, target: [Int])] = []
    private var bounds: [(from: Int, to: Int, bound: [Int])] = []
    private let members: Int

    init(_ constraints: PerpetualConstraints, _ layout: Cluster.Layout) {
        self.constraints = constraints
        let order = layout.clusters[0].members
        members = order.count
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for thread in order.dropFirst() {
            let e = constraints.equalities[layout.parent[thread]!]
            derived.append((position[e.from]!, e.target))
        }
        for (thread, mask) in constraints.masks { masks.append((position[thread]!, mask)) }
        for (index, e) in constraints.equalities.enumerated() where layout.parent[e.to] != index {
            checks.append((position[e.from]!, position[e.to]!, e.target))
        }
        for b in constraints.bounds { bounds.append((position[b.from]!, position[b.to]!, b.bound)) }
    }

    func count() -> Int {
        let n = constraints.iterations
        // Flat views of the arrays for the loop; `self` keeps them alive throughout.
        return withExtendedLifetime(self) {
            let derivedFrom = derived.map(\.from), derivedTarget = derived.map { Self.base($0.target) }
            let maskMember = masks.map(\.member), maskBase = masks.map { Self.base($0.mask) }
            let checkFrom = checks.map(\.from), checkTo = checks.map(\.to), checkTarget = checks.map { Self.base($0.target) }
            let boundFrom = bounds.map(\.from), boundTo = bounds.map(\.to), boundBase = bounds.map { Self.base($0.bound) }
            var iteration = [Int](repeating: 0, count: members)
            var total = 0
            iteration.withUnsafeMutableBufferPointer { it in
                roots: for k in 0..<n {
                    it[0] = k
                    for d in derivedFrom.indices {
                        let value = derivedTarget[d][it[derivedFrom[d]]]
                        if value < 0 || value >= n { continue roots }
                        it[d + 1] = value
                    }
                    for m in maskMember.indices where !maskBase[m][it[maskMember[m]]] { continue roots }
                    for c in checkFrom.indices where checkTarget[c][it[checkFrom[c]]] != it[checkTo[c]] { continue roots }
                    for b in boundFrom.indices where it[boundTo[b]] < boundBase[b][it[boundFrom[b]]] { continue roots }
                    total &+= 1
                }
            }
            return total
        }
    }

    /// The array's storage (kept alive by the caller).
    private static func base<T>(_ array: [T]) -> UnsafePointer<T> {
        array.withUnsafeBufferPointer { $0.baseAddress! }
    }
}
