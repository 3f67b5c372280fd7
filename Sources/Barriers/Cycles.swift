import CBarriers

/// A timestamp from the CPU's free-running counter: cheap enough to read around every
/// iteration of a litmus test, to tell whether threads ran at the same time. It orders no
/// memory access and is not a compiler barrier.
///
/// Kernel counterpart: `get_cycles()`.
/// Reads: x86-64 `rdtsc` (the constant-rate TSC, in reference cycles); arm64 `mrs cntvct_el0`
/// (the virtual counter, often 24 MHz to 1 GHz); other architectures the monotonic clock in
/// nanoseconds. Comparable across CPUs where the counter is synchronised (it is on Linux's
/// supported x86-64 and arm64 systems).
///
/// ```swift
/// let start = get_cycles()
/// WRITE_ONCE(x, 1)
/// let end = get_cycles()
/// ```
@inlinable @inline(__always)
public func get_cycles() -> UInt64 {
    _litmus_get_cycles()
}
