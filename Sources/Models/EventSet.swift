/// A set of events of one execution as a bit vector: the cat language's event sets
/// (`R`, `W`, `Marked`, ...), with `|`, `&` and `-` for union, intersection and difference.
public struct EventSet: Equatable, Sendable, Sequence {
    public let size: Int
    public private(set) var words: [UInt64]

    public init(size: Int) {
        self.size = size
        words = Array(repeating: 0, count: Swift.max(1, (size + 63) >> 6))
    }

    init(size: Int, words: [UInt64]) {
        self.size = size
        self.words = words
    }

    public init(size: Int, where predicate: (Int) -> Bool) {
        self.init(size: size)
        for e in 0 ..< size where predicate(e) { insert(e) }
    }

    public static func all(size: Int) -> EventSet { EventSet(size: size) { _ in true } }

    @inlinable public func contains(_ e: Int) -> Bool { words[e >> 6] & (1 << UInt64(e & 63)) != 0 }
    public mutating func insert(_ e: Int) { words[e >> 6] |= 1 << UInt64(e & 63) }
    public mutating func remove(_ e: Int) { words[e >> 6] &= ~(1 << UInt64(e & 63)) }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    public static func | (a: EventSet, b: EventSet) -> EventSet {
        EventSet(size: a.size, words: zip(a.words, b.words).map { $0 | $1 })
    }

    public static func & (a: EventSet, b: EventSet) -> EventSet {
        EventSet(size: a.size, words: zip(a.words, b.words).map { $0 & $1 })
    }

    public static func - (a: EventSet, b: EventSet) -> EventSet {
        EventSet(size: a.size, words: zip(a.words, b.words).map { $0 & ~$1 })
    }

    /// `~S`: every event not in the set.
    public var complement: EventSet { EventSet.all(size: size) - self }

    /// `[S]` as a relation.
    public var identity: Relation { Relation(identityOn: self) }

    public func makeIterator() -> Iterator { Iterator(words: words) }

    /// Walks the set bits in increasing order.
    public struct Iterator: IteratorProtocol {
        let words: [UInt64]
        var index = 0
        var current: UInt64

        init(words: [UInt64]) {
            self.words = words
            current = words.first ?? 0
        }

        public mutating func next() -> Int? {
            while current == 0 {
                index += 1
                if index >= words.count { return nil }
                current = words[index]
            }
            let bit = current.trailingZeroBitCount
            current &= current - 1
            return (index << 6) | bit
        }
    }
}
