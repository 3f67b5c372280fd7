/// The threads of one cluster (every member's iteration follows from the root's through
/// equalities) and the checks inside it, evaluated one root iteration at a time with nothing
/// allocated per iteration or per member column. Exact: it tests each root iteration as
/// ``Cluster/build(_:_:)`` does, without materialising the columns.
///
/// The arrays' storage is read through pointers: the caller keeps `constraints` alive
/// (`withExtendedLifetime`) while it uses the chain.
struct Chain {
    /// Thread ids, root first, in the order equalities fix them.
    let members: [Int]
    private let derivedFrom: [Int], derivedTarget: [UnsafePointer<Int>]
    private let maskMember: [Int], maskBase: [UnsafePointer<Bool>]
    private let checkFrom: [Int], checkTo: [Int], checkTarget: [UnsafePointer<Int>]
    private let boundFrom: [Int], boundTo: [Int], boundBase: [UnsafePointer<Int>]
    private let n: Int

    /// The cluster rooted at `layout.clusters[index]`; constraints that leave it are ignored.
    init(_ constraints: PerpetualConstraints, _ layout: Cluster.Layout, cluster index: Int) {
        let order = layout.clusters[index].members
        members = order
        n = constraints.iterations
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var derived: [(Int, UnsafePointer<Int>)] = []
        for thread in order.dropFirst() {
            let e = constraints.equalities[layout.parent[thread]!]
            derived.append((position[e.from]!, Self.base(e.target)))
        }
        (derivedFrom, derivedTarget) = (derived.map(\.0), derived.map(\.1))
        let masks = constraints.masks.filter { position[$0.key] != nil }
        (maskMember, maskBase) = (masks.map { position[$0.key]! }, masks.map { Self.base($0.value) })
        var checks: [(Int, Int, UnsafePointer<Int>)] = []
        for (i, e) in constraints.equalities.enumerated() where layout.parent[e.to] != i {
            if let from = position[e.from], let to = position[e.to] { checks.append((from, to, Self.base(e.target))) }
        }
        (checkFrom, checkTo, checkTarget) = (checks.map(\.0), checks.map(\.1), checks.map(\.2))
        var bounds: [(Int, Int, UnsafePointer<Int>)] = []
        for b in constraints.bounds {
            if let from = position[b.from], let to = position[b.to] { bounds.append((from, to, Self.base(b.bound))) }
        }
        (boundFrom, boundTo, boundBase) = (bounds.map(\.0), bounds.map(\.1), bounds.map(\.2))
    }

    /// Root and one member fixed by it, at most one more equality and one bound between
    /// them, no mask (SB, MP, LB): counted by a loop with no inner loops. Nil otherwise.
    func countPairs() -> Int? {
        guard members.count == 2, maskMember.isEmpty, checkFrom.count <= 1, boundFrom.count <= 1,
              derivedFrom == [0] else { return nil }
        let n = n, derived = derivedTarget[0]
        // Absent checks become ones that always hold: member 0 named by the identity.
        let check = checkFrom.first.map { ($0, checkTo[0], checkTarget[0]) }
        let bound = boundFrom.first.map { ($0, boundTo[0], boundBase[0]) }
        var total = 0
        for k in 0..<n {
            let d = derived[k]
            if UInt(bitPattern: d) >= UInt(n) { continue }
            if let (from, to, target) = check, target[from == 0 ? k : d] != (to == 0 ? k : d) { continue }
            if let (from, to, least) = bound, (to == 0 ? k : d) < least[from == 0 ? k : d] { continue }
            total &+= 1
        }
        return total
    }

    /// Only the root: every root iteration is a point.
    var isBare: Bool { derivedFrom.isEmpty && maskMember.isEmpty && checkFrom.isEmpty && boundFrom.isEmpty }

    /// Fills `it` (one slot per member) from root iteration `k`; false when an equality names
    /// no iteration of the batch or a check fails.
    @inline(__always)
    func resolve(_ k: Int, _ it: UnsafeMutablePointer<Int>) -> Bool {
        it[0] = k
        for d in derivedFrom.indices {
            let value = derivedTarget[d][it[derivedFrom[d]]]
            if value < 0 || value >= n { return false }
            it[d + 1] = value
        }
        for m in maskMember.indices where !maskBase[m][it[maskMember[m]]] { return false }
        for c in checkFrom.indices where checkTarget[c][it[checkFrom[c]]] != it[checkTo[c]] { return false }
        for b in boundFrom.indices where it[boundTo[b]] < boundBase[b][it[boundFrom[b]]] { return false }
        return true
    }

    /// The array's storage (kept alive by the caller).
    static func base<T>(_ array: [T]) -> UnsafePointer<T> {
        array.withUnsafeBufferPointer { $0.baseAddress! }
    }
}

/// Counts the instances of a target whose threads form one cluster in one pass over the
/// root's iterations.
struct ChainCount {
    private let constraints: PerpetualConstraints
    private let layout: Cluster.Layout

    init(_ constraints: PerpetualConstraints, _ layout: Cluster.Layout) {
        self.constraints = constraints
        self.layout = layout
    }

    func count() -> Int {
        withExtendedLifetime(constraints) {
            let chain = Chain(constraints, layout, cluster: 0)
            if let pairs = chain.countPairs() { return pairs }
            let it = UnsafeMutablePointer<Int>.allocate(capacity: chain.members.count)
            defer { it.deallocate() }
            var total = 0
            for k in 0..<constraints.iterations where chain.resolve(k, it) { total &+= 1 }
            return total
        }
    }
}
