import Barriers
import Testing

/// Results of every read-modify-write, at every width and ordering.
@Suite struct ReadModifyWriteTests {
    /// Runs `operation` on a fresh cell holding `initial`; returns (returned value, final value).
    private func apply<T: AtomicScalar>(
        _ initial: T, _ operation: (UnsafeMutablePointer<T>) -> T
    ) -> (old: T, new: T) {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { pointer.deallocate() }
        pointer.initialize(to: initial)
        let old = operation(pointer)
        return (old, pointer.pointee)
    }

    /// Checks every operation on `T` with `ordering` against Swift's wrapping arithmetic.
    private func checkAll<T: AtomicScalar, O: AtomicOrdering>(_: T.Type, _ ordering: O) {
        let a = T(truncatingIfNeeded: 0x5A5A_5A5A_5A5A_5A5A as UInt64)
        let b = T(truncatingIfNeeded: 0x0FF0_F00F_0FF0_F00F as UInt64) | 1
        let cases: [(String, (UnsafeMutablePointer<T>) -> T, T)] = [
            ("xchg", { xchg($0, b, ordering) }, b),
            ("add", { atomic_fetch_add($0, b, ordering) }, a &+ b),
            ("add wraps", { atomic_fetch_add($0, T.max, ordering) }, a &+ T.max),
            ("sub", { atomic_fetch_sub($0, b, ordering) }, a &- b),
            ("sub wraps", { atomic_fetch_sub($0, T.min, ordering) }, a &- T.min),
            ("and", { atomic_fetch_and($0, b, ordering) }, a & b),
            ("or", { atomic_fetch_or($0, b, ordering) }, a | b),
            ("xor", { atomic_fetch_xor($0, b, ordering) }, a ^ b),
            ("andnot", { atomic_fetch_andnot($0, b, ordering) }, a & ~b),
            ("cmpxchg hit", { cmpxchg($0, a, b, ordering) }, b),
            ("cmpxchg miss", { cmpxchg($0, b, 7, ordering) }, a),
        ]
        for (name, operation, expected) in cases {
            let result = apply(a, operation)
            #expect(result.old == a, "\(T.self) \(O.self) \(name) returned \(result.old)")
            #expect(result.new == expected, "\(T.self) \(O.self) \(name) left \(result.new)")
        }
    }

    private func checkEveryOrdering<T: AtomicScalar>(_ type: T.Type) {
        checkAll(type, .relaxed)
        checkAll(type, .acquire)
        checkAll(type, .release)
        checkAll(type, .full)
    }

    @Test func signedWidths() {
        checkEveryOrdering(Int8.self)
        checkEveryOrdering(Int16.self)
        checkEveryOrdering(Int32.self)
        checkEveryOrdering(Int64.self)
        checkEveryOrdering(Int.self)
    }

    @Test func unsignedWidths() {
        checkEveryOrdering(UInt8.self)
        checkEveryOrdering(UInt16.self)
        checkEveryOrdering(UInt32.self)
        checkEveryOrdering(UInt64.self)
        checkEveryOrdering(UInt.self)
    }

    @Test func narrowCmpxchgComparesOnlyItsOwnBits() {
        // 0x80 as Int8 is negative: a sign-extended comparison would miss.
        let bytes = UnsafeMutablePointer<Int8>.allocate(capacity: 2)
        defer { bytes.deallocate() }
        bytes.initialize(repeating: Int8(bitPattern: 0x80), count: 2)
        #expect(cmpxchg(bytes, Int8(bitPattern: 0x80), 5, .full) == Int8(bitPattern: 0x80))
        #expect(bytes[0] == 5 && bytes[1] == Int8(bitPattern: 0x80))
    }
}
