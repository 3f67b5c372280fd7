import Litmus

/// Stage 1 of the explorer: each thread's paths over value domains grown by fixpoint (a read
/// may return any value some write may write), the one place those domains are computed.
/// The fixpoint takes both ways of every branch whose condition depends on a read, and counts
/// the writes of paths that die later (see ``ThreadExecutor/bothWaysOnReads``), so a value
/// justified only through the other way, or past a not-yet-valid pointer, is not missed.
struct ThreadPathSearch {
    let program: Program
    let options: CheckOptions

    /// Each thread's complete paths (deadlocking lock nests removed), how many paths the loop
    /// bound cut, and the accesses through a non-address met over the same domains.
    struct Result {
        var paths: [[ThreadPath]]
        var cut: Int
        var badAccesses: [String]
    }

    func run() throws(ModelError) -> Result {
        let narrow = try run(seeingSameRoundWrites: false)
        // Only when the round cap cut the chains short: the older, wider domains, kept for
        // the same results as before.
        return narrow.capped ? try run(seeingSameRoundWrites: true).result : narrow.result
    }

    /// A value reaches a read through a chain of distinct writes, so with rounds that only
    /// see the previous round's values, rounds beyond the number of writes an execution can
    /// hold add only unreachable values. Letting a thread see writes of the same round
    /// instead chains several threads per round: 5 lock-protected increments of x reached
    /// 76 values of x (2.9 G path combinations) where 0...5 are reachable. `capped`: the
    /// last round still changed a domain and `valueIterations` (not the chain bound) ended it.
    private func run(seeingSameRoundWrites: Bool) throws(ModelError) -> (result: Result, capped: Bool) {
        var domains = program.variables.map { [$0.initialValue] }
        var lastDomains = domains
        var round = 0
        var rounds = options.valueIterations
        var capped = false
        while round < rounds {
            round += 1
            lastDomains = domains
            var changed = false
            var next = domains
            var writesPerExecution = 0
            for thread in program.threads {
                var executor = ThreadExecutor(program: program, thread: thread, domains: domains,
                                              loopBound: options.loopUnrolling, maxPaths: options.maxPathsPerThread)
                executor.bothWaysOnReads = true
                let (paths, _, deadWrites) = try executor.runKeepingDeadWrites()
                let writes = paths.map { $0.events.filter { $0.kind == .write } } + deadWrites
                for e in writes.joined() where !next[e.location!].contains(e.value!) {
                    next[e.location!].append(e.value!)
                    changed = true
                }
                writesPerExecution += writes.map(\.count).max() ?? 0
                if seeingSameRoundWrites { domains = next }
            }
            domains = next
            // Paths only gain writes as domains grow: the bound is this round's.
            rounds = seeingSameRoundWrites ? min(rounds, writesPerExecution + 1)
                : min(options.valueIterations, writesPerExecution + 1)
            if !changed { break }
            capped = round == options.valueIterations && writesPerExecution + 1 > options.valueIterations
        }
        // The paths themselves take each branch the way its condition's values say; their bad
        // accesses are those of the domains the result is computed over.
        var result = Result(paths: [], cut: 0, badAccesses: [])
        let log = BadAccessLog()
        for thread in program.threads {
            var executor = ThreadExecutor(program: program, thread: thread, domains: lastDomains,
                                          loopBound: options.loopUnrolling, maxPaths: options.maxPathsPerThread)
            executor.badAccesses = log
            let (paths, c) = try executor.run()
            result.cut += c
            result.paths.append(paths.filter(Self.respectsLockNesting))
        }
        result.badAccesses = log.messages
        return (result, capped)
    }

    /// lock.cat's lock-nest and nested-is-locked: taking a lock, or seeing it free, inside
    /// one's own critical section on it deadlocks, so such a path never completes.
    static func respectsLockNesting(_ path: ThreadPath) -> Bool {
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
}
