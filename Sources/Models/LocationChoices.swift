import Litmus

/// One location's share of a candidate: its coherence order (initial write first) and the
/// write each of its reads reads from.
struct LocationChoice {
    var coherence: [Int]
    var readsFrom: [(read: Int, write: Int)]
}

/// Enumerates, for one location, the coherence orders and reads-from choices that respect
/// coherence per location (CoWW, CoWR, CoRW, CoRR) and RMW atomicity, the axioms every model
/// shares; reads only read writes of the value they returned. Locations holding lock events
/// follow lock.cat instead (LKW order, UL right after its LKW, LKR reading its predecessor).
struct LocationChoices {
    let events: [Event]
    /// Position of each event in its thread (program order), -1 for initial writes.
    let poIndex: [Int]
    /// RMW partner: read → write (-1 for none), by event.
    let rmwWrite: [Int]
    /// Keep only choices coherent per location (false: every order and every same-valued
    /// source, so that explanations can show the coherence cycle that forbids a state).
    var coherentOnly = true
    /// Stop enumerating once a location has more choices than this (the caller reports the
    /// explosion): 10 writes to one location already make 3.6 M coherence orders.
    var maxChoices = Int.max

    func choices(location: Int, initialWrite: Int, members: [Int]) -> [LocationChoice] {
        let writes = members.filter { events[$0].kind == .write }
        let reads = members.filter { events[$0].kind == .read }
        var result: [LocationChoice] = []
        // Per read, fixed across coherence orders: its thread's writes here, the same-valued writes.
        let sameThreadWrites = reads.map { r in writes.filter { events[$0].thread == events[r].thread } }
        let sources = reads.map { r in ([initialWrite] + writes).filter { events[$0].value == events[r].value } }
        var position = Array(repeating: -1, count: events.count)
        forEachOrder(writes, fixedLast: nil, stop: { result.count > maxChoices }) { order in
            let coherence = [initialWrite] + order
            for (i, w) in coherence.enumerated() { position[w] = i }
            self.forEachReadsFrom(reads, coherence: coherence, position: position, sameThreadWrites: sameThreadWrites,
                                  sources: sources, stop: { result.count > maxChoices }) { rf in
                result.append(LocationChoice(coherence: coherence, readsFrom: rf))
            }
        }
        return result
    }

    /// Orders of `writes` that keep each thread's writes in program order, `fixedLast` last.
    private func forEachOrder(_ writes: [Int], fixedLast: Int?, stop: () -> Bool, _ body: ([Int]) -> Void) {
        if writes.count <= 1 { body(writes); return }
        let free = writes.filter { $0 != fixedLast }
        var order: [Int] = []
        var used = Array(repeating: false, count: free.count)
        func place() {
            if stop() { return }
            if order.count == free.count {
                body(fixedLast.map { order + [$0] } ?? order)
                return
            }
            for (i, w) in free.enumerated() where !used[i] {
                // A same-thread write earlier in program order must already be placed.
                let blocked = coherentOnly && free.indices.contains { j in
                    !used[j] && j != i && events[free[j]].thread == events[w].thread && poIndex[free[j]] < poIndex[w]
                }
                if blocked { continue }
                used[i] = true
                order.append(w)
                place()
                order.removeLast()
                used[i] = false
            }
        }
        place()
    }

    private func forEachReadsFrom(
        _ reads: [Int], coherence: [Int], position: [Int], sameThreadWrites: [[Int]], sources: [[Int]],
        stop: () -> Bool, _ body: ([(read: Int, write: Int)]) -> Void
    ) {
        // Candidate sources per read, filtered by value and by the read's own thread.
        var candidates: [[Int]] = []
        for (k, r) in reads.enumerated() {
            let read = events[r]
            candidates.append(sources[k].filter { w in
                guard coherentOnly else { return true }
                let p = position[w]
                for other in sameThreadWrites[k] {
                    if poIndex[other] < poIndex[r] && position[other] > p { return false }  // CoWR
                    if poIndex[other] > poIndex[r] && position[other] <= p { return false }  // CoRW
                }
                let partner = rmwWrite[r]
                if partner >= 0 {
                    // Atomicity: no other thread's write between the source and the RMW's write.
                    let pw = position[partner]
                    if pw <= p { return false }
                    for i in (p + 1) ..< pw where events[coherence[i]].thread != read.thread { return false }
                }
                return true
            }.sorted { position[$0] < position[$1] })
        }
        var chosen: [(read: Int, write: Int)] = []
        func pick(_ k: Int) {
            if stop() { return }
            if k == reads.count { body(chosen); return }
            let r = reads[k]
            for w in candidates[k] {
                // CoRR: an earlier read of the same thread must not read a coherence-later write.
                let violates = coherentOnly && chosen.contains { prior in
                    events[prior.read].thread == events[r].thread &&
                        poIndex[prior.read] < poIndex[r] && position[prior.write] > position[w]
                }
                if violates { continue }
                chosen.append((r, w))
                pick(k + 1)
                chosen.removeLast()
            }
        }
        pick(0)
    }

    // MARK: - lock.cat

    /// A lock location's coherence is built one critical section at a time (``LockPlan``), so
    /// that impossible lock orders are pruned early instead of listed.
    func lockPlan(initialWrite: Int, members: [Int]) -> LockPlan? {
        func isBefore(_ a: Int, _ b: Int) -> Bool {
            events[a].thread == events[b].thread && poIndex[a] < poIndex[b]
        }
        let lockWrites = members.filter { events[$0].kind == .lockWrite || events[$0].kind == .write }
        let unlocks = members.filter { events[$0].kind == .unlock }
        // critical: each LKW to the first UL after it with no LKW or UL in between.
        var unlockOf: [Int: Int] = [:]
        for w in lockWrites where events[w].kind == .lockWrite {
            let later = members.filter {
                isBefore(w, $0) && (events[$0].kind == .unlock || events[$0].kind == .lockWrite)
            }.min { poIndex[$0] < poIndex[$1] }
            if let u = later, events[u].kind == .unlock { unlockOf[w] = u }
        }
        let unmatched = lockWrites.filter { events[$0].kind == .lockWrite && unlockOf[$0] == nil }
        if unmatched.count > 1 { return nil }  // lock.cat's unmatched-locks: must deadlock
        var lockReadOf: [Int: Int] = [:]
        for r in members where events[r].kind == .lockRead && rmwWrite[r] >= 0 { lockReadOf[rmwWrite[r]] = r }
        // Sources for LF / RL (a held lock) and RU (a free lock); plain reads wait for the order.
        var otherReads: [Int] = [], fixedCandidates: [[Int]?] = []
        for r in members where events[r].isRead && events[r].kind != .lockRead {
            otherReads.append(r)
            switch events[r].kind {
            case .lockFail, .readLocked:
                let holder = lockWrites.filter { w in
                    events[w].kind == .lockWrite && isBefore(w, r) && !unlocks.contains { u in isBefore(w, u) && isBefore(u, r) }
                }.max { poIndex[$0] < poIndex[$1] }
                fixedCandidates.append(holder.map { [$0] }
                    ?? lockWrites.filter { events[$0].kind == .lockWrite && events[$0].thread != events[r].thread })
            case .readUnlocked:
                let own = unlocks.filter { isBefore($0, r) }.max { poIndex[$0] < poIndex[$1] }
                fixedCandidates.append((own.map { [$0] } ?? []) + [initialWrite] + unlocks.filter { events[$0].thread != events[r].thread })
            default:
                fixedCandidates.append(nil)
            }
        }
        return LockPlan(initialWrite: initialWrite, lockWrites: lockWrites, unlockOf: unlockOf, unmatched: unmatched.first,
                        lockReadOf: lockReadOf, otherReads: otherReads, fixedCandidates: fixedCandidates,
                        events: events, poIndex: poIndex)
    }
}

/// How a lock location's candidates are built (lock.cat): an order of the lock writes (LKW),
/// each followed in coherence by its unlock (UL), the unmatched LKW (at most one) last; each
/// lock read (LKR) reads from its LKW's predecessor, which must be the initial write or an
/// UL; failed trylocks and spin_is_locked() read as lock.cat allows.
struct LockPlan {
    let initialWrite: Int
    let lockWrites: [Int]
    let unlockOf: [Int: Int]
    let unmatched: Int?
    let lockReadOf: [Int: Int]
    let otherReads: [Int]
    let fixedCandidates: [[Int]?]
    let events: [Event]
    let poIndex: [Int]

    /// LKWs that may come next after `placed`: their thread's earlier LKWs are placed, and
    /// the unmatched one only last.
    func next(after placed: [Int]) -> [Int] {
        let remaining = lockWrites.filter { !placed.contains($0) }
        return remaining.filter { w in
            if w == unmatched && remaining.count > 1 { return false }
            return !remaining.contains { v in v != w && events[v].thread == events[w].thread && poIndex[v] < poIndex[w] }
        }
    }

    /// The coherence sequence of a (partial) order: initial write, then each LKW and its UL.
    func sequence(_ placed: [Int]) -> [Int] {
        var result = [initialWrite]
        for w in placed {
            result.append(w)
            if let u = unlockOf[w] { result.append(u) }
        }
        return result
    }

    /// Coherence edges certain once `placed` starts the order, and the LKRs' sources; nil when
    /// an LKR would read from something other than the initial write or an UL.
    func certain(_ placed: [Int]) -> (co: [(Int, Int)], rf: [(Int, Int)])? {
        let prefix = sequence(placed)
        let rest = lockWrites.filter { !placed.contains($0) }.flatMap { w in [w] + (unlockOf[w].map { [$0] } ?? []) }
        var co: [(Int, Int)] = []
        for i in 0 ..< prefix.count {
            for j in (i + 1) ..< Swift.max(i + 1, prefix.count) { co.append((prefix[i], prefix[j])) }
            for r in rest { co.append((prefix[i], r)) }
        }
        for w in rest { if let u = unlockOf[w] { co.append((w, u)) } }
        var rf: [(Int, Int)] = []
        for (i, e) in prefix.enumerated() where i > 0 {
            guard let r = lockReadOf[e] else { continue }
            let source = prefix[i - 1]
            guard source == initialWrite || events[source].kind == .unlock else { return nil }
            rf.append((source, r))
        }
        return (co, rf)
    }

    /// Sources for the other reads once the order is complete.
    func candidates(coherence: [Int]) -> [[Int]] {
        zip(otherReads, fixedCandidates).map { r, fixed in
            fixed ?? coherence.filter { events[$0].value == events[r].value }
        }
    }

    /// Upper bound of this location's choices, for deciding whether pruning pays.
    var estimatedChoices: Double {
        var orders = 1.0
        for k in stride(from: lockWrites.count, to: 1, by: -1) { orders *= Double(k) }
        return orders * fixedCandidates.reduce(1.0) { $0 * Double(Swift.max(1, $1?.count ?? 2)) }
    }
}
