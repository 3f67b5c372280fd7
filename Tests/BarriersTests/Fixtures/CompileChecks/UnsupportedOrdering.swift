// An ordering a primitive does not support does not compile.
import Barriers

func unsupported(_ p: UnsafeMutablePointer<Int>) {
    smp_mb(.relaxed) // error: has no member 'relaxed'
    smp_mb(Acquire()) // error: conform to 'BarrierOrdering'
    mb(Release()) // error: conform to 'BarrierOrdering'
    dma_mb(.acquire) // error: has no member 'acquire'
    _ = xchg(p, 1, .read) // error: has no member 'read'
    _ = cmpxchg(p, 0, 1, Write()) // error: conform to 'AtomicOrdering'
}
