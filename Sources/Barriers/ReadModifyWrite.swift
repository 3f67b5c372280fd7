import _BarriersShims

// Atomic read-modify-writes in the kernel's four orderings. On x86-64 every ordering emits
// the same locked instruction (x86 RMWs are fully ordered); on arm64 the ordering selects
// the instruction form, as the tables below show (LSE when built for ARMv8.1+, e.g.
// `-Xcc -march=armv8.1-a`; LL/SC otherwise). The pointer comes first, as for xchg().

/// Atomically replaces `*pointer` with `new` and returns the previous value.
///
/// Kernel counterpart: `xchg(p, new)` with `.full`, `xchg_relaxed` / `xchg_acquire` /
/// `xchg_release` with the other orderings.
///
/// | ordering | x86-64 | arm64 LL/SC | arm64 LSE |
/// | --- | --- | --- | --- |
/// | `.relaxed` | `xchg` | `ldxr`/`stxr` loop | `swp` |
/// | `.acquire` | `xchg` | `ldaxr`/`stxr` loop | `swpa` |
/// | `.release` | `xchg` | `ldxr`/`stlxr` loop | `swpl` |
/// | `.full` | `xchg` | `ldxr`/`stlxr` loop, `dmb ish` | `swpal` |
///
/// Other architectures: `__atomic_exchange_n`, fully-ordered between seq_cst fences.
///
/// ```swift
/// while xchg(lock, 1, .acquire) != 0 {}
/// ```
@inlinable @inline(__always)
public func xchg<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ new: Scalar, _: Ordering
) -> Scalar {
    let order = Ordering._atomicSeal.order
    return _byWidth(
        pointer,
        { _litmus_xchg_8($0, UInt8(truncatingIfNeeded: new), order) },
        { _litmus_xchg_16($0, UInt16(truncatingIfNeeded: new), order) },
        { _litmus_xchg_32($0, UInt32(truncatingIfNeeded: new), order) },
        { _litmus_xchg_64($0, UInt64(truncatingIfNeeded: new), order) })
}

/// Atomically stores `new` in `*pointer` if it holds `expected`; returns the value found
/// (equal to `expected` on success). A failed cmpxchg implies no ordering, as in Linux.
///
/// Kernel counterpart: `cmpxchg(p, old, new)` with `.full`, `cmpxchg_relaxed` /
/// `cmpxchg_acquire` / `cmpxchg_release` with the other orderings.
///
/// | ordering | x86-64 | arm64 LL/SC | arm64 LSE |
/// | --- | --- | --- | --- |
/// | `.relaxed` | `lock cmpxchg` | `ldxr`/`cmp`/`stxr` loop | `cas` |
/// | `.acquire` | `lock cmpxchg` | `ldaxr`/`cmp`/`stxr` loop | `casa` |
/// | `.release` | `lock cmpxchg` | `ldxr`/`cmp`/`stlxr` loop | `casl` |
/// | `.full` | `lock cmpxchg` | `ldxr`/`cmp`/`stlxr` loop, `dmb ish` | `casal` |
///
/// Other architectures: `__atomic_compare_exchange_n`, fully-ordered between seq_cst fences.
///
/// ```swift
/// let seen = cmpxchg(owner, 0, myID, .acquire)
/// let tookIt = seen == 0
/// ```
@inlinable @inline(__always)
public func cmpxchg<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ expected: Scalar, _ new: Scalar, _: Ordering
) -> Scalar {
    let order = Ordering._atomicSeal.order
    return _byWidth(
        pointer,
        { _litmus_cmpxchg_8($0, UInt8(truncatingIfNeeded: expected), UInt8(truncatingIfNeeded: new), order) },
        { _litmus_cmpxchg_16($0, UInt16(truncatingIfNeeded: expected), UInt16(truncatingIfNeeded: new), order) },
        { _litmus_cmpxchg_32($0, UInt32(truncatingIfNeeded: expected), UInt32(truncatingIfNeeded: new), order) },
        { _litmus_cmpxchg_64($0, UInt64(truncatingIfNeeded: expected), UInt64(truncatingIfNeeded: new), order) })
}

/// Atomically adds `value` to `*pointer` (wrapping) and returns the previous value.
///
/// Kernel counterpart: `atomic_fetch_add(i, v)` with `.full`, `atomic_fetch_add_relaxed` /
/// `_acquire` / `_release` with the others (here on any ``AtomicScalar``).
///
/// Argument order differs from the kernel's: the kernel's `atomic_*` take the value first,
/// `atomic_fetch_add(i, v)`; every RMW here takes the pointer first, as `xchg(p, new)` and
/// `cmpxchg(p, old, new)` do in both, so all read alike: `atomic_fetch_add(v, i, .full)`.
///
/// | ordering | x86-64 | arm64 LL/SC | arm64 LSE |
/// | --- | --- | --- | --- |
/// | `.relaxed` | `lock xadd` | `ldxr`/`add`/`stxr` loop | `ldadd` |
/// | `.acquire` | `lock xadd` | `ldaxr`/`add`/`stxr` loop | `ldadda` |
/// | `.release` | `lock xadd` | `ldxr`/`add`/`stlxr` loop | `ldaddl` |
/// | `.full` | `lock xadd` | `ldxr`/`add`/`stlxr` loop, `dmb ish` | `ldaddal` |
///
/// ```swift
/// let ticket = atomic_fetch_add(next, 1, .relaxed)
/// ```
@inlinable @inline(__always)
public func atomic_fetch_add<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar, _ ordering: Ordering
) -> Scalar {
    _fetchOp(pointer, value, _LITMUS_OP_ADD, ordering)
}

/// Atomically subtracts `value` from `*pointer` (wrapping) and returns the previous value.
///
/// Kernel counterpart: `atomic_fetch_sub(i, v)` and its `_relaxed`/`_acquire`/`_release`
/// forms. Emits as ``atomic_fetch_add(_:_:_:)`` with the negated value: x86-64 `lock xadd`;
/// arm64 LL/SC `sub` in the loop of ``atomic_fetch_add(_:_:_:)``'s table, LSE `ldadd{,a,l,al}`.
///
/// ```swift
/// if atomic_fetch_sub(references, 1, .full) == 1 { /* last reference */ }
/// ```
@inlinable @inline(__always)
public func atomic_fetch_sub<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar, _ ordering: Ordering
) -> Scalar {
    _fetchOp(pointer, value, _LITMUS_OP_SUB, ordering)
}

/// Atomically ANDs `value` into `*pointer` and returns the previous value.
///
/// Kernel counterpart: `atomic_fetch_and(i, v)` and its `_relaxed`/`_acquire`/`_release`
/// forms. Emits: x86-64 a `lock cmpxchg` loop (x86 has no fetching AND); arm64 LL/SC `and`
/// in the loop of ``atomic_fetch_add(_:_:_:)``'s table, LSE `ldclr{,a,l,al}` of `~value`.
///
/// ```swift
/// let before = atomic_fetch_and(flags, ~0b10, .release)
/// ```
@inlinable @inline(__always)
public func atomic_fetch_and<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar, _ ordering: Ordering
) -> Scalar {
    _fetchOp(pointer, value, _LITMUS_OP_AND, ordering)
}

/// Atomically ORs `value` into `*pointer` and returns the previous value.
///
/// Kernel counterpart: `atomic_fetch_or(i, v)` and its `_relaxed`/`_acquire`/`_release`
/// forms. Emits: x86-64 a `lock cmpxchg` loop; arm64 LL/SC `orr` in the loop of
/// ``atomic_fetch_add(_:_:_:)``'s table, LSE `ldset{,a,l,al}`.
///
/// ```swift
/// let wasSet = atomic_fetch_or(flags, 0b1, .acquire) & 0b1 != 0
/// ```
@inlinable @inline(__always)
public func atomic_fetch_or<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar, _ ordering: Ordering
) -> Scalar {
    _fetchOp(pointer, value, _LITMUS_OP_OR, ordering)
}

/// Atomically XORs `value` into `*pointer` and returns the previous value.
///
/// Kernel counterpart: `atomic_fetch_xor(i, v)` and its `_relaxed`/`_acquire`/`_release`
/// forms. Emits: x86-64 a `lock cmpxchg` loop; arm64 LL/SC `eor` in the loop of
/// ``atomic_fetch_add(_:_:_:)``'s table, LSE `ldeor{,a,l,al}`.
///
/// ```swift
/// let before = atomic_fetch_xor(phase, 1, .full)
/// ```
@inlinable @inline(__always)
public func atomic_fetch_xor<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar, _ ordering: Ordering
) -> Scalar {
    _fetchOp(pointer, value, _LITMUS_OP_XOR, ordering)
}

/// Atomically clears the bits of `value` in `*pointer` (`*pointer & ~value`) and returns
/// the previous value.
///
/// Kernel counterpart: `atomic_fetch_andnot(i, v)` and its `_relaxed`/`_acquire`/`_release`
/// forms. Emits: x86-64 a `lock cmpxchg` loop; arm64 LL/SC `bic` in the loop of
/// ``atomic_fetch_add(_:_:_:)``'s table, LSE `ldclr{,a,l,al}`.
///
/// ```swift
/// let before = atomic_fetch_andnot(flags, 0b1, .release)   // clear bit 0
/// ```
@inlinable @inline(__always)
public func atomic_fetch_andnot<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar, _ ordering: Ordering
) -> Scalar {
    _fetchOp(pointer, value, _LITMUS_OP_ANDNOT, ordering)
}

@inlinable @inline(__always)
internal func _fetchOp<Scalar: AtomicScalar, Ordering: AtomicOrdering>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar, _ op: Int32, _: Ordering
) -> Scalar {
    let order = Ordering._atomicSeal.order
    return _byWidth(
        pointer,
        { _litmus_fetch_op_8($0, UInt8(truncatingIfNeeded: value), op, order) },
        { _litmus_fetch_op_16($0, UInt16(truncatingIfNeeded: value), op, order) },
        { _litmus_fetch_op_32($0, UInt32(truncatingIfNeeded: value), op, order) },
        { _litmus_fetch_op_64($0, UInt64(truncatingIfNeeded: value), op, order) })
}
