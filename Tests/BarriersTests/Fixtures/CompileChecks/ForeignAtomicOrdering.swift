// An atomic ordering declared outside the Barriers module cannot conform.
import Barriers

struct Consume: AtomicOrdering {} // error: does not conform to protocol 'AtomicOrdering'
