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

    @Test func everyFenceExecutesAndKeepsProgramOrder() {
        // An instruction this CPU lacks would kill the run (SIGILL); each fence must also
        // leave a thread's own store visible to its next load.
        let fences: [(String, () -> Void)] = [
            ("mb(.read)", { mb(.read) }), ("mb(.write)", { mb(.write) }), ("mb(.full)", { mb(Full()) }),
            ("smp_mb(.read)", { smp_mb(Read()) }), ("smp_mb(.write)", { smp_mb(.write) }),
            ("smp_mb(.full)", { smp_mb(.full) }),
            ("dma_mb(.read)", { dma_mb(.read) }), ("dma_mb(.write)", { dma_mb(.write) }),
            ("dma_mb(.full)", { dma_mb(.full) }),
            ("barrier()", { barrier() }), ("cpu_relax()", { cpu_relax() }),
            ("smp_mb__before_atomic()", { smp_mb__before_atomic() }),
            ("smp_mb__after_atomic()", { smp_mb__after_atomic() }),
            ("smp_mb__after_spinlock()", { smp_mb__after_spinlock() }),
        ]
        let cell = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        defer { cell.deallocate() }
        cell.initialize(to: -1)
        for (index, (name, fence)) in fences.enumerated() {
            WRITE_ONCE(cell, index)
            fence()
            #expect(READ_ONCE(cell) == index, "\(name)")
        }
    }

    @Test func spinLockStates() {
        let lock = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        defer { lock.deallocate() }
        lock.initialize(to: 0)
        #expect(!spin_is_locked(lock))
        spin_lock(lock)
        #expect(spin_is_locked(lock) && lock.pointee == 1)
        #expect(!spin_trylock(lock))
        spin_unlock(lock)
        #expect(!spin_is_locked(lock))
        #expect(spin_trylock(lock))
        #expect(spin_is_locked(lock))
    }
}
