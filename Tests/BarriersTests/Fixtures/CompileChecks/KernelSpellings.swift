// The kernel's own spellings do not compile; each error names the spelling to use.
import Barriers

func kernelSpellings(_ p: UnsafeMutablePointer<Int>, _ lock: UnsafeMutablePointer<Int>) {
    smp_wmb() // error: the ordering is an argument: smp_mb(.write)
    smp_rmb() // error: the ordering is an argument: smp_mb(.read)
    rmb() // error: the ordering is an argument: mb(.read)
    wmb() // error: the ordering is an argument: mb(.write)
    dma_rmb() // error: the ordering is an argument: dma_mb(.read)
    dma_wmb() // error: the ordering is an argument: dma_mb(.write)
    _ = xchg_acquire(p, 1) // error: use xchg(p, new, .acquire)
    _ = cmpxchg_release(p, 0, 1) // error: use cmpxchg(p, expected, new, .release)
    _ = atomic_fetch_add_relaxed(p, 1) // error: use atomic_fetch_add(p, value, .relaxed)
    _ = atomic_fetch_andnot_acquire(p, 1) // error: use atomic_fetch_andnot(p, value, .acquire)
    // What they become, and the lock on a word of any width:
    smp_mb(.write)
    _ = xchg(p, 1, .acquire)
    spin_lock(lock)
    spin_unlock(lock)
}
