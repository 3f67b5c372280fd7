import Litmus

/// Stage 3 of the explorer: one combination of thread paths laid out as the events of one
/// execution (the initial writes, one per variable, then each thread's events in order), with
/// the structure every reads-from and coherence choice over them shares.
struct ExecutionAssembly {
    let events: [Event]
    /// Each event's position in its thread; -1 for the initial writes.
    let poIndex: [Int]
    /// Where each thread's events start.
    let offsets: [Int]
    /// Each location's events, its initial write (event `l`) excluded.
    let members: [[Int]]
    let variableCount: Int
    /// For messages.
    let variableNames: [String]

    /// What every combination of one program's paths starts with: built once per enumeration.
    struct Base {
        let initialWrites: [Event]
        let variableNames: [String]
        let eventCount: Int

        init(program: Program, paths: [[ThreadPath]] = []) {
            initialWrites = program.variables.enumerated().map { i, v in
                Event(thread: -1, kind: .write, location: i, value: v.initialValue, annotation: .once)
            }
            variableNames = program.variables.map(\.name)
            eventCount = initialWrites.count + paths.reduce(0) { $0 + ($1.map(\.events.count).max() ?? 0) }
        }
    }

    init(program: Program, paths: [ThreadPath]) {
        self.init(base: Base(program: program), paths: paths)
    }

    init(base: Base, paths: [ThreadPath]) {
        variableCount = base.initialWrites.count
        variableNames = base.variableNames
        var events = base.initialWrites
        events.reserveCapacity(base.eventCount)
        var poIndex = Array(repeating: -1, count: variableCount)
        poIndex.reserveCapacity(base.eventCount)
        var offsets: [Int] = []
        offsets.reserveCapacity(paths.count)
        for path in paths {
            offsets.append(events.count)
            events.append(contentsOf: path.events)
            poIndex.append(contentsOf: path.events.indices)
        }
        var members = Array(repeating: [Int](), count: variableCount)
        for e in variableCount ..< events.count { if let l = events[e].location { members[l].append(e) } }
        self.events = events
        self.poIndex = poIndex
        self.offsets = offsets
        self.members = members
    }

    var size: Int { events.count }

    /// For each RMW read, its write; -1 elsewhere.
    func rmwWrites(_ paths: [ThreadPath]) -> [Int] {
        var rmwWrite = Array(repeating: -1, count: size)
        for (t, path) in paths.enumerated() { for (a, b) in path.rmw { rmwWrite[offsets[t] + a] = offsets[t] + b } }
        return rmwWrite
    }

    /// Edges every coherent completion has, whatever the other choices: coherence from each
    /// initial write, reads-from where exactly one write (initial included, none later in the
    /// reader's own thread) has the value read, and, with `ownWritesInOrder`, coherence between
    /// a thread's own writes. Reads of a value in `laterWrites` (threads not yet chosen may
    /// write it) get no edge.
    func certainEdges(ownWritesInOrder: Bool, laterWrites: Set<WrittenValue> = []) -> (rf: Relation, co: Relation) {
        var rf = Relation(size: size), co = Relation(size: size)
        for l in 0 ..< variableCount {
            let writes = members[l].filter { events[$0].isWrite }
            for w in writes {
                co.insert(l, w)
                guard ownWritesInOrder else { continue }
                for v in writes where events[v].thread == events[w].thread && poIndex[v] > poIndex[w] { co.insert(w, v) }
            }
            for r in members[l] where events[r].kind == .read {
                let value = events[r].value!
                if laterWrites.contains(WrittenValue(location: l, value: value)) { continue }
                let sources = ([l] + writes).filter {
                    events[$0].kind == .write && events[$0].value == value &&
                        !(events[$0].thread == events[r].thread && poIndex[$0] > poIndex[r])
                }
                if sources.count == 1 { rf.insert(sources[0], r) }
            }
        }
        return (rf, co)
    }

    /// Program order, dependencies, locations and threads: what depends only on the shape.
    func structure(_ paths: [ThreadPath]) -> SkeletonStructure {
        let n = size
        var po = Relation(size: n), int = Relation(size: n)
        var addr = Relation(size: n), data = Relation(size: n), ctrl = Relation(size: n), rmw = Relation(size: n)
        for (t, path) in paths.enumerated() {
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
