import Litmus

extension Machine {
    /// ARMv8: what performing access `i` of `path` would do now, or nil when it must wait
    /// (an ordering predecessor is not performed) or would break coherence or atomicity.
    func armEffect(_ path: PreparedPath, _ i: Int, thread t: Int, _ ts: ThreadState, _ memory: [StoredWrite]) -> Effect? {
        let key = path.keys[i]
        if ts.isDone(key) { return nil }
        for j in path.before[i] where !ts.isDone(path.keys[j]) { return nil }
        let e = path.events[i]
        guard let location = e.location, let value = e.value else { return nil }
        if e.isRead {
            var source = memory[location].id
            var got = memory[location].value
            var forwarded = false
            if let w = path.latestWrite[i], !ts.isDone(path.keys[w]) {
                // Forwarding from an earlier store not yet in memory. An acquire read may not
                // take an RMW's write this way (aob), and the store's address and data must be
                // known ((addr | data); rfi).
                if PathPreparation.isAcquire(e) && path.rmwPartner[w] != nil { return nil }
                for j in path.forwardingNeeds[w] where !ts.isDone(path.keys[j]) { return nil }
                source = writeID(t, path.keys[w])
                got = path.events[w].value ?? .integer(0)
                forwarded = true
            }
            guard got == value else { return nil }
            // A later read of this location that already ran must have read the same write.
            for j in path.laterReads[i] where ts.isDone(path.keys[j]) && ts.source(path.keys[j]) != source { return nil }
            return Effect(kind: .read, key: key, location: location, value: value, source: source, forwarded: forwarded)
        }
        if let r = path.rmwPartner[i], memory[location].id != ts.source(path.keys[r]) { return nil }
        return Effect(kind: .write, key: key, location: location, value: value)
    }

    /// x86-TSO: the next access of `path` in program order, if it can run now.
    func tsoEffects(_ path: PreparedPath, _ ts: ThreadState, _ memory: [StoredWrite]) -> [Effect] {
        guard ts.executed < path.accesses.count else { return [] }
        let i = path.accesses[ts.executed]
        let e = path.events[i]
        guard let location = e.location, let value = e.value else { return [] }
        if path.fencedBefore[i] && !ts.buffer.isEmpty { return [] }
        let locked = e.isRMW || e.kind == .lockRead || e.kind == .lockWrite
        if locked {
            guard ts.buffer.isEmpty, e.isRead, memory[location].value == value else { return [] }
            let w = path.rmwPartner[i]
            return [Effect(kind: .atomic, key: path.keys[i], location: location, value: value,
                           writeKey: w.map { path.keys[$0] }, written: w.flatMap { path.events[$0].value })]
        }
        if e.isWrite { return [Effect(kind: .write, key: path.keys[i], location: location, value: value)] }
        if let buffered = ts.buffer.last(where: { $0.location == location }) {
            return buffered.value == value
                ? [Effect(kind: .read, key: path.keys[i], location: location, value: value, forwarded: true)] : []
        }
        return memory[location].value == value
            ? [Effect(kind: .read, key: path.keys[i], location: location, value: value, source: memory[location].id)] : []
    }
}
