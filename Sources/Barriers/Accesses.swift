import _BarriersShims

/// Reads `*pointer` once: a single access of the full width that the compiler may not
/// merge, split, repeat, or drop. No CPU ordering.
///
/// Kernel counterpart: `READ_ONCE(x)`. Emits a plain load of the width on every
/// architecture (`mov` on x86-64, `ldr{b,h}` on arm64).
///
/// ```swift
/// while READ_ONCE(flag) == 0 {}   // re-reads memory on every iteration
/// ```
@inlinable @inline(__always)
public func READ_ONCE<Scalar: AtomicScalar>(_ pointer: UnsafePointer<Scalar>) -> Scalar {
    _byWidth(
        UnsafeMutablePointer(mutating: pointer),
        { _litmus_read_once_8($0) }, { _litmus_read_once_16($0) },
        { _litmus_read_once_32($0) }, { _litmus_read_once_64($0) })
}

/// Writes `value` to `*pointer` once: a single access of the full width that the compiler
/// may not merge, split, repeat, or drop. No CPU ordering.
///
/// Kernel counterpart: `WRITE_ONCE(x, value)`. Emits a plain store of the width on every
/// architecture (`mov` on x86-64, `str{b,h}` on arm64).
///
/// ```swift
/// WRITE_ONCE(flag, 1)
/// ```
@inlinable @inline(__always)
public func WRITE_ONCE<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) {
    _storeByWidth(
        pointer, value,
        { _litmus_write_once_8($0, $1) }, { _litmus_write_once_16($0, $1) },
        { _litmus_write_once_32($0, $1) }, { _litmus_write_once_64($0, $1) })
}

/// Load-acquire: reads `*pointer` once, ordered before every later load and store of
/// this CPU. Pairs with ``smp_store_release(_:_:)``. A once-read then ``barrier()`` in a
/// uniprocessor build.
///
/// Kernel counterpart: `smp_load_acquire(p)`.
/// Emits: x86-64 a plain `mov` then a compiler barrier (TSO loads are already acquire);
/// arm64 `ldarb`/`ldarh`/`ldar w`/`ldar x` by width; other architectures a C11 acquire load.
///
/// ```swift
/// if smp_load_acquire(ready) == 1 {
///     let message = READ_ONCE(data)   // sees the data written before the release
/// }
/// ```
@inlinable @inline(__always)
public func smp_load_acquire<Scalar: AtomicScalar>(_ pointer: UnsafePointer<Scalar>) -> Scalar {
    guard _isSMP else {
        let value = READ_ONCE(pointer)
        barrier()
        return value
    }
    return _byWidth(
        UnsafeMutablePointer(mutating: pointer),
        { _litmus_load_acquire_8($0) }, { _litmus_load_acquire_16($0) },
        { _litmus_load_acquire_32($0) }, { _litmus_load_acquire_64($0) })
}

/// Store-release: writes `value` to `*pointer` once, ordered after every earlier load and
/// store of this CPU. Pairs with ``smp_load_acquire(_:)``. ``barrier()`` then a once-write
/// in a uniprocessor build.
///
/// Kernel counterpart: `smp_store_release(p, v)`.
/// Emits: x86-64 a compiler barrier then a plain `mov` (TSO stores are already release);
/// arm64 `stlrb`/`stlrh`/`stlr w`/`stlr x` by width; other architectures a C11 release store.
///
/// ```swift
/// WRITE_ONCE(data, 42)
/// smp_store_release(ready, 1)     // publishes data
/// ```
@inlinable @inline(__always)
public func smp_store_release<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) {
    guard _isSMP else {
        barrier()
        return WRITE_ONCE(pointer, value)
    }
    _storeByWidth(
        pointer, value,
        { _litmus_store_release_8($0, $1) }, { _litmus_store_release_16($0, $1) },
        { _litmus_store_release_32($0, $1) }, { _litmus_store_release_64($0, $1) })
}
