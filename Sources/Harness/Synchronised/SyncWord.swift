import Barriers

/// A counter on its own cache line, for threads to publish progress and meet at batch ends.
/// Accessed only through the `Barriers` library like everything the threads share.
struct SyncWords: @unchecked Sendable {
    static let wordsPerLine = 16  // 128 bytes: a line and its prefetch buddy

    private let words: UnsafeMutablePointer<Int>
    let count: Int

    init(count: Int) {
        self.count = count
        words = .allocate(capacity: count * Self.wordsPerLine)
        words.initialize(repeating: 0, count: count * Self.wordsPerLine)
    }

    func deallocate() { words.deallocate() }

    @inline(__always)
    func pointer(_ index: Int) -> UnsafeMutablePointer<Int> { words + index * Self.wordsPerLine }

    @inline(__always)
    func read(_ index: Int) -> Int { READ_ONCE(pointer(index)) }

    @inline(__always)
    func write(_ index: Int, _ value: Int) { WRITE_ONCE(pointer(index), value) }

    @inline(__always)
    func increment(_ index: Int) { _ = atomic_fetch_add(pointer(index), 1, .full) }
}
