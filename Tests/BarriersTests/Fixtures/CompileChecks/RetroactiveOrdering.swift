// A Barriers ordering cannot be made to serve a primitive that does not support it.
import Barriers

extension Acquire: @retroactive BarrierOrdering {} // error: does not conform to protocol 'BarrierOrdering'
