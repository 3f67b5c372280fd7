import Litmus

/// Builds every candidate execution of a program: each thread's paths (one per combination of
/// read values), combined across threads when every read value has a writer, then each
/// location's coherence and reads-from choices (already coherent and atomic per location).
struct CandidateEnumerator {
    let program: Program
    let options: CheckOptions
    /// Enumerate incoherent candidates too (for explanations).
    var coherentOnly = true
    /// Where each observed location's final value comes from: (thread, register) or variable.
    private let observed: [(location: StateLocation, thread: Int, index: Int)]
    private let observedLocations: [StateLocation]

    init(program: Program, options: CheckOptions) {
        self.program = program
        self.options = options
        observed = program.observedLocations.compactMap { location in
            switch location {
            case let .register(thread, name):
                guard let t = program.threads.firstIndex(where: { $0.index == thread }),
                      let r = program.threads[t].registerIndex(named: name) else { return nil }
                return (location, t, r)
            case let .variable(name):
                guard let v = program.variableIndex(named: name) else { return nil }
                return (location, -1, v)
            }
        }
        observedLocations = observed.map(\.location)
    }

    /// Per-location choices are built eagerly, so they get their own bound (memory).
    static let maxChoicesPerLocation = 500_000

    struct Statistics {
        var candidates = 0
        var partialChecks = 0
        var combinations = 0
        var steps = 0
        let start = processorTime()
        var cutPaths = 0
    }

    /// A thread path without its values: events' kinds, locations and tags, and dependencies.
    private struct Shape: Hashable {
        var events: [String]
        var pairs: [[Int]]
    }

    private struct ValueKey: Hashable {
        var location: Int
        var value: Value
    }

    /// Calls `visit` with each candidate; stops early when `visit` returns false. With `prune`,
    /// partial candidates (some locations' rf/co still open) for which `prune` is true are
    /// skipped with all their completions.
    func enumerate(prune: ((Execution) -> Bool)? = nil, _ visit: (Execution) -> Bool) throws(ModelError) -> Statistics {
        var statistics = Statistics()
        let (paths, cut) = try threadPaths()
        statistics.cutPaths = cut
        let combinations = paths.reduce(1.0) { $0 * Double(max($1.count, 1)) }
        if combinations > Double(options.maxCandidates) * 16 {
            throw .stateExplosion(
                "\(paths.count) threads with \(paths.map { String($0.count) }.joined(separator: "×")) paths " +
                    "(\(Int(combinations)) combinations; limit \(options.maxCandidates) candidates)")
        }
        if paths.contains(where: \.isEmpty) { return statistics }

        // Which (location, value) pairs the threads from t on can write, to prune early.
        let initial = Set(program.variables.indices.map { ValueKey(location: $0, value: program.variables[$0].initialValue) })
        var suffixWrites = Array(repeating: Set<ValueKey>(), count: paths.count + 1)
        for t in stride(from: paths.count - 1, through: 0, by: -1) {
            suffixWrites[t] = suffixWrites[t + 1]
            for path in paths[t] { for e in path.events where e.kind == .write { suffixWrites[t].insert(ValueKey(location: e.location!, value: e.value!)) } }
        }

        var shapeIDs: [Shape: Int] = [:]
        let shapes: [[Int]] = paths.map { threadPaths in
            threadPaths.map { path in
                let shape = Shape(
                    events: path.events.map { "\($0.kind)|\($0.location ?? -1)|\($0.annotation?.rawValue ?? "")|\($0.fence?.rawValue ?? "")|\($0.isRMW)" },
                    pairs: [path.addr, path.data, path.ctrl, path.rmw].map { $0.flatMap { [$0.0, $0.1] } + [-1] })
                if let id = shapeIDs[shape] { return id }
                shapeIDs[shape] = shapeIDs.count
                return shapeIDs.count - 1
            }
        }
        var remaining = Array(repeating: 1.0, count: paths.count + 1)
        for t in stride(from: paths.count - 1, through: 0, by: -1) { remaining[t] = remaining[t + 1] * Double(paths[t].count) }
        var structures: [[Int]: SkeletonStructure] = [:]
        var chosenShape: [Int] = []
        var chosen: [ThreadPath] = []
        var written = initial
        var stop = false
        var failure: ModelError?
        func choose(_ t: Int) {
            if stop { return }
            if t == paths.count {
                do throws(ModelError) { try checkBudget(&statistics) } catch {
                    failure = error
                    stop = true
                    return
                }
                statistics.combinations += 1
                // Every read value must have a writer.
                for path in chosen {
                    for e in path.events where e.kind == .read && !written.contains(ValueKey(location: e.location!, value: e.value!)) { return }
                }
                do throws(ModelError) {
                    if try !candidates(of: chosen, shape: chosenShape, structures: &structures,
                                       statistics: &statistics, prune: prune, visit) { stop = true }
                } catch {
                    failure = error
                    stop = true
                }
                return
            }
            let available = written.union(suffixWrites[t])
            for (p, path) in paths[t].enumerated() {
                if path.events.contains(where: { $0.kind == .read && !available.contains(ValueKey(location: $0.location!, value: $0.value!)) }) { continue }
                let saved = written
                for e in path.events where e.kind == .write { written.insert(ValueKey(location: e.location!, value: e.value!)) }
                chosen.append(path)
                chosenShape.append(shapes[t][p])
                // Threads-so-far pruning: if what is certain about the chosen threads already
                // violates the model, no choice for the other threads can repair it.
                if let prune, chosen.count >= 2, t + 1 < paths.count, remaining[t + 1] >= 16 {
                    statistics.partialChecks += 1
                    if prune(partialExecution(of: chosen, laterWrites: suffixWrites[t + 1])) {
                        chosen.removeLast()
                        chosenShape.removeLast()
                        written = saved
                        continue
                    }
                }
                choose(t + 1)
                chosen.removeLast()
                chosenShape.removeLast()
                written = saved
                if stop { return }
            }
        }
        choose(0)
        if let failure { throw failure }
        return statistics
    }

    /// Gives up, with the sizes involved, once the time budget is spent.
    private func checkBudget(_ statistics: inout Statistics) throws(ModelError) {
        statistics.steps += 1
        guard statistics.steps & 255 == 0, let limit = options.timeLimit else { return }
        if processorTime() - statistics.start > limit {
            throw .stateExplosion(
                "gave up after \(limit) s of processor time (--time-limit): \(statistics.combinations) combinations of thread paths and " +
                    "\(statistics.candidates + statistics.partialChecks) (partial) candidate executions examined so far")
        }
    }

    // MARK: - Threads

    /// Value domains by fixpoint (a read may return any value some write may write), then
    /// each thread's paths over those domains.
    func threadPaths() throws(ModelError) -> ([[ThreadPath]], Int) {
        let (paths, cut, capped) = try threadPaths(seeingSameRoundWrites: false)
        // Only when the round cap cut the chains short: the older, wider domains, kept for
        // the same results as before.
        if capped {
            let (widerPaths, widerCut, _) = try threadPaths(seeingSameRoundWrites: true)
            return (widerPaths, widerCut)
        }
        return (paths, cut)
    }

    /// A value reaches a read through a chain of distinct writes, so with rounds that only
    /// see the previous round's values, rounds beyond the number of writes an execution can
    /// hold add only unreachable values. Letting a thread see writes of the same round
    /// instead chains several threads per round: 5 lock-protected increments of x reached
    /// 76 values of x (2.9 G path combinations) where 0...5 are reachable. `capped`: the
    /// last round still changed a domain and `valueIterations` (not the chain bound) ended it.
    private func threadPaths(seeingSameRoundWrites: Bool) throws(ModelError) -> ([[ThreadPath]], Int, capped: Bool) {
        var domains = program.variables.map { [$0.initialValue] }
        var result: [[ThreadPath]] = []
        var cut = 0
        var round = 0
        var rounds = options.valueIterations
        var capped = false
        while round < rounds {
            round += 1
            result = []
            cut = 0
            var changed = false
            var next = domains
            for thread in program.threads {
                let executor = ThreadExecutor(program: program, thread: thread, domains: domains,
                                              loopBound: options.loopUnrolling, maxPaths: options.maxPathsPerThread)
                let (paths, c) = try executor.run()
                cut += c
                result.append(paths.filter(respectsLockNesting))
                for path in paths {
                    for e in path.events where e.kind == .write {
                        if !next[e.location!].contains(e.value!) {
                            next[e.location!].append(e.value!)
                            changed = true
                        }
                    }
                }
                if seeingSameRoundWrites { domains = next }
            }
            domains = next
            let writesPerExecution = result.reduce(0) { total, paths in
                total + (paths.map { $0.events.filter { $0.kind == .write }.count }.max() ?? 0)
            }
            // Paths only gain writes as domains grow: the bound is this round's.
            rounds = seeingSameRoundWrites ? min(rounds, writesPerExecution + 1)
                : min(options.valueIterations, writesPerExecution + 1)
            if !changed { break }
            capped = round == options.valueIterations && writesPerExecution + 1 > options.valueIterations
        }
        return (result, cut, capped)
    }

    /// lock.cat's lock-nest and nested-is-locked: taking a lock, or seeing it free, inside
    /// one's own critical section on it deadlocks, so such a path never completes.
    private func respectsLockNesting(_ path: ThreadPath) -> Bool {
        var held = Set<Int>()
        for e in path.events {
            guard let l = e.location else { continue }
            switch e.kind {
            case .lockRead, .readUnlocked: if held.contains(l) { return false }
            case .lockWrite: held.insert(l)
            case .unlock: held.remove(l)
            default: break
            }
        }
        return true
    }

    // MARK: - Candidates of one combination of paths

    private func candidates(
        of chosen: [ThreadPath], shape: [Int], structures: inout [[Int]: SkeletonStructure],
        statistics: inout Statistics, prune: ((Execution) -> Bool)?, _ visit: (Execution) -> Bool
    ) throws(ModelError) -> Bool {
        let variableCount = program.variables.count
        var events: [Event] = program.variables.enumerated().map { i, v in
            Event(thread: -1, kind: .write, location: i, value: v.initialValue, annotation: .once)
        }
        var poIndex = Array(repeating: -1, count: variableCount)
        var offsets: [Int] = []
        for path in chosen {
            offsets.append(events.count)
            for (i, e) in path.events.enumerated() {
                events.append(e)
                poIndex.append(i)
            }
        }
        let n = events.count
        var rmwWrite = Array(repeating: -1, count: n)
        for (t, path) in chosen.enumerated() { for (a, b) in path.rmw { rmwWrite[offsets[t] + a] = offsets[t] + b } }
        var members = Array(repeating: [Int](), count: variableCount)
        for e in variableCount ..< n { if let l = events[e].location { members[l].append(e) } }
        let structure = structures[shape] ?? buildStructure(events, chosen, offsets, members)
        structures[shape] = structure

        // Before listing any choice: reads whose value only one write provides, and the
        // initial writes first in coherence. If the model rejects even that, skip the lot.
        let ambiguous = (0 ..< variableCount).contains { l in
            members[l].filter { events[$0].isWrite }.count > 1 || members[l].contains { events[$0].isLockEvent }
        }
        if let prune, coherentOnly, ambiguous {
            var rf = Relation(size: n), co = Relation(size: n)
            for l in 0 ..< variableCount {
                let writes = members[l].filter { events[$0].isWrite }
                for w in writes { co.insert(l, w) }
                for r in members[l] where events[r].kind == .read {
                    let sources = ([l] + writes).filter {
                        events[$0].kind == .write && events[$0].value == events[r].value &&
                            !(events[$0].thread == events[r].thread && poIndex[$0] > poIndex[r])
                    }
                    if sources.count == 1 { rf.insert(sources[0], r) }
                }
            }
            statistics.partialChecks += 1
            if prune(Execution(skeleton: ExecutionSkeleton(events: events, structure: structure), rf: rf, co: co,
                               finalState: FinalState(sortedLocations: [], values: []), stateKey: [])) {
                return true
            }
        }

        var chooser = LocationChoices(events: events, poIndex: poIndex, rmwWrite: rmwWrite)
        chooser.coherentOnly = coherentOnly
        chooser.maxChoices = Swift.min(options.maxCandidates, Self.maxChoicesPerLocation)
        // Each location is either a list of choices or, holding lock events, a lock plan.
        var perLocation = Array(repeating: [LocationChoice](), count: variableCount)
        var plans = Array(repeating: LockPlan?.none, count: variableCount)
        var counts = Array(repeating: 1.0, count: variableCount)
        for l in 0 ..< variableCount {
            if members[l].contains(where: { events[$0].isLockEvent }) {
                guard let plan = chooser.lockPlan(initialWrite: l, members: members[l]) else { return true }
                plans[l] = plan
                counts[l] = plan.estimatedChoices
            } else {
                let writes = members[l].filter { events[$0].kind == .write }
                let tooMany = Self.coherenceOrders(writes.map { events[$0].thread }, keepingProgramOrder: coherentOnly)
                    > Double(chooser.maxChoices)
                perLocation[l] = tooMany ? [] : chooser.choices(location: l, initialWrite: l, members: members[l])
                if tooMany || perLocation[l].count > chooser.maxChoices {
                    throw .stateExplosion(
                        "location \(program.variables[l].name) alone has more than \(chooser.maxChoices) coherence × reads-from " +
                            "choices (\(writes.count) writes, \(members[l].count - writes.count) other events; \(chosen.count) threads)")
                }
                if perLocation[l].isEmpty { return true }
                counts[l] = Double(perLocation[l].count)
            }
        }

        // Depth-first over locations (lock locations first, then the most ambiguous), pruning
        // a subtree as soon as the model rejects its partial rf/co: every axiom is monotone
        // in rf and co, so a partial violation dooms every completion.
        let order = (0 ..< variableCount).sorted { a, b in
            if (plans[a] != nil) != (plans[b] != nil) { return plans[a] != nil }
            return counts[a] > counts[b]
        }
        var below = Array(repeating: 1.0, count: order.count + 1)
        for k in stride(from: order.count - 1, through: 0, by: -1) { below[k] = below[k + 1] * counts[order[k]] }
        let skeleton = ExecutionSkeleton(events: events, structure: structure)
        // Edges every remaining choice of a location shares (reads-from forced by values,
        // coherence from the initial write...): certain before the location is decided.
        var certainRF = Array(repeating: Relation(size: n), count: order.count + 1)
        var certainCO = certainRF
        if prune != nil {
            for k in stride(from: order.count - 1, through: 0, by: -1) {
                var commonRF = Relation(size: n), commonCO = Relation(size: n)
                if let plan = plans[order[k]] {
                    if let (coEdges, _) = plan.certain([]) { for (a, b) in coEdges { commonCO.insert(a, b) } }
                    for (r, fixed) in zip(plan.otherReads, plan.fixedCandidates) where fixed?.count == 1 { commonRF.insert(fixed![0], r) }
                } else {
                    var first = true
                    for choice in perLocation[order[k]] {
                        var r = Relation(size: n), c = Relation(size: n)
                        let sequence = choice.coherence
                        for i in 0 ..< sequence.count {
                            for j in (i + 1) ..< Swift.max(i + 1, sequence.count) { c.insert(sequence[i], sequence[j]) }
                        }
                        for (read, write) in choice.readsFrom { r.insert(write, read) }
                        (commonRF, commonCO) = first ? (r, c) : (commonRF & r, commonCO & c)
                        first = false
                    }
                }
                certainRF[k] = certainRF[k + 1] | commonRF
                certainCO[k] = certainCO[k + 1] | commonCO
            }
            if below[0] > 1, let prune {
                statistics.partialChecks += 1
                if prune(Execution(skeleton: skeleton, rf: certainRF[0], co: certainCO[0],
                                   finalState: FinalState(sortedLocations: [], values: []), stateKey: [])) {
                    return true
                }
            }
        }
        var rf = Relation(size: n), co = Relation(size: n)
        var finalValues = events.prefix(variableCount).map { $0.value! }
        let noState = FinalState(sortedLocations: [], values: [])

        func checkLimit() throws(ModelError) {
            try checkBudget(&statistics)
            if statistics.candidates + statistics.partialChecks > options.maxCandidates {
                throw .stateExplosion(
                    "more than \(options.maxCandidates) candidate executions; \(chosen.count) threads, \(n) events, " +
                        "coherence × reads-from choices per location up to " +
                        counts.map { String(Int($0)) }.joined(separator: "×"))
            }
        }

        /// Whether the model already rejects what is decided, plus what is certain below `k`.
        func doomed(_ k: Int, rf extraRF: [(Int, Int)] = [], co extraCO: [(Int, Int)] = [],
                    withOwnCertainEdges own: Bool = false) throws(ModelError) -> Bool {
            guard let prune else { return false }
            statistics.partialChecks += 1
            try checkLimit()
            let certain = own ? k : k + 1
            var partialRF = rf | certainRF[certain], partialCO = co | certainCO[certain]
            for (a, b) in extraRF { partialRF.insert(a, b) }
            for (a, b) in extraCO { partialCO.insert(a, b) }
            return prune(Execution(skeleton: skeleton, rf: partialRF, co: partialCO, finalState: noState, stateKey: []))
        }

        /// A lock location, one critical section at a time.
        func descendLock(_ k: Int, _ plan: LockPlan, _ placed: [Int]) throws(ModelError) -> Bool {
            let l = order[k]
            guard placed.count == plan.lockWrites.count else {
                for w in plan.next(after: placed) {
                    let extended = placed + [w]
                    guard let (coEdges, rfEdges) = plan.certain(extended) else { continue }
                    // One LKW short of complete, the rest is forced and has the same edges:
                    // the complete order's own check decides it.
                    if extended.count < plan.lockWrites.count - 1, try doomed(k, rf: rfEdges, co: coEdges) { continue }
                    if try !descendLock(k, plan, extended) { return false }
                }
                return true
            }
            guard let (coEdges, rfEdges) = plan.certain(placed) else { return true }
            let coherence = plan.sequence(placed)
            let (savedRF, savedCO, savedValue) = (rf, co, finalValues[l])
            for (a, b) in coEdges { co.insert(a, b) }
            for (a, b) in rfEdges { rf.insert(a, b) }
            if let last = coherence.last, let v = events[last].value, events[last].isWrite { finalValues[l] = v }
            let candidates = plan.candidates(coherence: coherence)
            func pick(_ j: Int) throws(ModelError) -> Bool {
                if j == plan.otherReads.count {
                    if below[k + 1] > 1, try doomed(k) { return true }
                    return try descend(k + 1)
                }
                for w in candidates[j] {
                    rf.insert(w, plan.otherReads[j])
                    if try !pick(j + 1) { return false }
                    rf.remove(w, plan.otherReads[j])
                }
                return true
            }
            let result = try pick(0)
            (rf, co, finalValues[l]) = (savedRF, savedCO, savedValue)
            return result
        }

        func descend(_ k: Int) throws(ModelError) -> Bool {
            if k == order.count {
                let values = observed.map { $0.thread < 0 ? finalValues[$0.index] : chosen[$0.thread].registers[$0.index] }
                statistics.candidates += 1
                try checkLimit()
                return visit(Execution(skeleton: skeleton, rf: rf, co: co,
                                       finalState: FinalState(sortedLocations: observedLocations, values: values),
                                       stateKey: values))
            }
            let l = order[k]
            if let plan = plans[l] { return try descendLock(k, plan, []) }
            let (savedRF, savedCO, savedValue) = (rf, co, finalValues[l])
            // Coherence orders share prefixes: a prefix the model rejects (its writes first,
            // in that order, with this location's certain reads-from) rejects every order
            // extending it, so each prefix is checked once.
            var rejectedPrefix: [[Int]: Bool] = [:]
            for choice in perLocation[l] {
                let sequence = choice.coherence
                if prune != nil && sequence.count > 3 {
                    var skip = false
                    for length in 1 ..< sequence.count - 2 {
                        let prefix = Array(sequence[1 ... length])
                        let verdict: Bool
                        if let known = rejectedPrefix[prefix] {
                            verdict = known
                        } else {
                            var edges: [(Int, Int)] = []
                            for (i, w) in prefix.enumerated() {
                                for later in prefix[(i + 1)...] { edges.append((w, later)) }
                                for other in sequence[(length + 1)...] { edges.append((w, other)) }
                            }
                            verdict = try doomed(k, co: edges, withOwnCertainEdges: true)
                            rejectedPrefix[prefix] = verdict
                        }
                        if verdict { skip = true; break }
                    }
                    if skip { continue }
                }
                for i in 0 ..< sequence.count {
                    for j in (i + 1) ..< Swift.max(i + 1, sequence.count) { co.insert(sequence[i], sequence[j]) }
                }
                if let last = sequence.last, let v = events[last].value, events[last].isWrite { finalValues[l] = v }
                for (r, w) in choice.readsFrom { rf.insert(w, r) }
                let rejected = below[k + 1] > 1 ? try doomed(k) : false
                if !rejected, try !descend(k + 1) { return false }
                (rf, co, finalValues[l]) = (savedRF, savedCO, savedValue)
            }
            return true
        }
        return try descend(0)
    }

    /// The part of an execution the first threads fix whatever the others do: their events,
    /// reads-from edges whose source is the only possible one, and coherence edges from the
    /// initial writes and between a thread's own writes. Its relations are subsets of those
    /// of every completion, so a monotone model that rejects it rejects them all.
    private func partialExecution(of chosen: [ThreadPath], laterWrites: Set<ValueKey>) -> Execution {
        let variableCount = program.variables.count
        var events: [Event] = program.variables.enumerated().map { i, v in
            Event(thread: -1, kind: .write, location: i, value: v.initialValue)
        }
        var offsets: [Int] = []
        var poIndex = Array(repeating: -1, count: variableCount)
        for path in chosen {
            offsets.append(events.count)
            for (i, e) in path.events.enumerated() {
                events.append(e)
                poIndex.append(i)
            }
        }
        let n = events.count
        var members = Array(repeating: [Int](), count: variableCount)
        for e in variableCount ..< n { if let l = events[e].location { members[l].append(e) } }
        let structure = buildStructure(events, chosen, offsets, members)
        var rf = Relation(size: n), co = Relation(size: n)
        for l in 0 ..< variableCount {
            let writes = members[l].filter { events[$0].isWrite }
            for w in writes {
                co.insert(l, w)
                for v in writes where events[v].thread == events[w].thread && poIndex[v] > poIndex[w] { co.insert(w, v) }
            }
            for r in members[l] where events[r].kind == .read {
                let value = events[r].value!
                if laterWrites.contains(ValueKey(location: l, value: value)) { continue }
                let sources = ([l] + writes).filter {
                    events[$0].kind == .write && events[$0].value == value &&
                        !(events[$0].thread == events[r].thread && poIndex[$0] > poIndex[r])
                }
                if sources.count == 1 { rf.insert(sources[0], r) }
            }
        }
        return Execution(skeleton: ExecutionSkeleton(events: events, structure: structure), rf: rf, co: co,
                         finalState: FinalState(sortedLocations: [], values: []), stateKey: [])
    }

    /// How many orders the writes of one location (given by thread) have: n! / Π kₜ! when
    /// each thread's writes stay in program order, n! otherwise.
    static func coherenceOrders(_ writerThreads: [Int], keepingProgramOrder: Bool) -> Double {
        func factorial(_ n: Int) -> Double { (1 ... Swift.max(1, n)).reduce(1.0) { $0 * Double($1) } }
        var orders = factorial(writerThreads.count)
        if keepingProgramOrder {
            for count in Dictionary(grouping: writerThreads, by: { $0 }).values.map(\.count) { orders /= factorial(count) }
        }
        return orders
    }

    /// Program order, dependencies, locations and threads of one shape of combination.
    private func buildStructure(_ events: [Event], _ chosen: [ThreadPath], _ offsets: [Int], _ members: [[Int]]) -> SkeletonStructure {
        let n = events.count
        var po = Relation(size: n), int = Relation(size: n)
        var addr = Relation(size: n), data = Relation(size: n), ctrl = Relation(size: n), rmw = Relation(size: n)
        for (t, path) in chosen.enumerated() {
            let base = offsets[t]
            let count = path.events.count
            for i in 0 ..< count {
                for j in 0 ..< count {
                    int.insert(base + i, base + j)
                    if i < j { po.insert(base + i, base + j) }
                }
            }
            for (a, b) in path.addr { addr.insert(base + a, base + b) }
            for (a, b) in path.data { data.insert(base + a, base + b) }
            for (a, b) in path.ctrl { ctrl.insert(base + a, base + b) }
            for (a, b) in path.rmw { rmw.insert(base + a, base + b) }
        }
        let ext = Relation(cartesian: .all(size: n), .all(size: n)) - int
        var loc = Relation(size: n)
        for l in members.indices {
            let all = [l] + members[l]
            for a in all { for b in all { loc.insert(a, b) } }
        }
        for e in 0 ..< n where events[e].kind == .syncSRCU { loc.insert(e, e) }
        return SkeletonStructure(events: events, po: po, addr: addr, data: data, ctrl: ctrl, rmw: rmw,
                                 loc: loc, int: int, ext: ext)
    }
}
