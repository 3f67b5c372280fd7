/// Counts every state of the "two readers, writers as sinks" family (IRIW's shape) in one pass
/// over the iterations of one reader.
///
/// A claimed state's threads are two readers, A (streamed) and B (tabulated), and at most two
/// writers; every equality and bound goes from a reader to a writer, and there is no mask.
/// With the writers eliminated, a state counts `Σ_{kA, kB} Π_w f_w`, where `f_w` is how many
/// iterations of writer `w` meet the state's constraints on it: 0 or 1 when an equality
/// determines it, else the room `N - clamp(max bounds, 0...N)`. For a fixed `kA` and B's
/// columns non-decreasing (coherence makes them so on hardware), each `f_w` along `kB` is 0
/// outside one interval and inside it a constant up to a cut point, then `room(B's bound)`.
/// So per `kA` a few cut points (one position-table load each, shared by the states) and
/// prefix sums over `kB` of the rooms and of their product give every state in O(1).
/// Sums are taken modulo 2^64 (one `kA`'s term is at most N^3, exact while N^3 < 2^64) and
/// accumulated in 128 bits per state; a count past `Int.max` is returned as `Int.max`.
///
/// Not claimed (the per-state path counts them): masks, a writer that is the `from` of a
/// constraint, three or more writers, a writer with two equalities from B or an equality
/// and a bound from B, B's columns not non-decreasing in either orientation, batches past
/// 2,000,000 iterations.
final class ReaderPairCount: JointCount, @unchecked Sendable {
    let states: [Int]
    let fromObservers: [Bool]
    static let method = "joint sweep of two readers with the writers weighted, linear"
    var algorithm: String { Self.method }
    var iterations: Int { n }

    private let n: Int
    private let specs: [Spec]
    private let pairs: [Pair]
    /// Keeps the columns read through pointers alive: constraints, batch (and its tables).
    private let kept: [PerpetualConstraints]
    private let batch: PerpetualBatch
    private var ownedColumns: [UnsafeMutablePointer<Int>] = []
    private var ownedTables: [UnsafeMutablePointer<Int32>] = []

    /// How a writer's factor depends on `kB`, by what constrains it from each reader.
    enum Kind {
        /// Equalities from A and B: 1 where B names A's iteration `e` (`kB` in one interval).
        case meet
        /// Equality from A, bounds from B: 1 while B's bound is at most `e` (a prefix).
        case within
        /// Equality from A only: 1 or 0 for every `kB`.
        case named
        /// Equality from B only: 1 where B names an iteration at least A's bound.
        case reached
        /// Bounds from both or B only: `room(A's bound)` up to the cut, `room(B's)` after.
        case step
        /// Bounds from A only (or nothing): `room(A's bound)` for every `kB`.
        case constant
        /// No writer: 1 (a state with one writer).
        case unit
    }

    /// One writer's factor as its state's constraints shape it; shared by states alike.
    struct Spec {
        var kind: Kind
        /// A's equality columns (all must agree) and bound columns (their maximum counts).
        var equalities: [UnsafePointer<Int>]
        var bounds: [UnsafePointer<Int>]
        /// B's column (equality target or the maximum of its bounds) and its position table.
        var column: UnsafePointer<Int>?
        var positions: UnsafePointer<Int32>?
        /// Prefix sums of `room(column)` (step only).
        var sums: UnsafePointer<Int>?
        var isStep: Bool { kind == .step }
        /// Its factor `a` may be other than 0 or 1.
        var isWeighted: Bool { kind == .step || kind == .constant }
    }

    /// One state: its two writers' specs (a flat one first, an indicator before a weighted
    /// one) and the sums of both rooms.
    struct Pair {
        var first: Int, second: Int
        var both: UnsafePointer<Int>?
        var kind: PairKind = .indicators
    }

    /// Which loop counts a pair: the cheaper, the more is known of its factors.
    enum PairKind {
        /// Two indicators: the overlap of two intervals (at most n per A iteration).
        case indicators
        /// An indicator and a weighted constant (at most n^2).
        case indicatorWeighted
        /// Two weighted constants (at most n^3).
        case weighted
        /// An indicator and a step (at most n^2).
        case indicatorStep
        /// A weighted constant and a step (at most n^3).
        case weightedStep
        /// Two steps (at most n^3).
        case steps
    }

    private init(states: [Int], fromObservers: [Bool], n: Int, specs: [Spec], pairs: [Pair], kept: [PerpetualConstraints], batch: PerpetualBatch,
                 ownedColumns: [UnsafeMutablePointer<Int>], ownedTables: [UnsafeMutablePointer<Int32>]) {
        self.states = states
        self.fromObservers = fromObservers
        self.n = n
        self.specs = specs
        self.pairs = pairs
        self.kept = kept
        self.batch = batch
        self.ownedColumns = ownedColumns
        self.ownedTables = ownedTables
    }

    deinit {
        ownedColumns.forEach { $0.deallocate() }
        ownedTables.forEach { $0.deallocate() }
    }

    /// The claimable states of the family sharing the reader pair and orientation that claims
    /// the most; nil when none is.
    static func make(targets: [PerpetualTarget], claimable: [Int], batch: PerpetualBatch) -> ReaderPairCount? {
        guard batch.iterations > 0, batch.iterations <= 2_000_000 else { return nil }
        // Only reads by threads that do not write the location read can fit (a final value
        // makes a writer the `from` of bounds, a read of one's own location a mask): no
        // constraints are built for the other states.
        let shape = batch.shape
        let candidates = claimable.filter { index in
            !targets[index].isUnsatisfiable && targets[index].atoms.allSatisfy { atom in
                guard case let .read(site, _) = atom else { return false }
                return !shape.writers(of: site.location).contains(site.thread)
            }
        }
        return make(candidates.map { ($0, PerpetualConstraints(target: targets[$0], batch: batch)) }, batch: batch)
    }

    /// The same from the states' constraints (`index` names each state in `states`).
    static func make(_ constraints: [(index: Int, constraints: PerpetualConstraints)], batch: PerpetualBatch) -> ReaderPairCount? {
        let n = batch.iterations
        guard n > 0, n <= 2_000_000 else { return nil }
        var shapes: [(index: Int, constraints: PerpetualConstraints, readers: [Int], writers: [Int])] = []
        for (index, c) in constraints {
            if let (readers, writers) = Self.roles(c) { shapes.append((index, c, readers, writers)) }
        }
        // Which columns never decrease and their position tables: the batch's ordering knows
        // its own columns' order from decoding and shares a column's table with its successor's.
        let ordering = batch.ordering
        func monotone(_ column: UnsafePointer<Int>) -> Bool { ordering.isNonDecreasing(column, count: n) }
        // Group by reader pair; each orientation's claim needs B's columns non-decreasing.
        var best: (count: Int, a: Int, b: Int) = (0, 0, 0)
        var seen = Set<[Int]>()
        for shape in shapes where seen.insert(shape.readers).inserted {
            let group = shapes.filter { $0.readers == shape.readers }
            for (a, b) in [(shape.readers[0], shape.readers[1]), (shape.readers[1], shape.readers[0])] {
                let count = group.filter { tabulable($0.constraints, b: b, n: n, monotone) }.count
                if count > best.count { best = (count, a, b) }
                // Every state fits this way round: the other's columns need no check.
                if count == group.count { break }
            }
        }
        guard best.count > 0 else { return nil }
        let (a, b) = (best.a, best.b)
        let chosen = shapes.filter { Set($0.readers) == [a, b] && tabulable($0.constraints, b: b, n: n, monotone) }

        var ownedColumns: [UnsafeMutablePointer<Int>] = []
        var specs: [Spec] = [Spec(kind: .unit, equalities: [], bounds: [])]
        var pairs: [Pair] = []
        var states: [Int] = []
        var fromObservers: [Bool] = []
        /// B's bound column for a writer: the batch's own, or the maximum of several (owned).
        func boundColumn(_ columns: [[Int]]) -> UnsafePointer<Int> {
            if columns.count == 1 { return Chain.base(columns[0]) }
            let column = UnsafeMutablePointer<Int>.allocate(capacity: n)
            column.initialize(from: columns[0], count: n)
            for other in columns.dropFirst() { for k in 0..<n { column[k] = max(column[k], other[k]) } }
            ownedColumns.append(column)
            return UnsafePointer(column)
        }
        var ownedTables: [UnsafeMutablePointer<Int32>] = []
        func positions(_ column: UnsafePointer<Int>) -> UnsafePointer<Int32>? {
            guard ownedColumns.contains(where: { UnsafePointer($0) == column }) else { return ordering.positions(column, count: n) }
            guard let table = Positions.build(column, count: n) else { return nil }
            ownedTables.append(table)
            return UnsafePointer(table)
        }
        func specIndex(_ spec: Spec) -> Int {
            if let i = specs.firstIndex(where: {
                $0.kind == spec.kind && $0.equalities == spec.equalities && $0.bounds == spec.bounds && $0.column == spec.column
            }) { return i }
            specs.append(spec)
            return specs.count - 1
        }
        for shape in chosen {
            let c = shape.constraints
            var indices: [Int] = []
            for w in shape.writers {
                let aEqualities = c.equalities.filter { $0.from == a && $0.to == w }.map { Chain.base($0.target) }
                let aBounds = c.bounds.filter { $0.from == a && $0.to == w }.map { Chain.base($0.bound) }
                let bEquality = c.equalities.first { $0.from == b && $0.to == w }
                let bBounds = c.bounds.filter { $0.from == b && $0.to == w }.map(\.bound)
                var spec = Spec(kind: .constant, equalities: aEqualities, bounds: aBounds)
                if let bEquality {
                    spec.kind = aEqualities.isEmpty ? .reached : .meet
                    spec.column = Chain.base(bEquality.target)
                } else if !bBounds.isEmpty {
                    spec.kind = aEqualities.isEmpty ? .step : .within
                    spec.column = boundColumn(bBounds)
                } else {
                    spec.kind = aEqualities.isEmpty ? .constant : .named
                }
                indices.append(specIndex(spec))
            }
            if indices.count == 1 { indices.insert(0, at: 0) }
            // A flat factor first, an indicator before a weighted one.
            func rank(_ spec: Spec) -> Int { spec.isStep ? 2 : spec.isWeighted ? 1 : 0 }
            if rank(specs[indices[0]]) > rank(specs[indices[1]]) { indices.swapAt(0, 1) }
            var pair = Pair(first: indices[0], second: indices[1])
            switch (rank(specs[indices[0]]), rank(specs[indices[1]])) {
            case (0, 0): pair.kind = .indicators
            case (0, 1): pair.kind = .indicatorWeighted
            case (1, 1): pair.kind = .weighted
            case (0, 2): pair.kind = .indicatorStep
            case (1, 2): pair.kind = .weightedStep
            default: pair.kind = .steps
            }
            pairs.append(pair)
            states.append(shape.index)
            fromObservers.append(c.usesObservers)
        }
        // Room sums: a pair of steps' columns in one pass with both columns' own sums, then
        // the other steps' columns. Built on a helper thread (it inherits the caller's CPUs:
        // a decoding pinned to a spare CPU stays there) while this one builds the tables.
        var sums: [UnsafePointer<Int>: UnsafePointer<Int>] = [:]
        var jobs: [(first: UnsafePointer<Int>, second: UnsafePointer<Int>?, one: UnsafeMutablePointer<Int>?,
                    other: UnsafeMutablePointer<Int>?, both: UnsafeMutablePointer<Int>?)] = []
        func allocate() -> UnsafeMutablePointer<Int> {
            let sum = UnsafeMutablePointer<Int>.allocate(capacity: n + 1)
            ownedColumns.append(sum)
            return sum
        }
        for p in pairs.indices where pairs[p].kind == .steps {
            let first = specs[pairs[p].first].column!, second = specs[pairs[p].second].column!
            let both = allocate()
            let one = sums[first] == nil ? allocate() : nil, other = sums[second] == nil ? allocate() : nil
            jobs.append((first, second, one, other, both))
            pairs[p].both = UnsafePointer(both)
            if let one { sums[first] = UnsafePointer(one) }
            if let other { sums[second] = UnsafePointer(other) }
        }
        for s in specs.indices where specs[s].isStep {
            let column = specs[s].column!
            if sums[column] == nil {
                let one = allocate()
                jobs.append((column, nil, one, nil, nil))
                sums[column] = UnsafePointer(one)
            }
            specs[s].sums = sums[column]
        }
        var complete = true
        func takeTables() {
            for s in specs.indices {
                guard let column = specs[s].column else { continue }
                if let i = specs.firstIndex(where: { $0.column == column && $0.positions != nil }) {
                    specs[s].positions = specs[i].positions
                } else if let table = positions(column) {
                    specs[s].positions = table
                } else {
                    complete = false
                }
            }
        }
        // The caller usually takes job 0 (the tables) and the helper job 1 (the sums).
        _ = DecodingLanes.run(jobs.isEmpty ? 1 : 2, jobs: jobs.isEmpty ? 1 : 2, pin: nil) { _, job in
            if job == 0 { takeTables() } else { for job in jobs { roomSums(job.first, job.second, n, job.one, job.other, job.both) } }
        }
        guard complete, !states.isEmpty else {
            ownedColumns.forEach { $0.deallocate() }
            ownedTables.forEach { $0.deallocate() }
            return nil
        }
        return ReaderPairCount(states: states, fromObservers: fromObservers, n: n, specs: specs, pairs: pairs, kept: chosen.map(\.constraints), batch: batch,
                               ownedColumns: ownedColumns, ownedTables: ownedTables)
    }

    /// Prefix sums (`n + 1` entries, modulo 2^64) of `room(first)`, `room(second)` and their
    /// product over B's iterations, in one pass; each output only when asked for.
    private static func roomSums(
        _ first: UnsafePointer<Int>, _ second: UnsafePointer<Int>?, _ n: Int,
        _ one: UnsafeMutablePointer<Int>?, _ other: UnsafeMutablePointer<Int>?, _ both: UnsafeMutablePointer<Int>?
    ) {
        var (s1, s2, s12) = (0, 0, 0)
        one?[0] = 0; other?[0] = 0; both?[0] = 0
        let second = second ?? first
        for k in 0..<n {
            let r1 = n &- min(max(first[k], 0), n), r2 = n &- min(max(second[k], 0), n)
            s1 &+= r1; s2 &+= r2; s12 &+= r1 &* r2
            one?[k &+ 1] = s1
            other?[k &+ 1] = s2
            both?[k &+ 1] = s12
        }
    }

    /// The state's two readers (sorted) and its writers, when it belongs to the family.
    private static func roles(_ c: PerpetualConstraints) -> (readers: [Int], writers: [Int])? {
        guard !c.unsatisfiable, c.masks.isEmpty else { return nil }
        let from = Set(c.equalities.map(\.from) + c.bounds.map(\.from))
        let to = Set(c.equalities.map(\.to) + c.bounds.map(\.to))
        guard from.isDisjoint(with: to), (1...2).contains(to.count) else { return nil }
        let readers = c.threads.filter { !to.contains($0) }
        guard readers.count == 2, from.isSubset(of: readers) else { return nil }
        return (readers, to.sorted())
    }

    /// Whether B's side of every writer fits: at most one equality and then no bound, and
    /// each column B contributes non-decreasing.
    private static func tabulable(_ c: PerpetualConstraints, b: Int, n: Int, _ monotone: (UnsafePointer<Int>) -> Bool) -> Bool {
        for w in Set(c.equalities.map(\.to) + c.bounds.map(\.to)) {
            let equalities = c.equalities.filter { $0.from == b && $0.to == w }
            let bounds = c.bounds.filter { $0.from == b && $0.to == w }
            if equalities.count > 1 || (equalities.count == 1 && !bounds.isEmpty) { return false }
            for column in equalities.map(\.target) + bounds.map(\.bound) {
                guard column.count == n, monotone(Chain.base(column)) else { return false }
            }
        }
        return true
    }

    /// A's iterations processed together: each spec's factors for a block, then each state's.
    private static let block = 256

    /// Per claimed state, the instances whose A iteration lies in `range`; `Int.max` when
    /// that does not fit.
    func count(_ range: Range<Int>) -> [Int] {
        withExtendedLifetime((kept, batch)) { countBlocks(range) }
    }

    private func countBlocks(_ range: Range<Int>) -> [Int] {
        let block = Self.block, n = n
        let specCount = specs.count
        // Per spec and block position: lo (a step's cut), hi and the factor `a`, all at most
        // n (< 2^31).
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: 3 * specCount * block)
        // A's equality value and largest bound when they take more than one column; Int.min.
        let sides = UnsafeMutablePointer<Int>.allocate(capacity: 3 * block)
        defer { scratch.deallocate(); sides.deallocate() }
        let lows = scratch, highs = scratch + specCount * block, factors = highs + specCount * block
        let named = sides, least = sides + block, none = sides + 2 * block
        none.initialize(repeating: .min, count: block)
        let totals = UnsafeMutablePointer<WideCount>.allocate(capacity: pairs.count)
        totals.initialize(repeating: WideCount(), count: pairs.count)
        defer { totals.deallocate() }
        // What every block shares is written once: the unit spec (index 0) whole, the fixed
        // ends of the others.
        for s in 0..<specCount {
            let (lo, hi, a) = (lows + s * block, highs + s * block, factors + s * block)
            let end = specs[s].kind == .reached ? specs[s].positions.unsafelyUnwrapped[n &+ 1] : Int32(n)
            for i in 0..<block { lo[i] = 0; hi[i] = end; a[i] = 1 }
        }
        var start = range.lowerBound
        while start < range.upperBound {
            let m = min(block, range.upperBound - start)
            for s in 1..<specCount {
                evaluate(specs[s], start, m, lo: lows + s * block, hi: highs + s * block, a: factors + s * block,
                         named: named, least: least, none: none)
            }
            for p in pairs.indices {
                let pair = pairs[p]
                let f = pair.first, g = pair.second
                let lo1 = lows + f * block, hi1 = highs + f * block, a1 = factors + f * block
                let lo2 = lows + g * block, hi2 = highs + g * block, a2 = factors + g * block
                totals[p] = Self.combine(pair.kind, m, n, totals[p], lo1, hi1, a1, lo2, hi2, a2,
                                         specs[f].sums, specs[g].sums, pair.both)
            }
            start += m
        }
        return (0..<pairs.count).map { totals[$0].saturated }
    }

    /// `columns` from `start` for `m` iterations folded by `merge`: the column itself when
    /// there is one, `none` when there is none, else `scratch` filled.
    @inline(__always)
    private static func merged(
        _ columns: [UnsafePointer<Int>], _ start: Int, _ m: Int, into scratch: UnsafeMutablePointer<Int>,
        none: UnsafePointer<Int>, _ merge: (Int, Int) -> Int
    ) -> UnsafePointer<Int> {
        guard let first = columns.first else { return none }
        if columns.count == 1 { return first + start }
        for i in 0..<m { scratch[i] = first[start &+ i] }
        for column in columns.dropFirst() {
            for i in 0..<m { scratch[i] = merge(scratch[i], column[start &+ i]) }
        }
        return UnsafePointer(scratch)
    }

    /// `max(x, 0)` without a branch.
    @inline(__always)
    private static func positive(_ x: Int32) -> Int32 { x & ~(x >> 31) }

    /// One state's instances over a block of `m` A iterations added to `total`, by the loop
    /// its pair kind allows. A flat factor's `lo <= hi` always (position tables never
    /// decrease). Kept out of line: each loop gets the registers to itself.
    @inline(never)
    private static func combine(
        _ kind: PairKind, _ m: Int, _ n: Int, _ total: WideCount,
        _ lo1: UnsafePointer<Int32>, _ hi1: UnsafePointer<Int32>, _ a1: UnsafePointer<Int32>,
        _ lo2: UnsafePointer<Int32>, _ hi2: UnsafePointer<Int32>, _ a2: UnsafePointer<Int32>,
        _ s1: UnsafePointer<Int>?, _ s2: UnsafePointer<Int>?, _ both: UnsafePointer<Int>?
    ) -> WideCount {
        // Terms of at most n^2 add up in 64 bits over a block (256 n^2 < 2^63); larger ones
        // go to the 128-bit count.
        var small = 0
        var wide = total
        switch kind {
        case .indicators:
            // At most 256 n < 2^31 per block; no branch on the sign (it mispredicts).
            var overlap: Int32 = 0
            for i in 0..<m { overlap &+= positive(min(hi1[i], hi2[i]) &- max(lo1[i], lo2[i])) }
            small = Int(overlap)
        case .indicatorWeighted:
            for i in 0..<m {
                small &+= Int(a2[i]) &* Int(positive(min(hi1[i], hi2[i]) &- max(lo1[i], lo2[i])))
            }
        case .weighted:
            for i in 0..<m {
                let length = Int(positive(min(hi1[i], hi2[i]) &- max(lo1[i], lo2[i])))
                wide.add(UInt64(truncatingIfNeeded: Int(a1[i]) &* Int(a2[i]) &* length))
            }
        case .indicatorStep:
            // Flat on [lo1, hi1); step: a2 before its cut (lo2), room sums after.
            let sums = s2.unsafelyUnwrapped
            for i in 0..<m {
                let low = Int(lo1[i]), high = Int(hi1[i])
                let cut = min(max(Int(lo2[i]), low), high)
                small &+= Int(a2[i]) &* (cut &- low) &+ sums[high] &- sums[cut]
            }
        case .weightedStep:
            let sums = s2.unsafelyUnwrapped
            for i in 0..<m {
                let low = Int(lo1[i]), high = Int(hi1[i])
                let cut = min(max(Int(lo2[i]), low), high)
                let inner = Int(a2[i]) &* (cut &- low) &+ sums[high] &- sums[cut]
                wide.add(UInt64(truncatingIfNeeded: Int(a1[i]) &* inner))
            }
        case .steps:
            let s1 = s1.unsafelyUnwrapped, s2 = s2.unsafelyUnwrapped, both = both.unsafelyUnwrapped
            let end = both[n]
            for i in 0..<m {
                let c1 = Int(lo1[i]), c2 = Int(lo2[i]), r1 = Int(a1[i]), r2 = Int(a2[i])
                let x = min(c1, c2), y = max(c1, c2)
                // Between the cuts the writer cut first is in its room part, the other's
                // factor constant (selected, not branched on: which comes first is random).
                let first = c1 <= c2
                let sums = first ? s1 : s2, factor = first ? r2 : r1
                let middle = factor &* (sums[y] &- sums[x])
                wide.add(UInt64(truncatingIfNeeded: r1 &* r2 &* x &+ middle &+ end &- both[y]))
            }
        }
        wide.add(UInt64(truncatingIfNeeded: small))
        return wide
    }

    /// One spec's factor for A iterations `start..<start + m`: flat kinds give `a` on
    /// `[lo, hi)`; a step gives its cut in `lo` and `a = room(A's bound)` before it.
    @inline(never)
    private func evaluate(
        _ spec: Spec, _ start: Int, _ m: Int,
        lo: UnsafeMutablePointer<Int32>, hi: UnsafeMutablePointer<Int32>, a: UnsafeMutablePointer<Int32>,
        named scratchNamed: UnsafeMutablePointer<Int>, least scratchLeast: UnsafeMutablePointer<Int>,
        none: UnsafePointer<Int>
    ) {
        let n = n, whole = Int32(n)
        // A's side: the iteration its equalities name (-1 when they disagree) and the largest
        // of its bounds (Int.min without one); one column is read in place.
        let named = Self.merged(spec.equalities, start, m, into: scratchNamed, none: none) { $0 == $1 ? $0 : -1 }
        let least = Self.merged(spec.bounds, start, m, into: scratchLeast, none: none) { max($0, $1) }
        // Positions `p[t + 1]`: the first kB whose B column holds at least t, t in -1...n.
        let p = spec.positions ?? UnsafePointer(bitPattern: 8)!
        /// A's named iteration when it is one of the batch's and meets A's bounds, else -1.
        @inline(__always) func valid(_ i: Int) -> Int {
            let e = named[i]
            return UInt(bitPattern: e) < UInt(n) && e >= least[i] ? e : -1
        }
        // `lo` of `within`, `named` and `constant` (0) and `hi` of every kind but `meet`,
        // `within` and `named` (n, or `reached`'s end) were written once by the caller.
        switch spec.kind {
        case .meet:
            // Where B names e: [first holding e, first holding e + 1); empty for e = -1.
            for i in 0..<m {
                let e = valid(i)
                let ok = e >= 0
                lo[i] = ok ? p[e &+ 1] : 0
                hi[i] = ok ? p[e &+ 2] : 0
            }
        case .within:
            for i in 0..<m {
                let e = valid(i)
                hi[i] = e >= 0 ? p[e &+ 2] : 0
            }
        case .named:
            for i in 0..<m { hi[i] = valid(i) >= 0 ? whole : 0 }
        case .reached:
            for i in 0..<m { lo[i] = p[min(max(least[i], 0), n) &+ 1] }
        case .step:
            for i in 0..<m {
                let bound = min(max(least[i], 0), n)
                // B's room takes over once B's bound exceeds A's (at `bound == n` both are 0).
                lo[i] = p[min(bound &+ 1, n) &+ 1]
                a[i] = Int32(truncatingIfNeeded: n &- bound)
            }
        case .constant:
            for i in 0..<m { a[i] = Int32(truncatingIfNeeded: n &- min(max(least[i], 0), n)) }
        case .unit:
            break
        }
        // Indicators' `a` is 1 and never read.
    }
}

/// A count kept in 128 bits (two words; `Int128` needs macOS 15): sums of many terms below
/// 2^64 exactly, reported as `Int.max` when past it.
struct WideCount: Hashable {
    var high: UInt64 = 0
    var low: UInt64 = 0

    @inline(__always)
    mutating func add(_ term: UInt64) {
        let (sum, carry) = low.addingReportingOverflow(term)
        low = sum
        high &+= carry ? 1 : 0
    }

    /// The count, or `Int.max` when it does not fit an `Int`.
    var saturated: Int { high == 0 && low <= UInt64(Int.max) ? Int(low) : .max }
}
