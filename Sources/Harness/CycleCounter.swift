import _HarnessShims

/// A timestamp from the CPU's free-running counter, cheap enough to read around a sample of
/// a test's iterations to tell whether threads ran at the same time. It orders no memory
/// access and is not a compiler barrier, so it never orders the accesses under test.
///
/// Kernel counterpart: `get_cycles()`. Reads: x86-64 `rdtsc` (the constant-rate TSC);
/// arm64 `mrs cntvct_el0` (the virtual counter, often 24 MHz to 1 GHz); elsewhere the
/// monotonic clock in nanoseconds. Comparable across CPUs where the counter is synchronised
/// (it is on Linux's supported x86-64 and arm64 systems).
@inline(__always)
func get_cycles() -> UInt64 {
    _litmus_get_cycles()
}
