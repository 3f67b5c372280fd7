// The seal cannot be forged: its initializer and kinds are internal to Barriers.
import Barriers

struct Forged: BarrierOrdering {
    static var _barrierSeal: _BarrierSeal<Forged> { _BarrierSeal(.full) } // error: inaccessible
}
