import _HarnessShims

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What happened when a thread asked to be pinned to a CPU.
public enum PinningResult: Equatable, Sendable {
    /// The thread now runs only on the requested CPU.
    case pinned
    /// The system has no thread pinning (macOS); the thread runs wherever the scheduler puts it.
    case unsupported
    /// The system refused, with this `errno` (for example `EINVAL`: the CPU is not available).
    case failed(errno: Int32)
}

/// The seam between the harness and the CPUs: which CPUs the process may use, and pinning
/// the calling thread to one of them. ``SystemThreadPinning`` is the real one;
/// ``RecordingThreadPinning`` stands in for it in tests.
///
/// ```swift
/// let pinning: any ThreadPinning = SystemThreadPinning()
/// let cpus = pinning.availableCPUs()            // e.g. [0, 1, 2, 3]
/// if pinning.pinCurrentThread(to: cpus[0]) == .unsupported { /* run unpinned */ }
/// ```
public protocol ThreadPinning: Sendable {
    /// The CPU numbers the calling thread may run on, ascending (Linux: `sched_getaffinity`).
    func availableCPUs() -> [Int]

    /// Restricts the calling thread to `cpu` (Linux: `pthread_setaffinity_np`).
    func pinCurrentThread(to cpu: Int) -> PinningResult
}

extension ThreadPinning {
    /// How many CPUs the calling thread may run on (at least 1).
    public var cpuCount: Int { max(1, availableCPUs().count) }
}

/// Thread pinning through the operating system: affinity on Linux, ``PinningResult/unsupported``
/// on systems without it (macOS), where ``availableCPUs()`` lists the online CPUs.
public struct SystemThreadPinning: ThreadPinning {
    /// The system's pinning.
    public init() {}

    /// The CPUs the calling thread may run on; `[0]` if the system cannot tell.
    public func availableCPUs() -> [Int] {
        var capacity: Int32 = 256
        while true {
            var cpus = [Int32](repeating: 0, count: Int(capacity))
            let count = _litmus_available_cpus(&cpus, capacity)
            if count <= 0 { return [0] }
            if count <= capacity { return cpus.prefix(Int(count)).map(Int.init) }
            capacity = count
        }
    }

    /// Pins the calling thread to `cpu`; `.failed(errno: EINVAL)` for a CPU that does not exist.
    public func pinCurrentThread(to cpu: Int) -> PinningResult {
        guard let cpu32 = Int32(exactly: cpu) else { return .failed(errno: EINVAL) }
        switch _litmus_pin_current_thread(cpu32) {
        case 0: return .pinned
        case -1: return .unsupported
        case let error: return .failed(errno: error)
        }
    }
}
