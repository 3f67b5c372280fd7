// Every spelling the API promises compiles (no line here may produce an error).
import Barriers

func everyBarrierSpelling() {
    mb(.read); mb(.write); mb(.full)
    smp_mb(.read); smp_mb(.write); smp_mb(.full)
    dma_mb(.read); dma_mb(.write); dma_mb(.full)
    mb(Read()); smp_mb(Write()); smp_mb(Full()); dma_mb(Full())
    barrier(); smp_mb__before_atomic(); smp_mb__after_atomic()
    smp_mb__after_spinlock(); cpu_relax()
}

func spinLock(_ lock: UnsafeMutablePointer<Int32>) {
    spin_lock(lock)
    if spin_is_locked(lock) { spin_unlock(lock) }
    if spin_trylock(lock) { spin_unlock(lock) }
}

func everyAccessAndAtomic(_ p: UnsafeMutablePointer<Int>, _ b: UnsafeMutablePointer<UInt8>) {
    WRITE_ONCE(p, READ_ONCE(p) + 1)
    smp_store_release(b, smp_load_acquire(b))
    _ = xchg(p, 1, .relaxed); _ = xchg(p, 1, .acquire); _ = xchg(p, 1, .release); _ = xchg(p, 1, .full)
    _ = cmpxchg(b, 0, 1, Acquire())
    _ = atomic_fetch_add(p, 1, .full); _ = atomic_fetch_sub(p, 1, Relaxed())
    _ = atomic_fetch_and(p, 1, .release); _ = atomic_fetch_or(p, 1, .acquire)
    _ = atomic_fetch_xor(p, 1, .relaxed); _ = atomic_fetch_andnot(p, 1, Full())
}
