import Barriers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Single-threaded cost of each primitive in a tight loop: what one barrier adds to a
// litmus thread body. The loop does one once-store so the baseline has a memory access.

let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 20_000_000 : 20_000_000
let cell = UnsafeMutablePointer<Int>.allocate(capacity: 1)
cell.initialize(to: 0)

func nanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Nanoseconds per iteration of `body`, best of three runs.
@inline(__always)
func measure(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
        let start = nanoseconds()
        for _ in 0..<iterations { body() }
        best = min(best, Double(nanoseconds() - start) / Double(iterations))
    }
    return best
}

func report(_ name: String, _ cost: Double) {
    let padded = name + String(repeating: " ", count: max(1, 34 - name.count))
    let hundredths = Int((cost * 100).rounded())
    let fraction = hundredths % 100
    print("\(padded)\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) ns")
}

// Each line spells its call out: the point is what the optimizer makes of that exact call.
report("WRITE_ONCE (baseline)", measure { WRITE_ONCE(cell, 1) })
report("barrier() + WRITE_ONCE", measure { barrier(); WRITE_ONCE(cell, 1) })
report("smp_mb(.read) + WRITE_ONCE", measure { smp_mb(.read); WRITE_ONCE(cell, 1) })
report("smp_mb(.write) + WRITE_ONCE", measure { smp_mb(.write); WRITE_ONCE(cell, 1) })
report("smp_mb(.full) + WRITE_ONCE", measure { smp_mb(.full); WRITE_ONCE(cell, 1) })
report("mb(.read) + WRITE_ONCE", measure { mb(.read); WRITE_ONCE(cell, 1) })
report("mb(.write) + WRITE_ONCE", measure { mb(.write); WRITE_ONCE(cell, 1) })
report("mb(.full) + WRITE_ONCE", measure { mb(.full); WRITE_ONCE(cell, 1) })
report("dma_mb(.full) + WRITE_ONCE", measure { dma_mb(.full); WRITE_ONCE(cell, 1) })
report("smp_store_release", measure { smp_store_release(cell, 1) })
report("smp_load_acquire", measure { _ = smp_load_acquire(cell) })
report("xchg(.relaxed)", measure { _ = xchg(cell, 1, .relaxed) })
report("xchg(.full)", measure { _ = xchg(cell, 1, .full) })
report("cmpxchg(.full)", measure { _ = cmpxchg(cell, 1, 1, .full) })
report("atomic_fetch_add(.relaxed)", measure { _ = atomic_fetch_add(cell, 1, .relaxed) })
report("atomic_fetch_or(.full)", measure { _ = atomic_fetch_or(cell, 1, .full) })
