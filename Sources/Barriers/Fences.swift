import _BarriersShims

// The seed's CONFIG_SMP, decided once for every SMP primitive: building with
// `-Xswiftc -DLITMUS_UNIPROCESSOR` turns smp_mb(_:), smp_load_acquire(_:),
// smp_store_release(_:_:) and smp_mb__before/after_atomic() into compiler barriers.
@inlinable @inline(__always)
internal var _isSMP: Bool {
    #if LITMUS_UNIPROCESSOR
    false
    #else
    true
    #endif
}

/// A compiler barrier: the compiler may not move memory accesses across it. Emits no
/// instruction on any architecture and does not order the CPU.
///
/// Kernel counterpart: `barrier()`.
///
/// ```swift
/// WRITE_ONCE(flag, 1)
/// barrier()          // keeps the two stores in program order in the generated code
/// WRITE_ONCE(flag, 2)
/// ```
@inlinable @inline(__always)
public func barrier() {
    _litmus_barrier()
}

/// Memory barrier: orders this CPU's accesses for every observer, other CPUs and devices
/// (MMIO) alike.
///
/// Kernel counterpart: `mb()`, `rmb()`, `wmb()` (`mb(Full)`, `mb(Read)`, `mb(Write)` in
/// `rust/kernel/sync/barrier.rs`). ``Read`` orders loads against loads, ``Write`` stores
/// against stores, ``Full`` everything against everything.
///
/// | ordering | x86-64 | arm64 | other |
/// | --- | --- | --- | --- |
/// | `.read` | `lfence` | `dsb ld` | C11 acquire fence |
/// | `.write` | `sfence` | `dsb st` | C11 release fence |
/// | `.full` | `mfence` | `dsb sy` | C11 seq_cst fence |
///
/// ```swift
/// descriptor.pointee.length = 64
/// mb(.write)                    // wmb(): descriptor visible before the doorbell
/// WRITE_ONCE(doorbell, 1)
/// ```
@inlinable @inline(__always)
public func mb<Ordering: BarrierOrdering>(_: Ordering) {
    switch Ordering._barrierSeal.kind {
    case .read: _litmus_rmb()
    case .write: _litmus_wmb()
    case .full: _litmus_mb()
    }
}

/// Memory barrier between CPUs: orders this CPU's accesses as other CPUs see them (not
/// devices). In a uniprocessor build (`-DLITMUS_UNIPROCESSOR`) it is ``barrier()``.
///
/// Kernel counterpart: `smp_mb()`, `smp_rmb()`, `smp_wmb()` (`smp_mb(Full)`, ... in
/// `rust/kernel/sync/barrier.rs`).
///
/// | ordering | x86-64 | arm64 | other |
/// | --- | --- | --- | --- |
/// | `.read` | compiler barrier | `dmb ishld` | C11 acquire fence |
/// | `.write` | compiler barrier | `dmb ishst` | C11 release fence |
/// | `.full` | `lock; addl $0,-4(%rsp)` | `dmb ish` | C11 seq_cst fence |
///
/// ```swift
/// WRITE_ONCE(x, 1)
/// smp_mb(.full)                 // without it, x86 and arm64 may both read 0 (SB)
/// let r0 = READ_ONCE(y)
/// ```
@inlinable @inline(__always)
public func smp_mb<Ordering: BarrierOrdering>(_: Ordering) {
    guard _isSMP else { return barrier() }
    switch Ordering._barrierSeal.kind {
    case .read: _litmus_smp_rmb()
    case .write: _litmus_smp_wmb()
    case .full: _litmus_smp_mb()
    }
}

/// Memory barrier between this CPU and bus-mastering devices for coherent DMA memory; does
/// not order against other CPUs.
///
/// Kernel counterpart: `dma_mb()`, `dma_rmb()`, `dma_wmb()` (`dma_mb(Full)`, ... in
/// `rust/kernel/sync/barrier.rs`).
///
/// | ordering | x86-64 | arm64 | other |
/// | --- | --- | --- | --- |
/// | `.read` | compiler barrier | `dmb oshld` | C11 acquire fence |
/// | `.write` | compiler barrier | `dmb oshst` | C11 release fence |
/// | `.full` | `mfence` | `dmb osh` | C11 seq_cst fence |
///
/// ```swift
/// ring.pointee.address = bufferAddress
/// dma_mb(.write)                // dma_wmb(): descriptor before its ownership flag
/// WRITE_ONCE(ownedByDevice, 1)
/// ```
@inlinable @inline(__always)
public func dma_mb<Ordering: BarrierOrdering>(_: Ordering) {
    switch Ordering._barrierSeal.kind {
    case .read: _litmus_dma_rmb()
    case .write: _litmus_dma_wmb()
    case .full: _litmus_dma_mb()
    }
}

/// Upgrades the following non-value-returning atomic (for example a relaxed
/// ``atomic_fetch_add(_:_:_:)`` whose result is ignored) to be fully ordered with
/// everything before it. ``barrier()`` in a uniprocessor build.
///
/// Kernel counterpart: `smp_mb__before_atomic()`.
/// Emits: x86-64 nothing (a compiler barrier: locked instructions already order);
/// arm64 `dmb ish`; other architectures a C11 seq_cst fence.
///
/// ```swift
/// WRITE_ONCE(data, 1)
/// smp_mb__before_atomic()
/// _ = atomic_fetch_or(flags, 1, .relaxed)
/// ```
@inlinable @inline(__always)
public func smp_mb__before_atomic() {
    guard _isSMP else { return barrier() }
    _litmus_smp_mb__before_atomic()
}

/// Orders the preceding non-value-returning atomic fully with everything after it.
/// ``barrier()`` in a uniprocessor build.
///
/// Kernel counterpart: `smp_mb__after_atomic()`.
/// Emits: x86-64 nothing (a compiler barrier); arm64 `dmb ish`; other architectures a C11
/// seq_cst fence.
///
/// ```swift
/// _ = atomic_fetch_sub(references, 1, .relaxed)
/// smp_mb__after_atomic()
/// let state = READ_ONCE(objectState)
/// ```
@inlinable @inline(__always)
public func smp_mb__after_atomic() {
    guard _isSMP else { return barrier() }
    _litmus_smp_mb__after_atomic()
}

/// Makes the lock acquisition just before it a full barrier: accesses before the lock are
/// ordered before accesses after it. ``barrier()`` in a uniprocessor build.
///
/// Kernel counterpart: `smp_mb__after_spinlock()`.
/// Emits: x86-64 nothing (a compiler barrier: the locked RMW that took the lock already
/// orders everything); arm64 `dmb ish`; other architectures a C11 seq_cst fence.
///
/// ```swift
/// spin_lock(lock)
/// smp_mb__after_spinlock()
/// let r0 = READ_ONCE(y)      // ordered after stores made before spin_lock
/// ```
@inlinable @inline(__always)
public func smp_mb__after_spinlock() {
    guard _isSMP else { return barrier() }
    _litmus_smp_mb__after_spinlock()
}

/// Makes an unlock followed by a lock (of the same or another lock, by this CPU) a full
/// barrier. ``barrier()`` in a uniprocessor build.
///
/// Kernel counterpart: `smp_mb__after_unlock_lock()`.
/// Emits: x86-64 nothing (a compiler barrier: the locked RMW that took the lock already
/// orders everything); other architectures a full ``smp_mb(_:)`` (the kernel needs one only on
/// powerpc; this library does not rely on its locks being RCsc elsewhere).
///
/// ```swift
/// spin_unlock(a)
/// spin_lock(b)
/// smp_mb__after_unlock_lock()
/// ```
@inlinable @inline(__always)
public func smp_mb__after_unlock_lock() {
    guard _isSMP else { return barrier() }
    #if arch(x86_64)
    barrier()
    #else
    _litmus_smp_mb()
    #endif
}

/// A hint inside a spin-wait loop: lets the sibling hyperthread run and saves power.
/// Orders nothing for other CPUs but is a compiler barrier, so a plain re-read is not hoisted.
///
/// Kernel counterpart: `cpu_relax()`.
/// Emits: x86-64 `pause`; arm64 `yield`; other architectures a compiler barrier.
///
/// ```swift
/// while READ_ONCE(go) == 0 { cpu_relax() }
/// ```
@inlinable @inline(__always)
public func cpu_relax() {
    _litmus_cpu_relax()
}
