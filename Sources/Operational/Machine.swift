import Litmus

/// An operational machine running one litmus test: the states it can be in and the transitions
/// between them. Each thread runs one of its paths (the same paths, dependencies included, as
/// the axiomatic explorer's); which path is decided by what its reads return, so a thread may
/// run ahead of a read its later work does not depend on.
public struct Machine: Sendable {
    public let program: Program
    public let architecture: Architecture
    /// Paths the loop bound cut (herd's `Loop`).
    public let loopPathsCut: Int
    let tables: [ThreadTable]
    /// Per thread: where its write keys start among write ids (after one per location).
    let keyBase: [Int]
    /// Where each observed location's final value comes from: (thread position, register) or
    /// (-1, variable).
    let observed: [(location: StateLocation, thread: Int, index: Int)]

    /// `paths`: per thread of `program`, its complete paths (`ModelChecker.threadPaths`).
    public init(program: Program, architecture: Architecture, paths: [[ThreadPath]], loopPathsCut: Int = 0) throws(OperationalError) {
        if let reason = Machine.refusal(program) { throw .refused(reason) }
        self.program = program
        self.architecture = architecture
        self.loopPathsCut = loopPathsCut
        tables = zip(program.threads, paths).map { PathPreparation.table(for: $0, paths: $1) }
        var base: [Int] = []
        var next = program.variables.count
        for table in tables { base.append(next); next += table.keyCount }
        keyBase = base
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
    }

    /// Why the machines refuse `program`, or nil.
    static func refusal(_ program: Program) -> String? {
        func visit(_ body: [Instruction]) -> String? {
            for instruction in body {
                switch instruction {
                case let .fence(f) where [.rcuReadLock, .rcuReadUnlock, .synchronizeRCU, .afterSRCUReadUnlock].contains(f.kind):
                    return f.origin.text
                case let .synchronizeSRCU(_, origin): return origin.text
                case let .load(l) where l.annotation == .srcuLock: return l.origin.text
                case let .store(s) where s.annotation == .srcuUnlock: return s.origin.text
                case let .branch(_, then, otherwise): if let r = visit(then) ?? visit(otherwise) { return r }
                case let .loop(_, body): if let r = visit(body) { return r }
                default: continue
                }
            }
            return nil
        }
        for thread in program.threads {
            if let text = visit(thread.body) {
                return "P\(thread.index) uses `\(text)`: the operational machines do not model RCU or SRCU "
                    + "grace periods (the kernel guarantees them in software, on top of the hardware); "
                    + "use `litmus check` for this test"
            }
        }
        return nil
    }

    public var initialState: MachineState {
        MachineState(
            memory: program.variables.enumerated().map { StoredWrite(id: Int32($0.offset), value: $0.element.initialValue) },
            threads: tables.map { ThreadState(candidates: PathSet(all: $0.paths.count), done: Array(repeating: 0, count: $0.keyCount)) })
    }

    func writeID(_ thread: Int, _ key: Int) -> Int32 { Int32(keyBase[thread] + key) }

    /// The thread and key of a write id; nil for an initial write.
    func writer(of id: Int32) -> (thread: Int, key: Int)? {
        let id = Int(id)
        guard id >= program.variables.count else { return nil }
        let t = keyBase.lastIndex { $0 <= id }!
        return (t, id - keyBase[t])
    }

    // MARK: - Transitions

    /// Every transition enabled in `state`, thread by thread.
    public func transitions(from state: MachineState) -> [Transition] {
        var result: [Transition] = []
        for t in tables.indices {
            var byEffect: [Effect: [Int]] = [:]
            var order: [Effect] = []
            let ts = state.threads[t]
            for p in ts.candidates {
                let path = tables[t].paths[p]
                let effects: [Effect]
                switch architecture {
                case .tso: effects = tsoEffects(path, ts, state.memory)
                case .armv8: effects = path.accesses.compactMap { armEffect(path, $0, thread: t, ts, state.memory) }
                }
                for e in effects {
                    if byEffect[e] == nil { order.append(e) }
                    byEffect[e, default: []].append(p)
                }
            }
            for e in order.sorted(by: { programOrder($0, $1, t) }) {
                result.append(Transition(thread: t, effect: e, candidates: PathSet(count: tables[t].paths.count, members: byEffect[e]!)))
            }
            if architecture == .tso, let head = ts.buffer.first {
                result.append(Transition(thread: t, effect: Effect(kind: .drain, key: head.key, location: head.location, value: head.value),
                                         candidates: ts.candidates))
            }
        }
        return result
    }

    /// Earlier instructions first, so numbering reads like the program.
    private func programOrder(_ a: Effect, _ b: Effect, _ t: Int) -> Bool {
        let la = tables[t].keyOrigins[a.key].location, lb = tables[t].keyOrigins[b.key].location
        if la != lb { return (la.line, la.column) < (lb.line, lb.column) }
        if a.key != b.key { return a.key < b.key }
        return a.value < b.value
    }

    public func apply(_ transition: Transition, to state: MachineState) -> MachineState {
        var s = state
        let t = transition.thread
        let e = transition.effect
        s.threads[t].candidates = transition.candidates
        switch (architecture, e.kind) {
        case (.armv8, .read):
            s.threads[t].done[e.key] = e.source + 2
        case (.armv8, .write):
            s.threads[t].done[e.key] = 1
            s.memory[e.location] = StoredWrite(id: writeID(t, e.key), value: e.value)
        case (.tso, .read):
            s.threads[t].executed += 1
        case (.tso, .write):
            s.threads[t].executed += 1
            s.threads[t].buffer.append(BufferedWrite(location: e.location, value: e.value, key: e.key))
        case (.tso, .atomic):
            s.threads[t].executed += e.writeKey == nil ? 1 : 2
            if let key = e.writeKey, let written = e.written {
                s.memory[e.location] = StoredWrite(id: writeID(t, key), value: written)
            }
        case (_, .drain):
            let head = s.threads[t].buffer.removeFirst()
            s.memory[head.location] = StoredWrite(id: writeID(t, head.key), value: head.value)
        case (.armv8, .atomic):
            break
        }
        if architecture == .armv8 { reduce(&s) }
        return s
    }

    // MARK: - Final states

    /// The paths of thread `t` that `state` has run to the end.
    func completePaths(_ t: Int, in state: MachineState) -> [Int] {
        let ts = state.threads[t]
        switch architecture {
        case .tso:
            return ts.candidates.filter { tables[t].paths[$0].accesses.count == ts.executed }
        case .armv8:
            let performed = ts.done.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
            return ts.candidates.filter { tables[t].paths[$0].accesses.count == performed }
        }
    }

    /// The final states `state` stands for when every thread has finished (and, on x86, every
    /// store buffer drained), whether or not they pass the filter; empty otherwise.
    public func outcomes(of state: MachineState) -> [FinalState] {
        if architecture == .tso && state.threads.contains(where: { !$0.buffer.isEmpty }) { return [] }
        var choices: [[Int]] = []
        for t in tables.indices {
            let complete = completePaths(t, in: state)
            if complete.isEmpty { return [] }
            choices.append(complete)
        }
        var result: [FinalState] = []
        func visit(_ t: Int, _ chosen: [Int]) {
            if t == choices.count {
                let values = observed.map { o -> Value in
                    o.thread < 0 ? state.memory[o.index].value : tables[o.thread].paths[chosen[o.thread]].registers[o.index]
                }
                let state = FinalState(sortedLocations: observed.map(\.location), values: values)
                if !result.contains(state) { result.append(state) }
                return
            }
            for p in choices[t] { visit(t + 1, chosen + [p]) }
        }
        visit(0, [])
        return result
    }

    /// The outcomes that pass the test's filter.
    public func finalStates(of state: MachineState) -> [FinalState] {
        outcomes(of: state).filter { program.filter.map($0.satisfies) ?? true }
    }
}
