import Barriers
import Testing

/// Once and acquire/release accesses keep every bit of every width.
@Suite struct AccessTests {
    /// Writes then reads `value` through all four access pairs.
    private func roundTrip<T: AtomicScalar>(_ value: T) -> [T] {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { pointer.deallocate() }
        pointer.initialize(to: 0)
        WRITE_ONCE(pointer, value)
        let once = READ_ONCE(pointer)
        smp_store_release(pointer, value)
        let acquired = smp_load_acquire(pointer)
        pointer.pointee = value
        return [once, acquired, READ_ONCE(pointer), smp_load_acquire(pointer)]
    }

    @Test func everyWidthRoundTripsExtremes() {
        #expect(roundTrip(Int8.min) == Array(repeating: Int8.min, count: 4))
        #expect(roundTrip(UInt8.max) == Array(repeating: UInt8.max, count: 4))
        #expect(roundTrip(Int16.min + 3) == Array(repeating: Int16.min + 3, count: 4))
        #expect(roundTrip(UInt16(0xBEEF)) == Array(repeating: UInt16(0xBEEF), count: 4))
        #expect(roundTrip(Int32(-123_456_789)) == Array(repeating: Int32(-123_456_789), count: 4))
        #expect(roundTrip(UInt32(0xDEAD_BEEF)) == Array(repeating: UInt32(0xDEAD_BEEF), count: 4))
        #expect(roundTrip(Int64.min + 1) == Array(repeating: Int64.min + 1, count: 4))
        #expect(roundTrip(UInt64(0xFEDC_BA98_7654_3210)) == Array(repeating: UInt64(0xFEDC_BA98_7654_3210), count: 4))
        #expect(roundTrip(Int(-1)) == Array(repeating: -1, count: 4))
        #expect(roundTrip(UInt.max - 7) == Array(repeating: UInt.max - 7, count: 4))
    }

    @Test func narrowWritesLeaveNeighboursAlone() {
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 4)
        defer { bytes.deallocate() }
        bytes.initialize(repeating: 0xAA, count: 4)
        WRITE_ONCE(bytes + 1, 0x11)
        smp_store_release(bytes + 2, 0x22)
        #expect([bytes[0], bytes[1], bytes[2], bytes[3]] == [0xAA, 0x11, 0x22, 0xAA])
    }

    @Test func fencesAndCompilerBarrierRunEverywhere() {
        // Fences have no result; running each proves the emitted instructions are legal here.
        mb(.read); mb(.write); mb(.full); mb(Full())
        smp_mb(.read); smp_mb(.write); smp_mb(.full); smp_mb(Read()); smp_mb(Write())
        dma_mb(.read); dma_mb(.write); dma_mb(.full)
        barrier(); smp_mb__before_atomic(); smp_mb__after_atomic()
        #expect(Bool(true))
    }
}
