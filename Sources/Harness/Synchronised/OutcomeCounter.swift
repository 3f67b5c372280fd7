/// Counts final states as fixed-width rows of raw words, with no allocation per iteration:
/// an open-addressing table that grows (rarely, between batches' iterations) when half full.
struct OutcomeCounter {
    /// Words per key.
    let width: Int
    private var capacity: Int
    private var used = 0
    /// `capacity` rows of `width` key words and one count (0 = empty row).
    private var storage: UnsafeMutablePointer<Int>

    init(width: Int, capacity: Int = 64) {
        self.width = width
        self.capacity = capacity
        storage = .allocate(capacity: capacity * (width + 1))
        storage.initialize(repeating: 0, count: capacity * (width + 1))
    }

    func deallocate() { storage.deallocate() }

    private static func hash(_ key: UnsafePointer<Int>, _ width: Int) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for k in 0..<width {
            h = (h ^ UInt64(bitPattern: Int64(key[k]))) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        return Int(truncatingIfNeeded: h)
    }

    /// The row the last key landed in: runs of one outcome skip the hash.
    private var lastRow = -1

    @inline(__always)
    private func rowMatches(_ row: UnsafeMutablePointer<Int>, _ key: UnsafePointer<Int>) -> Bool {
        for k in 0..<width where row[k] != key[k] { return false }
        return true
    }

    mutating func add(_ key: UnsafePointer<Int>, count: Int = 1) {
        if lastRow >= 0 {
            let row = storage + lastRow * (width + 1)
            if rowMatches(row, key) {
                row[width] += count
                return
            }
        }
        if (used + 1) * 2 > capacity { grow() }
        let mask = capacity - 1
        var index = Self.hash(key, width) & mask
        while true {
            let row = storage + index * (width + 1)
            if row[width] == 0 {
                row.update(from: key, count: width)
                row[width] = count
                used += 1
                lastRow = index
                return
            }
            if rowMatches(row, key) {
                row[width] += count
                lastRow = index
                return
            }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let old = self
        capacity *= 2
        used = 0
        lastRow = -1
        storage = .allocate(capacity: capacity * (width + 1))
        storage.initialize(repeating: 0, count: capacity * (width + 1))
        old.forEach { key, count in add(key, count: count) }
        old.deallocate()
    }

    func forEach(_ body: (UnsafePointer<Int>, Int) -> Void) {
        for index in 0..<capacity {
            let row = storage + index * (width + 1)
            if row[width] != 0 { body(UnsafePointer(row), row[width]) }
        }
    }
}
