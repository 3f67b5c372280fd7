/// A binary relation over the events `0..<size` of one execution, stored as a bit matrix
/// (one row of 64-bit words per event). The cat language's operators map onto methods:
/// `r | s` is ``union(_:)``, `r & s` ``intersection(_:)``, `r \ s` ``subtracting(_:)``,
/// `r ; s` ``sequence(_:)``, `r^-1` ``inverse``, `r+` ``transitiveClosure``, `r*`
/// ``reflexiveTransitiveClosure``, `[S] ; r ; [T]` ``restricted(domain:range:)``.
public struct Relation: Equatable, Sendable {
    public let size: Int
    @usableFromInline let wordsPerRow: Int
    @usableFromInline var bits: [UInt64]

    public init(size: Int) {
        self.size = size
        wordsPerRow = max(1, (size + 63) >> 6)
        bits = Array(repeating: 0, count: size * wordsPerRow)
    }

    /// The relation holding exactly `pairs`.
    public init(size: Int, pairs: some Sequence<(Int, Int)>) {
        self.init(size: size)
        for (a, b) in pairs { insert(a, b) }
    }

    /// The identity on `set`: the cat `[S]`.
    public init(identityOn set: EventSet) {
        self.init(size: set.size)
        for e in set { insert(e, e) }
    }

    /// Every pair `(a, b)` with `a` in `domain` and `b` in `range`: the cat `S * T`.
    public init(cartesian domain: EventSet, _ range: EventSet) {
        self.init(size: domain.size)
        for a in domain { orRow(a, range.words) }
    }

    @inlinable public func contains(_ a: Int, _ b: Int) -> Bool {
        bits[a * wordsPerRow + (b >> 6)] & (1 << UInt64(b & 63)) != 0
    }

    @inlinable public mutating func insert(_ a: Int, _ b: Int) {
        bits[a * wordsPerRow + (b >> 6)] |= 1 << UInt64(b & 63)
    }

    @inlinable public mutating func remove(_ a: Int, _ b: Int) {
        bits[a * wordsPerRow + (b >> 6)] &= ~(1 << UInt64(b & 63))
    }

    /// The successors of `a`.
    public func row(_ a: Int) -> EventSet {
        EventSet(size: size, words: Array(bits[a * wordsPerRow ..< (a + 1) * wordsPerRow]))
    }

    @inlinable mutating func orRow(_ a: Int, _ words: [UInt64]) {
        let base = a * wordsPerRow
        for w in 0 ..< wordsPerRow { bits[base + w] |= words[w] }
    }

    public var isEmpty: Bool {
        for word in bits where word != 0 { return false }
        return true
    }

    /// All pairs, row by row.
    public var pairs: [(Int, Int)] {
        var result: [(Int, Int)] = []
        for a in 0 ..< size { for b in row(a) { result.append((a, b)) } }
        return result
    }

    public var count: Int { bits.reduce(0) { $0 + $1.nonzeroBitCount } }

    public func union(_ other: Relation) -> Relation {
        var r = self
        for i in bits.indices { r.bits[i] |= other.bits[i] }
        return r
    }

    public func intersection(_ other: Relation) -> Relation {
        var r = self
        for i in bits.indices { r.bits[i] &= other.bits[i] }
        return r
    }

    public func subtracting(_ other: Relation) -> Relation {
        var r = self
        for i in bits.indices { r.bits[i] &= ~other.bits[i] }
        return r
    }

    public static func | (a: Relation, b: Relation) -> Relation { a.union(b) }
    public static func & (a: Relation, b: Relation) -> Relation { a.intersection(b) }
    public static func - (a: Relation, b: Relation) -> Relation { a.subtracting(b) }

    /// `self ; other`: pairs (a, c) with a → b in self and b → c in other.
    public func sequence(_ other: Relation) -> Relation {
        var r = Relation(size: size)
        let w = wordsPerRow
        bits.withUnsafeBufferPointer { lhs in
            other.bits.withUnsafeBufferPointer { rhs in
                r.bits.withUnsafeMutableBufferPointer { out in
                    for a in 0 ..< size {
                        let base = a * w
                        for word in 0 ..< w {
                            var m = lhs[base + word]
                            while m != 0 {
                                let b = (word << 6) | m.trailingZeroBitCount
                                m &= m - 1
                                let ob = b * w
                                for k in 0 ..< w { out[base + k] |= rhs[ob + k] }
                            }
                        }
                    }
                }
            }
        }
        return r
    }

    /// The cat `r1 ; r2 ; ... ; rn`.
    public static func sequence(_ relations: Relation...) -> Relation {
        relations.dropFirst().reduce(relations[0]) { $0.sequence($1) }
    }

    public var inverse: Relation {
        var r = Relation(size: size)
        let w = wordsPerRow
        for a in 0 ..< size {
            for word in 0 ..< w {
                var m = bits[a * w + word]
                while m != 0 {
                    let b = (word << 6) | m.trailingZeroBitCount
                    m &= m - 1
                    r.insert(b, a)
                }
            }
        }
        return r
    }

    /// `r+`, by Warshall's algorithm on rows.
    public var transitiveClosure: Relation {
        var r = self
        let w = wordsPerRow
        r.bits.withUnsafeMutableBufferPointer { m in
            for k in 0 ..< size {
                let kb = k * w, kw = k >> 6, kbit: UInt64 = 1 << UInt64(k & 63)
                for i in 0 ..< size where m[i * w + kw] & kbit != 0 {
                    let ib = i * w
                    for x in 0 ..< w { m[ib + x] |= m[kb + x] }
                }
            }
        }
        return r
    }

    /// `r*`.
    public var reflexiveTransitiveClosure: Relation { transitiveClosure.union(.identity(size: size)) }

    /// `r?`.
    public var reflexive: Relation { union(.identity(size: size)) }

    public static func identity(size: Int) -> Relation {
        var r = Relation(size: size)
        for e in 0 ..< size { r.insert(e, e) }
        return r
    }

    /// `[domain] ; r ; [range]`; a nil side is unrestricted.
    public func restricted(domain: EventSet? = nil, range: EventSet? = nil) -> Relation {
        var r = self
        for a in 0 ..< size {
            let base = a * wordsPerRow
            if let domain, !domain.contains(a) {
                for k in 0 ..< wordsPerRow { r.bits[base + k] = 0 }
                continue
            }
            if let range { for k in 0 ..< wordsPerRow { r.bits[base + k] &= range.words[k] } }
        }
        return r
    }

    /// The events with at least one successor.
    public var domain: EventSet {
        var s = EventSet(size: size)
        for a in 0 ..< size {
            let base = a * wordsPerRow
            for k in 0 ..< wordsPerRow where bits[base + k] != 0 { s.insert(a); break }
        }
        return s
    }

    /// The events with at least one predecessor.
    public var range: EventSet {
        var words = Array(repeating: UInt64(0), count: wordsPerRow)
        for a in 0 ..< size { for k in 0 ..< wordsPerRow { words[k] |= bits[a * wordsPerRow + k] } }
        return EventSet(size: size, words: words)
    }

    public var isIrreflexive: Bool { (0 ..< size).allSatisfy { !contains($0, $0) } }

    /// Acyclicity by repeatedly removing, all at once, the events no remaining event points to.
    public var isAcyclic: Bool {
        let w = wordsPerRow
        if w == 1 {
            var remaining: UInt64 = size == 64 ? ~0 : (1 << UInt64(size)) - 1
            return bits.withUnsafeBufferPointer { rows in
                while remaining != 0 {
                    var pointedTo: UInt64 = 0
                    var m = remaining
                    while m != 0 {
                        pointedTo |= rows[m.trailingZeroBitCount]
                        m &= m - 1
                    }
                    let next = remaining & pointedTo
                    if next == remaining { return false }
                    remaining = next
                }
                return true
            }
        }
        var remaining = EventSet.all(size: size).words
        var pointedTo = Array(repeating: UInt64(0), count: w)
        return bits.withUnsafeBufferPointer { rows in
            while remaining.contains(where: { $0 != 0 }) {
                for k in 0 ..< w { pointedTo[k] = 0 }
                for word in 0 ..< w {
                    var m = remaining[word]
                    while m != 0 {
                        let a = (word << 6) | m.trailingZeroBitCount
                        m &= m - 1
                        for k in 0 ..< w { pointedTo[k] |= rows[a * w + k] }
                    }
                }
                var changed = false
                for k in 0 ..< w {
                    let next = remaining[k] & pointedTo[k]
                    if next != remaining[k] { changed = true }
                    remaining[k] = next
                }
                if !changed { return false }
            }
            return true
        }
    }

    /// A shortest cycle of the relation as a list of events (the last one leads back to the
    /// first), or nil when the relation is acyclic.
    public func cycle() -> [Int]? {
        if isAcyclic { return nil }
        // Self loops first: the shortest possible cycle.
        for e in 0 ..< size where contains(e, e) { return [e] }
        // Kahn's algorithm finds whether a cycle exists cheaply.
        var indegree = Array(repeating: 0, count: size)
        for a in 0 ..< size { for b in row(a) { indegree[b] += 1 } }
        var queue = (0 ..< size).filter { indegree[$0] == 0 }
        var removed = 0
        while let a = queue.popLast() {
            removed += 1
            for b in row(a) {
                indegree[b] -= 1
                if indegree[b] == 0 { queue.append(b) }
            }
        }
        if removed == size { return nil }
        // Then a shortest cycle by BFS from each remaining event.
        var best: [Int]?
        for start in 0 ..< size where indegree[start] > 0 {
            if let path = shortestPath(from: start, to: start), best == nil || path.count < best!.count {
                best = path
            }
        }
        return best
    }

    /// A shortest path `from → ... → to` of at least one edge, as the list of events it visits
    /// before reaching `to` (so a cycle from `e` back to `e` is `[e, ...]`).
    public func shortestPath(from: Int, to: Int) -> [Int]? {
        var parent = Array(repeating: -1, count: size)
        var frontier = [from]
        var visited = EventSet(size: size)
        while !frontier.isEmpty {
            var next: [Int] = []
            for a in frontier {
                for b in row(a) {
                    if b == to {
                        var path = [a]
                        var c = a
                        while c != from { c = parent[c]; path.append(c) }
                        return path.reversed()
                    }
                    if !visited.contains(b) && b != from {
                        visited.insert(b)
                        parent[b] = a
                        next.append(b)
                    }
                }
            }
            frontier = next
        }
        return nil
    }
}
