import Litmus

/// Builds every candidate execution of a program: each thread's paths (one per combination of
/// read values), combined across threads when every read value has a writer, then each
/// location's coherence and reads-from choices (already coherent and atomic per location).
struct CandidateEnumerator {
    let program: Program
    let options: CheckOptions

    struct Statistics {
        var candidates = 0
        var cutPaths = 0
    }

    private struct ValueKey: Hashable {
        var location: Int
        var value: Value
    }

    /// Calls `visit` with each candidate; stops early when `visit` returns false.
    func enumerate(_ visit: (Execution) -> Bool) throws(ModelError) -> Statistics {
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

        var chosen: [ThreadPath] = []
        var written = initial
        var stop = false
        var failure: ModelError?
        func choose(_ t: Int) {
            if stop { return }
            if t == paths.count {
                // Every read value must have a writer.
                for path in chosen {
                    for e in path.events where e.kind == .read && !written.contains(ValueKey(location: e.location!, value: e.value!)) { return }
                }
                do throws(ModelError) {
                    if try !candidates(of: chosen, statistics: &statistics, visit) { stop = true }
                } catch {
                    failure = error
                    stop = true
                }
                return
            }
            for path in paths[t] {
                let available = written.union(suffixWrites[t])
                if path.events.contains(where: { $0.kind == .read && !available.contains(ValueKey(location: $0.location!, value: $0.value!)) }) { continue }
                let saved = written
                for e in path.events where e.kind == .write { written.insert(ValueKey(location: e.location!, value: e.value!)) }
                chosen.append(path)
                choose(t + 1)
                chosen.removeLast()
                written = saved
                if stop { return }
            }
        }
        choose(0)
        if let failure { throw failure }
        return statistics
    }

    // MARK: - Threads

    /// Value domains by fixpoint (a read may return any value some write may write), then
    /// each thread's paths over those domains.
    private func threadPaths() throws(ModelError) -> ([[ThreadPath]], Int) {
        var domains = program.variables.map { [$0.initialValue] }
        var result: [[ThreadPath]] = []
        var cut = 0
        for _ in 0 ..< options.valueIterations {
            result = []
            cut = 0
            var changed = false
            for thread in program.threads {
                let executor = ThreadExecutor(program: program, thread: thread, domains: domains,
                                              loopBound: options.loopUnrolling, maxPaths: options.maxPathsPerThread)
                let (paths, c) = try executor.run()
                cut += c
                result.append(paths.filter(respectsLockNesting))
                for path in paths {
                    for e in path.events where e.kind == .write {
                        if !domains[e.location!].contains(e.value!) {
                            domains[e.location!].append(e.value!)
                            changed = true
                        }
                    }
                }
            }
            if !changed { break }
        }
        return (result, cut)
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
        of chosen: [ThreadPath], statistics: inout Statistics, _ visit: (Execution) -> Bool
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
        var po = Relation(size: n), int = Relation(size: n)
        var addr = Relation(size: n), data = Relation(size: n), ctrl = Relation(size: n), rmw = Relation(size: n)
        var rmwWrite: [Int: Int] = [:]
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
            for (a, b) in path.rmw {
                rmw.insert(base + a, base + b)
                rmwWrite[base + a] = base + b
            }
        }
        let ext = Relation(cartesian: .all(size: n), .all(size: n)) - int
        var loc = Relation(size: n)
        var members = Array(repeating: [Int](), count: variableCount)
        for e in 0 ..< n { if let l = events[e].location { if e >= variableCount { members[l].append(e) } } }
        for l in 0 ..< variableCount {
            let all = [l] + members[l]
            for a in all { for b in all { loc.insert(a, b) } }
        }
        for e in variableCount ..< n where events[e].kind == .syncSRCU { loc.insert(e, e) }

        let chooser = LocationChoices(events: events, poIndex: poIndex, rmwWrite: rmwWrite)
        var perLocation: [[LocationChoice]] = []
        var product = 1.0
        for l in 0 ..< variableCount {
            let choices = chooser.choices(location: l, initialWrite: l, members: members[l])
            if choices.isEmpty { return true }
            perLocation.append(choices)
            product *= Double(choices.count)
        }
        if Double(statistics.candidates) + product > Double(options.maxCandidates) {
            throw .stateExplosion(
                "\(n) events; coherence × reads-from choices per location " +
                    perLocation.map { String($0.count) }.joined(separator: "×") +
                    " exceed the limit of \(options.maxCandidates) candidates")
        }

        let observed = program.observedLocations
        var index = Array(repeating: 0, count: variableCount)
        while true {
            var rf = Relation(size: n), co = Relation(size: n)
            var finalValues = events.prefix(variableCount).map { $0.value! }
            for l in 0 ..< variableCount {
                let choice = perLocation[l][index[l]]
                let order = choice.coherence
                for i in 0 ..< order.count { for j in (i + 1) ..< max(i + 1, order.count) { co.insert(order[i], order[j]) } }
                if let last = order.last, let v = events[last].value, events[last].kind == .write || events[last].kind == .lockWrite || events[last].kind == .unlock {
                    finalValues[l] = v
                }
                for (r, w) in choice.readsFrom { rf.insert(w, r) }
            }
            var values: [StateLocation: Value] = [:]
            for location in observed {
                switch location {
                case let .register(thread, name):
                    guard let t = program.threads.firstIndex(where: { $0.index == thread }),
                          let r = program.threads[t].registerIndex(named: name) else { continue }
                    values[location] = chosen[t].registers[r]
                case let .variable(name):
                    guard let v = program.variableIndex(named: name) else { continue }
                    values[location] = finalValues[v]
                }
            }
            let execution = Execution(
                events: events, po: po, addr: addr, data: data, ctrl: ctrl, rmw: rmw, rf: rf, co: co,
                loc: loc, int: int, ext: ext, finalState: FinalState(values))
            statistics.candidates += 1
            if !visit(execution) { return false }
            // Next combination (odometer).
            var l = 0
            while l < variableCount {
                index[l] += 1
                if index[l] < perLocation[l].count { break }
                index[l] = 0
                l += 1
            }
            if l == variableCount { return true }
        }
    }
}
