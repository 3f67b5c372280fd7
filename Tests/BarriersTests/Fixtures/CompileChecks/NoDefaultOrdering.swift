// There is no default ordering: the caller must state one.
import Barriers

func noDefaults(_ p: UnsafeMutablePointer<Int>) {
    mb() // error: missing argument
    smp_mb() // error: missing argument
    dma_mb() // error: missing argument
    _ = xchg(p, 1) // error: missing argument
    _ = atomic_fetch_add(p, 1) // error: missing argument
}
