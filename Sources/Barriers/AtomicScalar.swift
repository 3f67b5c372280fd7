/// An integer type the once-accesses, acquire/release accesses and atomics accept:
/// `Int8` ... `Int64`, `UInt8` ... `UInt64`, `Int` and `UInt`. Each is accessed as one
/// naturally aligned machine access of its full width.
///
/// Sealed like ``BarrierOrdering``: `READ_ONCE` on a pointer to `Double`, or to an integer
/// type declared elsewhere, does not compile (the kernel's `compiletime_assert_atomic_type`).
///
/// ```swift
/// let value: UInt16 = READ_ONCE(pointerToUInt16)
/// ```
public protocol AtomicScalar: FixedWidthInteger, Sendable {
    /// Seal: proof that the conformance was declared by the `Barriers` module.
    static var _scalarSeal: _ScalarSeal<Self> { get }
}

/// Seal of an ``AtomicScalar``; only the `Barriers` module can create one.
public struct _ScalarSeal<Scalar>: Sendable {
    @usableFromInline internal let width: _ScalarWidth
    @inlinable internal init(_ width: _ScalarWidth) { self.width = width }
}

@usableFromInline internal enum _ScalarWidth: Sendable {
    case bits8, bits16, bits32, bits64

    @inlinable internal init(bitWidth: Int) {
        switch bitWidth {
        case 8: self = .bits8
        case 16: self = .bits16
        case 32: self = .bits32
        default: self = .bits64
        }
    }
}

extension Int8: AtomicScalar {
    /// Seal: an 8-bit access.
    @inlinable public static var _scalarSeal: _ScalarSeal<Int8> { _ScalarSeal(.bits8) }
}
extension UInt8: AtomicScalar {
    /// Seal: an 8-bit access.
    @inlinable public static var _scalarSeal: _ScalarSeal<UInt8> { _ScalarSeal(.bits8) }
}
extension Int16: AtomicScalar {
    /// Seal: a 16-bit access.
    @inlinable public static var _scalarSeal: _ScalarSeal<Int16> { _ScalarSeal(.bits16) }
}
extension UInt16: AtomicScalar {
    /// Seal: a 16-bit access.
    @inlinable public static var _scalarSeal: _ScalarSeal<UInt16> { _ScalarSeal(.bits16) }
}
extension Int32: AtomicScalar {
    /// Seal: a 32-bit access.
    @inlinable public static var _scalarSeal: _ScalarSeal<Int32> { _ScalarSeal(.bits32) }
}
extension UInt32: AtomicScalar {
    /// Seal: a 32-bit access.
    @inlinable public static var _scalarSeal: _ScalarSeal<UInt32> { _ScalarSeal(.bits32) }
}
extension Int64: AtomicScalar {
    /// Seal: a 64-bit access.
    @inlinable public static var _scalarSeal: _ScalarSeal<Int64> { _ScalarSeal(.bits64) }
}
extension UInt64: AtomicScalar {
    /// Seal: a 64-bit access.
    @inlinable public static var _scalarSeal: _ScalarSeal<UInt64> { _ScalarSeal(.bits64) }
}
extension Int: AtomicScalar {
    /// Seal: a pointer-width access.
    @inlinable public static var _scalarSeal: _ScalarSeal<Int> { _ScalarSeal(_ScalarWidth(bitWidth: Int.bitWidth)) }
}
extension UInt: AtomicScalar {
    /// Seal: a pointer-width access.
    @inlinable public static var _scalarSeal: _ScalarSeal<UInt> { _ScalarSeal(_ScalarWidth(bitWidth: UInt.bitWidth)) }
}

/// Runs the shim function of `Scalar`'s width on `pointer`, converting bit patterns both ways.
@inlinable @inline(__always)
internal func _byWidth<Scalar: AtomicScalar>(
    _ pointer: UnsafeMutablePointer<Scalar>,
    _ bits8: (UnsafeMutablePointer<UInt8>) -> UInt8,
    _ bits16: (UnsafeMutablePointer<UInt16>) -> UInt16,
    _ bits32: (UnsafeMutablePointer<UInt32>) -> UInt32,
    _ bits64: (UnsafeMutablePointer<UInt64>) -> UInt64
) -> Scalar {
    let raw = UnsafeMutableRawPointer(pointer)
    switch Scalar._scalarSeal.width {
    case .bits8: return Scalar(truncatingIfNeeded: bits8(raw.assumingMemoryBound(to: UInt8.self)))
    case .bits16: return Scalar(truncatingIfNeeded: bits16(raw.assumingMemoryBound(to: UInt16.self)))
    case .bits32: return Scalar(truncatingIfNeeded: bits32(raw.assumingMemoryBound(to: UInt32.self)))
    case .bits64: return Scalar(truncatingIfNeeded: bits64(raw.assumingMemoryBound(to: UInt64.self)))
    }
}

/// Stores through the shim function of `Scalar`'s width.
@inlinable @inline(__always)
internal func _storeByWidth<Scalar: AtomicScalar>(
    _ pointer: UnsafeMutablePointer<Scalar>,
    _ value: Scalar,
    _ bits8: (UnsafeMutablePointer<UInt8>, UInt8) -> Void,
    _ bits16: (UnsafeMutablePointer<UInt16>, UInt16) -> Void,
    _ bits32: (UnsafeMutablePointer<UInt32>, UInt32) -> Void,
    _ bits64: (UnsafeMutablePointer<UInt64>, UInt64) -> Void
) {
    let raw = UnsafeMutableRawPointer(pointer)
    switch Scalar._scalarSeal.width {
    case .bits8: bits8(raw.assumingMemoryBound(to: UInt8.self), UInt8(truncatingIfNeeded: value))
    case .bits16: bits16(raw.assumingMemoryBound(to: UInt16.self), UInt16(truncatingIfNeeded: value))
    case .bits32: bits32(raw.assumingMemoryBound(to: UInt32.self), UInt32(truncatingIfNeeded: value))
    case .bits64: bits64(raw.assumingMemoryBound(to: UInt64.self), UInt64(truncatingIfNeeded: value))
    }
}
