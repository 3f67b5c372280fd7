/// Counts a group of the histogram's states together in one pass over the iterations of one
/// *streamed* thread. The pass splits into ranges whose counts add up, so the decoding threads
/// share it evenly however few states there are, and the states share the pass's lookups.
protocol JointCount: AnyObject, Sendable {
    /// Indices into the targets given to the family's `make`, in the order `count` returns them.
    var states: [Int] { get }
    /// Per claimed state: a bound came from observer loads, so its count is a lower bound.
    var fromObservers: [Bool] { get }
    /// How reports name the method; every count returned is exact.
    var algorithm: String { get }
    /// The streamed thread's iterations: the ranges given to `count` split `0..<iterations`.
    var iterations: Int { get }
    /// Per state, the instances whose streamed iteration lies in `range`; `Int.max` when that
    /// does not fit. Called from several threads at once: it only reads.
    func count(_ range: Range<Int>) -> [Int]
}

/// The joint-count families, tried in order on the states no earlier family claimed.
enum JointCounts {
    /// A family: given every target and the indices still unclaimed, nil or a count claiming
    /// some of them. Setup (columns, tables, prefix sums) happens here, on the calling thread.
    typealias Family = (_ targets: [PerpetualTarget], _ claimable: [Int], _ batch: PerpetualBatch) -> (any JointCount)?

    static var families: [Family] {
        [
            TwoThreadCount.make,
        ]
    }

    static func find(_ targets: [PerpetualTarget], batch: PerpetualBatch) -> [any JointCount] {
        var claimable = Array(targets.indices)
        var found: [any JointCount] = []
        for family in families {
            // A family may claim several groups (states of different thread pairs).
            while !claimable.isEmpty, let joint = family(targets, claimable, batch), !joint.states.isEmpty {
                let taken = Set(joint.states)
                claimable.removeAll { taken.contains($0) }
                found.append(joint)
            }
        }
        return found
    }

    /// `ranges` pieces of `0..<n`, in order (at least one, none empty unless `n` is 0).
    static func split(_ n: Int, into ranges: Int) -> [Range<Int>] {
        let pieces = max(1, min(ranges, n))
        return (0..<pieces).map { i in (n * i / pieces)..<(n * (i + 1) / pieces) }
    }

    /// Sums counts where `Int.max` means "too many to hold": the sum saturates.
    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow || a == .max || b == .max ? .max : sum
    }
}
