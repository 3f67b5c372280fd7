/// The states whose constraints tie two threads only (SB, LB, MP, 2+2W, R, S, ...), counted
/// together in one pass over the streamed thread A's iterations `k`.
///
/// For a given `k`, each constraint confines B's iteration `q` to an interval: `q == tA[k]`
/// and `q >= bA[k]` directly; `tB[q] == k` and `bB[q] <= k` through B's column, which
/// coherence makes non-decreasing (checked: otherwise the family claims nothing), so the
/// interval's ends are two lookups in its ``Positions`` table. A state's instances with A in
/// `k` are the length of its intervals' intersection. The lookups ("cuts") are made once per
/// `k` and shared by every state; no search, no branch per constraint.
final class TwoThreadCount: JointCount, @unchecked Sendable {
    let states: [Int]
    let fromObservers: [Bool]
    let iterations: Int
    var algorithm: String { "joint interval pass over two threads, linear" }

    /// A cut taken from A's own column: `clamp(column[k] + offset, 0...n)`.
    private struct ColumnCut { var column: UnsafePointer<Int>, offset: Int }
    /// A cut through B's column: the first `q` with `column[q] >= k + offset`.
    private struct PositionCut { var table: UnsafePointer<Int32>, offset: Int }

    private let columnCuts: [ColumnCut]
    private let positionCuts: [PositionCut]
    /// Per state, `width` cut slots whose maximum is the interval's start and `width` whose
    /// minimum is its end. Slot 0 holds 0, slot 1 holds `n`, then the column cuts, then the
    /// position cuts.
    private let lower: [Int32], upper: [Int32]
    private let width: Int
    /// The arrays the cuts point into, and the tables' owner.
    private let keepAlive: [PerpetualConstraints]
    private let ordering: ColumnOrdering

    private init(states: [Int], fromObservers: [Bool], iterations: Int, columnCuts: [ColumnCut], positionCuts: [PositionCut],
                 lower: [Int32], upper: [Int32], width: Int, keepAlive: [PerpetualConstraints], ordering: ColumnOrdering) {
        self.states = states
        self.fromObservers = fromObservers
        self.iterations = iterations
        self.columnCuts = columnCuts
        self.positionCuts = positionCuts
        self.lower = lower
        self.upper = upper
        self.width = width
        self.keepAlive = keepAlive
        self.ordering = ordering
    }

    /// One constraint between the two threads, oriented from A's point of view.
    private enum Constraint {
        /// `q == target[k]` (A read B's write) or `target[q] == k` (B read A's).
        case equality(from: Int, target: [Int])
        /// `q >= bound[k]` or `k >= bound[q]`.
        case bound(from: Int, bound: [Int])
    }

    /// Claims the largest group of `claimable` states that tie the same two threads and can be
    /// oriented so that every column read on B's side is non-decreasing; nil when none can.
    static func make(targets: [PerpetualTarget], claimable: [Int], batch: PerpetualBatch) -> (any JointCount)? {
        let n = batch.iterations
        guard n > 0, n < Int(Int32.max) - 2 else { return nil }
        // States grouped by their pair of threads.
        var groups: [[Int]: [(index: Int, constraints: PerpetualConstraints)]] = [:]
        for index in claimable where !targets[index].isUnsatisfiable {
            let constraints = PerpetualConstraints(target: targets[index], batch: batch)
            let threads = constraints.threads
            guard !constraints.unsatisfiable, constraints.masks.isEmpty, threads.count == 2 else { continue }
            groups[threads, default: []].append((index, constraints))
        }
        var best: TwoThreadCount?
        for (threads, members) in groups.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            for (a, b) in [(threads[0], threads[1]), (threads[1], threads[0])] {
                guard let joint = build(a: a, b: b, members, n: n, ordering: batch.ordering) else { continue }
                if joint.states.count > (best?.states.count ?? 0) { best = joint }
            }
        }
        return best
    }

    /// The states of `members` that A = `a` streamed and B = `b` tabulated can count.
    private static func build(
        a: Int, b: Int, _ members: [(index: Int, constraints: PerpetualConstraints)], n: Int, ordering: ColumnOrdering
    ) -> TwoThreadCount? {
        var columnCuts: [ColumnCut] = [], positionCuts: [PositionCut] = []
        var columnSlot: [ColumnKey: Int] = [:], positionSlot: [ColumnKey: Int] = [:]
        struct ColumnKey: Hashable { var column: UnsafePointer<Int>, offset: Int }
        func columnCut(_ column: [Int], _ offset: Int) -> Int {
            let base = Chain.base(column)
            let key = ColumnKey(column: base, offset: offset)
            if let slot = columnSlot[key] { return slot }
            columnCuts.append(ColumnCut(column: base, offset: offset))
            columnSlot[key] = columnCuts.count - 1
            return columnCuts.count - 1
        }
        // Nil when B's column is not non-decreasing.
        func positionCut(_ column: [Int], _ offset: Int) -> Int?? {
            let base = Chain.base(column)
            let key = ColumnKey(column: base, offset: offset)
            if let slot = positionSlot[key] { return slot }
            guard ordering.isNonDecreasing(base, count: n), let table = ordering.positions(base, count: n) else { return .some(nil) }
            positionCuts.append(PositionCut(table: table, offset: offset))
            positionSlot[key] = positionCuts.count - 1
            return positionCuts.count - 1
        }
        // Per claimed state, its lower and upper cuts (column cut c: slot 2 + c; position cut
        // p: slot 2 + columnCuts + p, resolved once every cut is known).
        enum Slot { case column(Int), position(Int) }
        var claimed: [(index: Int, constraints: PerpetualConstraints, lower: [Slot], upper: [Slot])] = []
        states: for member in members {
            var lower: [Slot] = [], upper: [Slot] = []
            let c = member.constraints
            for e in c.equalities {
                if e.from == a {
                    // q == target[k]: [target, target + 1), empty when it names no iteration.
                    lower.append(.column(columnCut(e.target, 0)))
                    upper.append(.column(columnCut(e.target, 1)))
                } else {
                    // target[q] == k: q from the first with target >= k to the first with >= k + 1.
                    guard let from = positionCut(e.target, 0), let from = from,
                          let to = positionCut(e.target, 1), let to = to else { continue states }
                    lower.append(.position(from))
                    upper.append(.position(to))
                }
            }
            for bound in c.bounds {
                if bound.from == a {
                    lower.append(.column(columnCut(bound.bound, 0)))
                } else {
                    // k >= bound[q]: q up to the first with bound >= k + 1.
                    guard let to = positionCut(bound.bound, 1), let to = to else { continue states }
                    upper.append(.position(to))
                }
            }
            claimed.append((member.index, c, lower, upper))
        }
        guard !claimed.isEmpty else { return nil }
        let width = max(1, claimed.map { max($0.lower.count, $0.upper.count) }.max()!)
        func slot(_ s: Slot) -> Int32 {
            switch s {
            case let .column(c): return Int32(2 + c)
            case let .position(p): return Int32(2 + columnCuts.count + p)
            }
        }
        var lower: [Int32] = [], upper: [Int32] = []
        for state in claimed {
            lower += state.lower.map(slot) + Array(repeating: 0, count: width - state.lower.count)
            upper += state.upper.map(slot) + Array(repeating: 1, count: width - state.upper.count)
        }
        return TwoThreadCount(
            states: claimed.map(\.index), fromObservers: claimed.map(\.constraints.usesObservers), iterations: n,
            columnCuts: columnCuts, positionCuts: positionCuts, lower: lower, upper: upper, width: width,
            keepAlive: claimed.map(\.constraints), ordering: ordering)
    }

    func count(_ range: Range<Int>) -> [Int] {
        let n = iterations, width = width, stateCount = states.count
        let columnCount = columnCuts.count, positionCount = positionCuts.count
        let cuts = UnsafeMutablePointer<Int>.allocate(capacity: 2 + columnCount + positionCount)
        defer { cuts.deallocate() }
        cuts[0] = 0
        cuts[1] = n
        var totals = [Int](repeating: 0, count: stateCount)
        withExtendedLifetime(keepAlive) {
            columnCuts.withUnsafeBufferPointer { columnCuts in
            positionCuts.withUnsafeBufferPointer { positionCuts in
            lower.withUnsafeBufferPointer { lower in
            upper.withUnsafeBufferPointer { upper in
            totals.withUnsafeMutableBufferPointer { totals in
                let columnSlots = cuts + 2, positionSlots = cuts + 2 + columnCount
                for k in range {
                    for c in 0..<columnCount {
                        // Wrapping: Int.max + 1 (a bound of "never") clamps to 0, an empty interval.
                        let value = columnCuts[c].column[k] &+ columnCuts[c].offset
                        columnSlots[c] = min(max(value, 0), n)
                    }
                    for p in 0..<positionCount {
                        positionSlots[p] = Int(positionCuts[p].table[k &+ positionCuts[p].offset &+ 1])
                    }
                    var base = 0
                    for s in 0..<stateCount {
                        var lo = cuts[Int(lower[base])], hi = cuts[Int(upper[base])]
                        var j = 1
                        while j < width {
                            lo = max(lo, cuts[Int(lower[base &+ j])])
                            hi = min(hi, cuts[Int(upper[base &+ j])])
                            j &+= 1
                        }
                        totals[s] &+= max(0, hi &- lo)
                        base &+= width
                    }
                }
            }
            }
            }
            }
            }
        }
        return totals
    }
}
