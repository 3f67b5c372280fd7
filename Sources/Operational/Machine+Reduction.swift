import Litmus

/// State-space reduction for the ARMv8 machine: paths that can no longer complete are dropped
/// as soon as memory moves past them, and what a read took its value from is forgotten once no
/// later check can ask, so states reached by different histories merge.
extension Machine {
    /// Whether `path` can still be completed from here. Memory only moves forward (each write
    /// has its own id), so a path needing memory to hold a write it has moved past is dead:
    /// an RMW whose read saw a write memory has since replaced (its write would break
    /// atomicity), or an earlier read that must read what a later same-location read already
    /// read from memory, when memory has moved on.
    func isViable(_ path: PreparedPath, _ ts: ThreadState, _ memory: [StoredWrite]) -> Bool {
        for j in path.accesses where path.events[j].isRead && ts.isDone(path.keys[j]) {
            let location = path.events[j].location!
            let source = ts.source(path.keys[j])
            if let w = path.rmwPartner[j], !ts.isDone(path.keys[w]), memory[location].id != source { return false }
            for i in path.earlierReads[j] where !ts.isDone(path.keys[i]) {
                let forwards = path.latestWrite[i].map { !ts.isDone(path.keys[$0]) } ?? false
                if !forwards && memory[location].id != source { return false }
            }
        }
        return true
    }

    /// Whether some candidate path may still compare the source of the read with key `key`.
    private func sourceMatters(_ key: Int, _ t: Int, _ ts: ThreadState) -> Bool {
        for p in ts.candidates {
            let path = tables[t].paths[p]
            guard let j = path.keys.firstIndex(of: key) else { continue }
            if let w = path.rmwPartner[j], !ts.isDone(path.keys[w]) { return true }
            if path.earlierReads[j].contains(where: { !ts.isDone(path.keys[$0]) }) { return true }
        }
        return false
    }

    /// Drops dead paths of every thread and forgets read sources nobody will compare.
    func reduce(_ state: inout MachineState) {
        for t in state.threads.indices {
            var ts = state.threads[t]
            let alive = ts.candidates.filter { isViable(tables[t].paths[$0], ts, state.memory) }
            ts.candidates = PathSet(count: tables[t].paths.count, members: alive)
            for key in ts.done.indices where ts.done[key] > 1 && !sourceMatters(key, t, ts) {
                ts.done[key] = 1
            }
            state.threads[t] = ts
        }
    }
}
