// An ordering type declared outside the Barriers module cannot conform.
import Barriers

struct Eager: BarrierOrdering {} // error: does not conform to protocol 'BarrierOrdering'
