/// The states whose constraints tie two threads only (SB, LB, MP, 2+2W, R, S, ...), counted
/// together in one pass over the streamed thread A's iterations `k`.
///
/// For a given `k`, each constraint confines B's iteration `q` to an interval: `q == tA[k]`
/// and `q >= bA[k]` directly; `tB[q] == k` and `bB[q] <= k` through B's column, which
/// coherence makes non-decreasing (checked: otherwise the family claims nothing), so the
/// interval's ends are counts of B's values below `k` or `k + 1`. A state's instances with A
/// in `k` are the length of its intervals' intersection. Blocks of `k` are done at a time:
/// the cuts of a block are computed once for every state (B's counts by a histogram of the
/// block's values), then each state is a few branch-free passes over buffers in the L1 cache.
final class TwoThreadCount: JointCount, @unchecked Sendable {
    let states: [Int]
    let fromObservers: [Bool]
    let iterations: Int
    var algorithm: String { "joint interval pass over two threads, linear" }

    /// A cut taken from A's own column: `clamp(column[k] + offset, 0...n)`.
    private struct ColumnCut { var column: UnsafePointer<Int>, offset: Int }
    /// A cut through B's column: the first `q` with `column[q] >= k + offset`.
    private struct PositionCut { var column: UnsafePointer<Int>, offset: Int }

    private let columnCuts: [ColumnCut]
    private let positionCuts: [PositionCut]
    /// Per state, `width` cut slots whose maximum is the interval's start and `width` whose
    /// minimum is its end. Slot 0 holds 0, slot 1 holds `n`, then the column cuts, then the
    /// position cuts.
    private let lower: [Int32], upper: [Int32]
    let width: Int
    /// The arrays the cuts point into.
    private let keepAlive: [PerpetualConstraints]
    /// B's columns searched, each once however many offsets use it: from its least offset
    /// `low`, over `span` more.
    private let searched: [(column: UnsafePointer<Int>, low: Int, span: Int)]
    /// Per position cut, its searched column and where in that column's positions it reads.
    private let positionSources: [(searched: Int, entry: Int)]
    /// Column cuts grouped by the column they read.
    private let cutsByColumn: [(column: UnsafePointer<Int>, cuts: [Int])]

    private init(states: [Int], fromObservers: [Bool], iterations: Int, columnCuts: [ColumnCut], positionCuts: [PositionCut],
                 lower: [Int32], upper: [Int32], width: Int, keepAlive: [PerpetualConstraints]) {
        self.states = states
        self.fromObservers = fromObservers
        self.iterations = iterations
        self.columnCuts = columnCuts
        self.positionCuts = positionCuts
        self.lower = lower
        self.upper = upper
        self.width = width
        self.keepAlive = keepAlive
        var searched: [(column: UnsafePointer<Int>, low: Int, span: Int)] = []
        for cut in positionCuts where !searched.contains(where: { $0.column == cut.column }) {
            let offsets = positionCuts.filter { $0.column == cut.column }.map(\.offset)
            searched.append((cut.column, offsets.min()!, offsets.max()! - offsets.min()!))
        }
        self.searched = searched
        positionSources = positionCuts.map { cut in
            let s = searched.firstIndex { $0.column == cut.column }!
            return (s, cut.offset - searched[s].low)
        }
        var cutsByColumn: [(column: UnsafePointer<Int>, cuts: [Int])] = []
        for (c, cut) in columnCuts.enumerated() {
            if let g = cutsByColumn.firstIndex(where: { $0.column == cut.column }) { cutsByColumn[g].cuts.append(c) }
            else { cutsByColumn.append((cut.column, [c])) }
        }
        self.cutsByColumn = cutsByColumn
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
        let candidates = claimable.filter { !targets[$0].isUnsatisfiable }.map { index in
            (index: index, constraints: PerpetualConstraints(target: targets[index], batch: batch))
        }
        return claim(candidates, n: batch.iterations, ordering: batch.ordering)
    }

    /// ``make(targets:claimable:batch:)`` on states already turned into constraints.
    static func claim(_ candidates: [(index: Int, constraints: PerpetualConstraints)], n: Int, ordering: ColumnOrdering) -> TwoThreadCount? {
        guard n > 0, n < Int(Int32.max) - 2 else { return nil }
        // States grouped by their pair of threads.
        var groups: [[Int]: [(index: Int, constraints: PerpetualConstraints)]] = [:]
        for candidate in candidates {
            let constraints = candidate.constraints
            let threads = constraints.threads
            guard !constraints.unsatisfiable, constraints.masks.isEmpty, threads.count == 2 else { continue }
            groups[threads, default: []].append(candidate)
        }
        var best: TwoThreadCount?
        for (threads, members) in groups.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            // States that are one chain once sinks are weighted are as fast one at a time (one
            // fused loop each): the joint pass pays where some state needs the two-cluster sweep.
            guard members.contains(where: { needsSweep($0.constraints) }) else { continue }
            // The orientation with fewer of B's columns to search first (a column of A's is
            // read once, one of B's is checked for order and histogrammed too); the other only
            // when the first leaves states out.
            let orientations = [(threads[0], threads[1]), (threads[1], threads[0])]
                .sorted { searchedColumns(b: $0.1, members) < searchedColumns(b: $1.1, members) }
            for (a, b) in orientations {
                guard let joint = build(a: a, b: b, members, n: n, ordering: ordering) else { continue }
                if joint.states.count > (best?.states.count ?? 0) { best = joint }
                if joint.states.count == members.count { break }
            }
        }
        return best
    }

    /// Whether both threads constrain each other's iteration (neither is a *sink*, only ever
    /// bounded from below), so that counting the state alone takes the two-cluster sweep.
    static func needsSweep(_ constraints: PerpetualConstraints) -> Bool {
        var constrained = Set(constraints.masks.keys)
        for e in constraints.equalities { constrained.insert(e.from); constrained.insert(e.to) }
        for b in constraints.bounds { constrained.insert(b.from) }
        let sinks = Set(constraints.threads).subtracting(constrained)
        return Cluster.Layout(constraints).clusters.filter { !sinks.contains($0.root) }.count > 1
    }

    /// How many distinct columns of thread `b` the states' constraints read.
    private static func searchedColumns(b: Int, _ members: [(index: Int, constraints: PerpetualConstraints)]) -> Int {
        var columns: Set<UnsafePointer<Int>> = []
        for member in members {
            for e in member.constraints.equalities where e.from == b { columns.insert(Chain.base(e.target)) }
            for bound in member.constraints.bounds where bound.from == b { columns.insert(Chain.base(bound.bound)) }
        }
        return columns.count
    }

    /// The states of `members` that A = `a` streamed and B = `b` tabulated can count.
    private static func build(
        a: Int, b: Int, _ members: [(index: Int, constraints: PerpetualConstraints)], n: Int, ordering: ColumnOrdering
    ) -> TwoThreadCount? {
        var columnCuts: [ColumnCut] = [], positionCuts: [PositionCut] = []
        var columnSlot: [ColumnKey: Int] = [:], positionSlot: [ColumnKey: Int] = [:]
        struct ColumnKey: Hashable { var column: UnsafePointer<Int>, offset: Int }
        // A column that is another plus one (a load's next iteration, no stray value) is cut
        // through that other: its values are read once, and the cuts of both dedupe.
        func columnCut(_ column: [Int], _ offset: Int) -> Int {
            var (base, offset) = (Chain.base(column), offset)
            if let predecessor = ordering.predecessor(of: base) { (base, offset) = (predecessor, offset + 1) }
            let key = ColumnKey(column: base, offset: offset)
            if let slot = columnSlot[key] { return slot }
            columnCuts.append(ColumnCut(column: base, offset: offset))
            columnSlot[key] = columnCuts.count - 1
            return columnCuts.count - 1
        }
        // Nil when B's column is not non-decreasing.
        func positionCut(_ column: [Int], _ offset: Int) -> Int?? {
            // next[q] >= t exactly when column[q] >= t - 1.
            var (base, offset) = (Chain.base(column), offset)
            if let predecessor = ordering.predecessor(of: base) { (base, offset) = (predecessor, offset - 1) }
            let key = ColumnKey(column: base, offset: offset)
            if let slot = positionSlot[key] { return slot }
            guard ordering.isNonDecreasing(base, count: n) else { return .some(nil) }
            positionCuts.append(PositionCut(column: base, offset: offset))
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
            keepAlive: claimed.map(\.constraints))
    }

    /// Iterations of A handled per block: every buffer of a block stays in the L1 cache.
    static let block = 1024

    func count(_ range: Range<Int>) -> [Int] {
        let n = iterations, block = Self.block
        let columnCount = columnCuts.count
        // Buffers: constants 0 and n, each column cut, each searched column's positions
        // (entry j: B's iterations whose value is below `k0 + low + j`), then lo and hi.
        let stride = block + 2 + (searched.map(\.span).max() ?? 0)
        let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: (4 + columnCount + searched.count) * stride)
        defer { buffer.deallocate() }
        let zeros = buffer, ends = buffer + stride
        zeros.initialize(repeating: 0, count: stride)
        ends.initialize(repeating: Int32(n), count: stride)
        let columnBuffers = buffer + 2 * stride
        let positionBuffers = columnBuffers + columnCount * stride
        let lo = positionBuffers + searched.count * stride, hi = lo + stride
        // Every slot as the buffer read at a block's index i.
        var sources: [UnsafePointer<Int32>] = [UnsafePointer(zeros), UnsafePointer(ends)]
        sources += (0..<columnCount).map { UnsafePointer(columnBuffers + $0 * stride) }
        sources += positionSources.map { UnsafePointer(positionBuffers + $0.searched * stride + $0.entry) }
        let lower = lower.map { sources[Int($0)] }, upper = upper.map { sources[Int($0)] }
        let width = width, stateCount = states.count
        // Per searched column, B's iterations whose value is below the block's first A iteration.
        var below = searched.map { Self.countBelow($0.column, n, range.lowerBound + $0.low) }
        var totals = [Int](repeating: 0, count: stateCount)
        withExtendedLifetime(keepAlive) {
            var k0 = range.lowerBound
            while k0 < range.upperBound {
                let length = min(block, range.upperBound - k0)
                // Wrapping: Int.max + 1 (a bound of "never") clamps to 0, an empty interval.
                @inline(__always) func clamped(_ value: Int) -> Int32 { Int32(truncatingIfNeeded: min(max(value, 0), n)) }
                for (column, cuts) in cutsByColumn {
                    let values = column + k0
                    if cuts.count == 2 {
                        // A column's two cuts (an equality's ends) from one read of it.
                        let (c0, c1) = (cuts[0], cuts[1])
                        let (into0, into1) = (columnBuffers + c0 * stride, columnBuffers + c1 * stride)
                        let (offset0, offset1) = (columnCuts[c0].offset, columnCuts[c1].offset)
                        for i in 0..<length {
                            let value = values[i]
                            into0[i] = clamped(value &+ offset0)
                            into1[i] = clamped(value &+ offset1)
                        }
                        continue
                    }
                    for c in cuts {
                        let into = columnBuffers + c * stride, offset = columnCuts[c].offset
                        for i in 0..<length { into[i] = clamped(values[i] &+ offset) }
                    }
                }
                for (s, column) in searched.enumerated() {
                    below[s] = Self.positions(column.column, n, from: k0 + column.low, length + column.span, below: below[s],
                                              next: length, into: positionBuffers + s * stride)
                }
                var base = 0
                for state in 0..<stateCount {
                    // Two cuts a side (the commonest) in one pass; more folded in first.
                    let (l0, h0) = (lower[base], upper[base])
                    let (l1, h1) = width > 1 ? (lower[base + 1], upper[base + 1]) : (l0, h0)
                    var (l, h) = (l1, h1)
                    if width > 2 {
                        for i in 0..<length { lo[i] = max(l1[i], lower[base + 2][i]); hi[i] = min(h1[i], upper[base + 2][i]) }
                        for j in 3..<max(3, width) {
                            let (lj, hj) = (lower[base + j], upper[base + j])
                            for i in 0..<length { lo[i] = max(lo[i], lj[i]); hi[i] = min(hi[i], hj[i]) }
                        }
                        (l, h) = (UnsafePointer(lo), UnsafePointer(hi))
                    }
                    var sum = 0
                    for i in 0..<length { sum &+= Int(max(0, min(h0[i], h[i]) &- max(l0[i], l[i]))) }
                    totals[state] &+= sum
                    base += width
                }
                k0 += length
            }
        }
        return totals
    }

    /// B's iterations `q` whose `column[q]` (non-decreasing) is below `t`.
    private static func countBelow(_ column: UnsafePointer<Int>, _ n: Int, _ t: Int) -> Int {
        var lo = 0, hi = n
        while lo < hi {
            let mid = (lo + hi) / 2
            if column[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Fills `into[i]` for `i` in `0...count` with the number of B's iterations whose value is
    /// below `k0 + i`, given `below` of them below `k0`, and returns the number below
    /// `k0 + next` (the next block's start). Each value in range stores its iteration + 1 at
    /// its slot (stores only: repeated values form no chain of increments), then a running
    /// maximum fills the slots between.
    private static func positions(
        _ column: UnsafePointer<Int>, _ n: Int, from k0: Int, _ count: Int, below: Int, next: Int,
        into: UnsafeMutablePointer<Int32>
    ) -> Int {
        into.update(repeating: 0, count: count + 1)
        var q = below
        let limit = k0 &+ count
        while q < n && column[q] < limit {
            into[column[q] &- k0 &+ 1] = Int32(truncatingIfNeeded: q &+ 1)
            q &+= 1
        }
        var running = Int32(truncatingIfNeeded: below)
        for i in 0...count {
            running = max(running, into[i])
            into[i] = running
        }
        return Int(into[next])
    }
}
