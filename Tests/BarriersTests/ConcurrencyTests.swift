import Barriers
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Properties that must hold on every run, however the threads interleave.
@Suite struct ConcurrencyTests {
    /// Runs `body(thread)` on `count` raw threads at once and waits for all of them.
    private func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        final class Box: @unchecked Sendable {
            let body: @Sendable (Int) -> Void
            let index: Int
            init(_ body: @escaping @Sendable (Int) -> Void, _ index: Int) { self.body = body; self.index = index }
        }
        var threads: [pthread_t] = []
        for index in 0..<count {
            let box = Unmanaged.passRetained(Box(body, index)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.body(box.index)
                return nil
            }, box)
            precondition(status == 0, "pthread_create failed")
            threads.append(thread)
        }
        for thread in threads { pthread_join(thread, nil) }
    }

    private struct Cells: @unchecked Sendable {
        let base: UnsafeMutablePointer<Int>
    }

    @Test func atomicAddsNeverLoseAnIncrement() {
        let cells = Cells(base: .allocate(capacity: 1))
        defer { cells.base.deallocate() }
        cells.base.initialize(to: 0)
        let perThread = 50_000
        runThreads(4) { thread in
            for step in 0..<perThread {
                switch (thread + step) % 4 {
                case 0: _ = atomic_fetch_add(cells.base, 1, .relaxed)
                case 1: _ = atomic_fetch_add(cells.base, 1, .acquire)
                case 2: _ = atomic_fetch_add(cells.base, 1, .release)
                default: _ = atomic_fetch_add(cells.base, 1, .full)
                }
            }
        }
        #expect(cells.base.pointee == 4 * perThread)
    }

    @Test func cmpxchgLockGivesMutualExclusion() {
        // cells.base[0]: the lock; [1]: a counter updated non-atomically inside it.
        let cells = Cells(base: .allocate(capacity: 2))
        defer { cells.base.deallocate() }
        cells.base.initialize(repeating: 0, count: 2)
        let perThread = 20_000
        runThreads(3) { _ in
            for _ in 0..<perThread {
                while cmpxchg(cells.base, 0, 1, .acquire) != 0 {}
                WRITE_ONCE(cells.base + 1, READ_ONCE(cells.base + 1) + 1)
                smp_store_release(cells.base, 0)
            }
        }
        #expect(cells.base[1] == 3 * perThread)
    }

    @Test func spinLockGivesMutualExclusion() {
        // cells.base[0]: the lock word (Int32 in an Int slot); [1]: a counter updated
        // non-atomically inside the critical section.
        let cells = Cells(base: .allocate(capacity: 2))
        defer { cells.base.deallocate() }
        cells.base.initialize(repeating: 0, count: 2)
        let perThread = 20_000
        runThreads(3) { _ in
            let lock = UnsafeMutableRawPointer(cells.base).assumingMemoryBound(to: Int32.self)
            for _ in 0..<perThread {
                spin_lock(lock)
                WRITE_ONCE(cells.base + 1, READ_ONCE(cells.base + 1) + 1)
                spin_unlock(lock)
            }
        }
        #expect(cells.base[1] == 3 * perThread)
    }

    @Test func releaseAcquireMessagePassingNeverShowsStaleData() {
        // Each round the writer publishes round number r in data then flag; a reader that
        // sees flag == r must see data == r.
        let cells = Cells(base: .allocate(capacity: 2))
        defer { cells.base.deallocate() }
        cells.base.initialize(repeating: 0, count: 2)
        let rounds = 100_000
        let violations = Cells(base: .allocate(capacity: 1))
        defer { violations.base.deallocate() }
        violations.base.initialize(to: 0)
        runThreads(2) { thread in
            if thread == 0 {
                for round in 1...rounds {
                    WRITE_ONCE(cells.base + 1, round)
                    smp_store_release(cells.base, round)
                }
            } else {
                var seen = 0
                while seen < rounds {
                    let flag = smp_load_acquire(cells.base)
                    if READ_ONCE(cells.base + 1) < flag { _ = atomic_fetch_add(violations.base, 1, .relaxed) }
                    seen = flag
                }
            }
        }
        #expect(violations.base.pointee == 0)
    }
}
