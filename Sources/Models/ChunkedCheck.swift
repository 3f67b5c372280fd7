import Foundation
import Litmus

/// One test's combinations of thread paths split into chunks (``PathCombinations/Chunking``)
/// and checked on several threads of this process. Each chunk gets its own tally; the tallies
/// merge in chunk order, which is the sequential order, so the states, counts and flags are
/// those of a sequential check whatever the number of threads or their timing.
enum ChunkedCheck {
    struct Outcome {
        var tally: StateTally
        var statistics: CandidateEnumerator.Statistics
        /// Processor time of the helper threads (the calling thread's own is measured by the caller).
        var otherThreadsTime: Double
    }

    /// The chunks' shared state: claimed one at a time, results stored by chunk index.
    private final class Shared: @unchecked Sendable {  // mutable fields only touched under `lock`
        let lock = NSLock()
        var next = 0
        var failed = false
        var spent = 0.0
        var tallies: [StateTally?]
        var statistics: [CandidateEnumerator.Statistics?]
        var errors: [ModelError?]
        var helperTime = 0.0
        /// The tallies of chunks 0 ..< `mergedCount`, merged in order while other chunks are
        /// still being checked (only touched by the holder of `mergeLock`).
        let mergeLock = NSLock()
        var merged: StateTally
        var mergedCount = 0

        init(count: Int, program: Program) {
            merged = StateTally(program: program)
            tallies = Array(repeating: nil, count: count)
            statistics = Array(repeating: nil, count: count)
            errors = Array(repeating: nil, count: count)
        }

        /// The next chunk and the processor time spent so far, or nil when done or failed.
        func claim() -> (Int, Double)? {
            lock.lock()
            defer { lock.unlock() }
            guard !failed, next < tallies.count else { return nil }
            next += 1
            return (next - 1, spent)
        }

        /// Merges the finished chunks that follow the merged ones, unless another thread is
        /// already merging (it, or the final merge, takes them). Keeps the merge off the
        /// critical path: it runs while the other threads still check chunks.
        func mergeFinished() {
            guard mergeLock.try() else { return }
            defer { mergeLock.unlock() }
            while true {
                lock.lock()
                let part = mergedCount < tallies.count ? tallies[mergedCount] : nil
                if part != nil { tallies[mergedCount] = nil }
                lock.unlock()
                guard let part else { return }
                merged.append(part)
                mergedCount += 1
            }
        }
    }

    /// A non-Sendable value handed to the helper threads, which only read it.
    private struct Frozen<T>: @unchecked Sendable { let value: T }

    /// `threads` with every array and string in fresh storage.
    private static func privateCopy(_ threads: ThreadPathSearch.Result) -> ThreadPathSearch.Result {
        func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        var copy = threads
        copy.paths = threads.paths.map { paths in
            paths.map { path in
                var own = ThreadPath()
                own.events = path.events.map { event in
                    var event = event
                    if var origin = event.origin {
                        origin.text = fresh(origin.text)
                        origin.location.file = fresh(origin.location.file)
                        event.origin = origin
                    }
                    return event
                }
                (own.addr, own.data, own.ctrl, own.rmw) = (path.addr.map { $0 }, path.data.map { $0 }, path.ctrl.map { $0 }, path.rmw.map { $0 })
                own.registers = path.registers.map { $0 }
                return own
            }
        }
        return copy
    }

    static func run(
        _ enumerator: CandidateEnumerator, _ threads: ThreadPathSearch.Result, _ chunking: PathCombinations.Chunking,
        memoryModel: any MemoryModel, workers: Int
    ) throws(ModelError) -> Outcome {
        let shared = Shared(count: chunking.count, program: enumerator.program)
        let perChunk = Int(Swift.min(threads.paths.reduce(1.0) { $0 * Double($1.count) } / Double(chunking.count), 1e9))
        let inputs = Frozen(value: (enumerator, threads))
        @Sendable func work() {
            let (shared0, threads0) = inputs.value
            // Each thread works on its own copies: reference counts of shared arrays and
            // strings, touched for every candidate, would bounce between the cores.
            let enumerator = CandidateEnumerator(program: shared0.program, options: shared0.options)
            let threads = privateCopy(threads0)
            let judge = ModelChecker.judgement(memoryModel, enumerator.options)
            let prune = ModelChecker.pruning(memoryModel, judge)
            while let (index, spent) = shared.claim() {
                let chunkStart = processorTime()
                var tally = StateTally(program: enumerator.program, expected: perChunk)
                let result: Result<CandidateEnumerator.Statistics, ModelError>
                do throws(ModelError) {
                    result = .success(try enumerator.enumerate(threads, chunk: (chunking, index), spentBefore: spent, prune: prune) {
                        tally.record($0, judge: judge)
                        return true
                    })
                } catch {
                    result = .failure(error)
                }
                let chunkTime = processorTime() - chunkStart
                shared.lock.lock()
                shared.spent += chunkTime
                switch result {
                case let .success(statistics):
                    shared.statistics[index] = statistics
                    shared.tallies[index] = tally
                case let .failure(error):
                    shared.errors[index] = error
                    shared.failed = true
                }
                shared.lock.unlock()
                shared.mergeFinished()
            }
        }
        let helpers = min(workers, chunking.count) - 1
        let done = DispatchSemaphore(value: 0)
        for _ in 0 ..< helpers {
            let thread = Thread {
                let start = processorTime()
                work()
                let time = processorTime() - start
                shared.lock.lock()
                shared.helperTime += time
                shared.lock.unlock()
                done.signal()
            }
            thread.stackSize = 16 << 20  // as the checking threads of `litmus check -j`
            thread.start()
        }
        work()
        for _ in 0 ..< helpers { done.wait() }
        if let error = shared.errors.compactMap({ $0 }).first { throw error }
        shared.mergeFinished()  // every thread is done: no other thread holds the merge lock
        precondition(shared.mergedCount == chunking.count, "every chunk merged")
        let tally = shared.merged
        var statistics = CandidateEnumerator.Statistics()
        statistics.cutPaths = threads.cut
        statistics.badAccesses = threads.badAccesses
        for index in 0 ..< chunking.count {
            let part = shared.statistics[index]!
            statistics.candidates += part.candidates
            statistics.partialChecks += part.partialChecks
            statistics.combinations += part.combinations
            statistics.steps += part.steps
        }
        return Outcome(tally: tally, statistics: statistics, otherThreadsTime: shared.helperTime)
    }
}
