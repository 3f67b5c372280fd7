import Litmus

/// A write as memory knows it: which write it is (for coherence and atomicity) and its value.
struct StoredWrite: Hashable, Sendable {
    /// `location` for the initial write of a location; otherwise a thread's write key, offset.
    var id: Int32
    var value: Value
}

/// A write waiting in an x86 store buffer.
struct BufferedWrite: Hashable, Sendable {
    var location: Int
    var value: Value
    /// The key of the store, to show which instruction it came from.
    var key: Int
}

/// One thread's part of a machine state.
struct ThreadState: Hashable, Sendable {
    /// The thread's paths still consistent with what it has done (bit i: path i).
    var candidates: PathSet
    /// ARMv8, per key: 0 not performed; 1 a write in memory; 2 + source id for a read.
    var done: [Int32]
    /// TSO: how many accesses have run (they run in program order).
    var executed: Int = 0
    /// TSO: the store buffer, oldest first.
    var buffer: [BufferedWrite] = []

    func isDone(_ key: Int) -> Bool { done[key] != 0 }
    /// The write a performed read took its value from.
    func source(_ key: Int) -> Int32 { done[key] - 2 }
}

/// The whole machine: shared memory and each thread.
public struct MachineState: Hashable, Sendable {
    var memory: [StoredWrite]
    var threads: [ThreadState]
}

/// A set of path indices.
struct PathSet: Hashable, Sendable, Sequence {
    private(set) var words: [UInt64]

    init(all count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
        for i in 0 ..< count { words[i / 64] |= 1 << UInt64(i % 64) }
    }

    init(count: Int, members: [Int]) {
        words = Array(repeating: 0, count: (count + 63) / 64)
        for i in members { words[i / 64] |= 1 << UInt64(i % 64) }
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
    var first: Int? { first(where: { _ in true }) }

    func makeIterator() -> AnyIterator<Int> {
        var w = 0
        var bits = words.first ?? 0
        return AnyIterator {
            while bits == 0 {
                w += 1
                guard w < words.count else { return nil }
                bits = words[w]
            }
            let b = bits.trailingZeroBitCount
            bits &= bits - 1
            return w * 64 + b
        }
    }
}
