#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``ThreadPinning`` for tests: reports the CPUs it was given, answers every pin request
/// with a chosen result (or `.failed(errno: EINVAL)` for a CPU outside its list), and records
/// each request. Safe to use from many threads at once.
///
/// ```swift
/// let pinning = RecordingThreadPinning(cpus: [0, 2], result: .pinned)
/// runner.run(using: pinning)
/// #expect(pinning.requests.sorted() == [0, 2])
/// ```
public final class RecordingThreadPinning: ThreadPinning, @unchecked Sendable {
    private let cpus: [Int]
    private let result: PinningResult
    private let lock = ThreadLock()
    private var recorded: [Int] = []  // guarded by lock

    /// A fake machine with `cpus`; pin requests for those CPUs return `result`.
    public init(cpus: [Int], result: PinningResult = .pinned) {
        self.cpus = cpus
        self.result = result
    }

    /// The CPUs given at creation.
    public func availableCPUs() -> [Int] { cpus }

    /// Records `cpu`; returns the configured result, or `.failed(errno: EINVAL)` for an unknown CPU.
    public func pinCurrentThread(to cpu: Int) -> PinningResult {
        lock.withLock { recorded.append(cpu) }
        return cpus.contains(cpu) ? result : .failed(errno: EINVAL)
    }

    /// Every CPU a pin was requested for, in the order the requests arrived.
    public var requests: [Int] {
        lock.withLock { recorded }
    }
}
