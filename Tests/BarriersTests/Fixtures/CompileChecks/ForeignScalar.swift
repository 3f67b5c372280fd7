// An integer type the module did not seal (here UInt128) cannot become an AtomicScalar.
import Barriers

extension UInt128: @retroactive AtomicScalar {} // error: does not conform to protocol 'AtomicScalar'
