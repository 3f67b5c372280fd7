// There is no default ordering: the caller must state one. The kernel's argument-less fences
// are unavailable stubs whose message names the ordering to pass (KernelSpellings.swift).
import Barriers

func noDefaults(_ p: UnsafeMutablePointer<Int>) {
    mb() // error: the ordering is an argument: mb(.full)
    smp_mb() // error: the ordering is an argument: smp_mb(.full)
    dma_mb() // error: the ordering is an argument: dma_mb(.full)
    _ = xchg(p, 1) // error: missing argument
    _ = atomic_fetch_add(p, 1) // error: missing argument
}
