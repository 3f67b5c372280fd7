import Foundation
import Litmus
import Models

/// What `check` computed for one file: its parse error, or the test and one result per model.
enum FileCheck: Sendable {
    case unreadable(String)
    case checked(Program, [Result<CheckResult, ModelError>])
}

/// Runs `check`'s per-file work on `jobs` threads of this one process while the caller
/// prints results in input order as soon as each is ready (`result(_:)` waits for it).
final class ParallelChecks: @unchecked Sendable {  // `results` is only touched under `lock`
    private var results: [FileCheck?]
    private var next = 0
    private let lock = NSLock()
    private let ready: [DispatchSemaphore]

    init(count: Int, jobs: Int, _ work: @escaping @Sendable (Int) -> FileCheck) {
        results = Array(repeating: nil, count: count)
        ready = (0 ..< count).map { _ in DispatchSemaphore(value: 0) }
        for _ in 0 ..< min(jobs, count) {
            let thread = Thread { [self] in
                while let i = claim() {
                    let outcome = work(i)
                    lock.lock()
                    results[i] = outcome
                    lock.unlock()
                    ready[i].signal()
                }
            }
            thread.stackSize = 16 << 20  // deep recursion in the enumerator, as on the main thread
            thread.start()
        }
    }

    private func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < results.count else { return nil }
        next += 1
        return next - 1
    }

    /// File `i`'s outcome, waiting until a worker has it; each is handed out once.
    func result(_ i: Int) -> FileCheck {
        ready[i].wait()
        lock.lock()
        defer { lock.unlock() }
        let outcome = results[i]!
        results[i] = nil
        return outcome
    }
}
