// Only the sealed integer widths can be accessed.
import Barriers

func unsupported(_ d: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Bool>) {
    _ = READ_ONCE(d) // error: conform to 'AtomicScalar'
    WRITE_ONCE(b, true) // error: conform to 'AtomicScalar'
    _ = smp_load_acquire(d) // error: conform to 'AtomicScalar'
    _ = xchg(d, 1.0, .full) // error: conform to 'AtomicScalar'
}
