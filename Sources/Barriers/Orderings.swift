import _BarriersShims

// Orderings are sealed: the generic barrier and atomic functions accept only the types
// declared here. A conforming type must supply a `_...Seal<Self>`, whose initializer is
// internal, so a type outside this module cannot produce one (short of `unsafeBitCast`,
// or a witness that never returns, which traps on first use). The functions read the
// ordering from the seal, never from code an outside type could supply.

/// The ordering of a memory barrier (`mb`, `smp_mb`, `dma_mb`): ``Read``, ``Write`` or ``Full``.
///
/// Sealed: only this module's orderings conform, so `smp_mb(.relaxed)` or an ordering
/// type defined elsewhere does not compile. There is no default; the caller states intent.
///
/// ```swift
/// smp_mb(.write)      // the kernel's smp_wmb()
/// smp_mb(Full())      // the kernel's smp_mb()
/// ```
public protocol BarrierOrdering: Sendable {
    /// Seal: proof that the ordering was declared by the `Barriers` module.
    static var _barrierSeal: _BarrierSeal<Self> { get }
}

/// The ordering of an atomic read-modify-write (``xchg(_:_:_:)``, ``cmpxchg(_:_:_:_:)``,
/// `atomic_fetch_*`): ``Relaxed``, ``Acquire``, ``Release`` or ``Full``, the kernel's
/// `_relaxed`, `_acquire`, `_release` and unsuffixed (fully-ordered) forms.
///
/// Sealed like ``BarrierOrdering``; there is no default.
///
/// ```swift
/// let old = xchg(pointer, 1, .acquire)   // the kernel's xchg_acquire(pointer, 1)
/// ```
public protocol AtomicOrdering: Sendable {
    /// Seal: proof that the ordering was declared by the `Barriers` module.
    static var _atomicSeal: _AtomicSeal<Self> { get }
}

/// Seal of a ``BarrierOrdering``; only the `Barriers` module can create one.
public struct _BarrierSeal<Ordering>: Sendable {
    @usableFromInline internal let kind: _BarrierKind
    @inlinable internal init(_ kind: _BarrierKind) { self.kind = kind }
}

/// Seal of an ``AtomicOrdering``; only the `Barriers` module can create one.
public struct _AtomicSeal<Ordering>: Sendable {
    /// One of the shim's `_LITMUS_RELAXED` ... `_LITMUS_FULL`.
    @usableFromInline internal let order: Int32
    @inlinable internal init(_ order: Int32) { self.order = order }
}

@usableFromInline internal enum _BarrierKind: Sendable {
    case read, write, full
}

/// Read-read ordering: loads before the barrier are ordered before loads after it.
///
/// Kernel counterpart: the `Read` of `rust/kernel/sync/barrier.rs`; `mb(Read())` is `rmb()`.
///
/// ```swift
/// let ready = READ_ONCE(flag)
/// smp_mb(.read)                 // smp_rmb()
/// let value = READ_ONCE(data)
/// ```
public struct Read: BarrierOrdering {
    /// The read-read ordering.
    @inlinable public init() {}
    /// Seal: ``Read`` belongs to this module.
    @inlinable public static var _barrierSeal: _BarrierSeal<Read> { _BarrierSeal(.read) }
}

/// Write-write ordering: stores before the barrier are ordered before stores after it.
///
/// Kernel counterpart: the `Write` of `rust/kernel/sync/barrier.rs`; `mb(Write())` is `wmb()`.
///
/// ```swift
/// WRITE_ONCE(data, 42)
/// smp_mb(.write)                // smp_wmb()
/// WRITE_ONCE(flag, 1)
/// ```
public struct Write: BarrierOrdering {
    /// The write-write ordering.
    @inlinable public init() {}
    /// Seal: ``Write`` belongs to this module.
    @inlinable public static var _barrierSeal: _BarrierSeal<Write> { _BarrierSeal(.write) }
}

/// Full ordering: every access before is ordered before every access after.
///
/// Kernel counterpart: `Full` (shared by `barrier.rs` and the atomic orderings). As a
/// barrier ordering `smp_mb(Full())` is `smp_mb()`; as an atomic ordering it selects the
/// fully-ordered (unsuffixed) form, e.g. `xchg(p, v, .full)` is `xchg(p, v)`.
///
/// ```swift
/// WRITE_ONCE(x, 1)
/// smp_mb(.full)                 // smp_mb(): store buffering cannot happen
/// let r0 = READ_ONCE(y)
/// ```
public struct Full: BarrierOrdering, AtomicOrdering {
    /// The full ordering.
    @inlinable public init() {}
    /// Seal: ``Full`` belongs to this module.
    @inlinable public static var _barrierSeal: _BarrierSeal<Full> { _BarrierSeal(.full) }
    /// Seal: ``Full`` belongs to this module.
    @inlinable public static var _atomicSeal: _AtomicSeal<Full> { _AtomicSeal(_LITMUS_FULL) }
}

/// No ordering beyond atomicity (and dependencies): the kernel's `_relaxed` atomics.
///
/// ```swift
/// let old = atomic_fetch_add(counter, 1, .relaxed)   // atomic_fetch_add_relaxed
/// ```
public struct Relaxed: AtomicOrdering {
    /// The relaxed ordering.
    @inlinable public init() {}
    /// Seal: ``Relaxed`` belongs to this module.
    @inlinable public static var _atomicSeal: _AtomicSeal<Relaxed> { _AtomicSeal(_LITMUS_RELAXED) }
}

/// Acquire: the read of the operation is ordered before every later access; the kernel's
/// `_acquire` atomics.
///
/// ```swift
/// while xchg(lock, 1, .acquire) != 0 {}   // xchg_acquire: take a test-and-set lock
/// ```
public struct Acquire: AtomicOrdering {
    /// The acquire ordering.
    @inlinable public init() {}
    /// Seal: ``Acquire`` belongs to this module.
    @inlinable public static var _atomicSeal: _AtomicSeal<Acquire> { _AtomicSeal(_LITMUS_ACQUIRE) }
}

/// Release: every earlier access is ordered before the write of the operation; the kernel's
/// `_release` atomics.
///
/// ```swift
/// _ = xchg(lock, 0, .release)             // xchg_release: drop the lock
/// ```
public struct Release: AtomicOrdering {
    /// The release ordering.
    @inlinable public init() {}
    /// Seal: ``Release`` belongs to this module.
    @inlinable public static var _atomicSeal: _AtomicSeal<Release> { _AtomicSeal(_LITMUS_RELEASE) }
}

extension BarrierOrdering where Self == Read {
    /// Read-read ordering: `mb(.read)` is the kernel's `rmb()`.
    @inlinable public static var read: Read { Read() }
}

extension BarrierOrdering where Self == Write {
    /// Write-write ordering: `mb(.write)` is the kernel's `wmb()`.
    @inlinable public static var write: Write { Write() }
}

extension BarrierOrdering where Self == Full {
    /// Full ordering: `mb(.full)` is the kernel's `mb()`.
    @inlinable public static var full: Full { Full() }
}

extension AtomicOrdering where Self == Relaxed {
    /// Relaxed: `xchg(p, v, .relaxed)` is the kernel's `xchg_relaxed(p, v)`.
    @inlinable public static var relaxed: Relaxed { Relaxed() }
}

extension AtomicOrdering where Self == Acquire {
    /// Acquire: `xchg(p, v, .acquire)` is the kernel's `xchg_acquire(p, v)`.
    @inlinable public static var acquire: Acquire { Acquire() }
}

extension AtomicOrdering where Self == Release {
    /// Release: `xchg(p, v, .release)` is the kernel's `xchg_release(p, v)`.
    @inlinable public static var release: Release { Release() }
}

extension AtomicOrdering where Self == Full {
    /// Fully ordered: `xchg(p, v, .full)` is the kernel's `xchg(p, v)`.
    @inlinable public static var full: Full { Full() }
}
