import Barriers
import Litmus

/// The harness's accesses to test memory, each one call into the `Barriers` library: the
/// once, acquire and release accesses, RMWs and spin lock a test's annotations ask for.
@usableFromInline
enum Shared {
    @inline(__always) @usableFromInline
    static func readOnce(_ p: UnsafeMutablePointer<Int>) -> Int { READ_ONCE(p) }

    @inline(__always) @usableFromInline
    static func writeOnce(_ p: UnsafeMutablePointer<Int>, _ value: Int) { WRITE_ONCE(p, value) }

    @inline(__always) @usableFromInline
    static func loadAcquire(_ p: UnsafeMutablePointer<Int>) -> Int { smp_load_acquire(p) }

    @inline(__always) @usableFromInline
    static func storeRelease(_ p: UnsafeMutablePointer<Int>, _ value: Int) { smp_store_release(p, value) }

    @inline(__always) @usableFromInline
    static func exchange(_ p: UnsafeMutablePointer<Int>, _ value: Int, _ ordering: RMWDetails.Ordering) -> Int {
        switch ordering {
        case .relaxed: xchg(p, value, .relaxed)
        case .acquire: xchg(p, value, .acquire)
        case .release: xchg(p, value, .release)
        case .full: xchg(p, value, .full)
        }
    }

    /// Returns the old value; the store happened when it equals `expected`.
    @inline(__always) @usableFromInline
    static func compareExchange(
        _ p: UnsafeMutablePointer<Int>, _ expected: Int, _ new: Int, _ ordering: RMWDetails.Ordering
    ) -> Int {
        switch ordering {
        case .relaxed: cmpxchg(p, expected, new, .relaxed)
        case .acquire: cmpxchg(p, expected, new, .acquire)
        case .release: cmpxchg(p, expected, new, .release)
        case .full: cmpxchg(p, expected, new, .full)
        }
    }

    /// atomic_fetch_OP with the given ordering; returns the old value.
    @inline(__always) @usableFromInline
    static func fetchOp(
        _ p: UnsafeMutablePointer<Int>, _ arithmetic: RMWArithmetic, _ operand: Int, _ ordering: RMWDetails.Ordering
    ) -> Int {
        switch ordering {
        case .relaxed: fetchOp(p, arithmetic, operand, Relaxed())
        case .acquire: fetchOp(p, arithmetic, operand, Acquire())
        case .release: fetchOp(p, arithmetic, operand, Release())
        case .full: fetchOp(p, arithmetic, operand, Full())
        }
    }

    @inline(__always) @usableFromInline
    static func fetchOp<O: AtomicOrdering>(
        _ p: UnsafeMutablePointer<Int>, _ arithmetic: RMWArithmetic, _ operand: Int, _ ordering: O
    ) -> Int {
        switch arithmetic {
        case .add: atomic_fetch_add(p, operand, ordering)
        case .sub: atomic_fetch_sub(p, operand, ordering)
        case .and: atomic_fetch_and(p, operand, ordering)
        case .or: atomic_fetch_or(p, operand, ordering)
        case .xor: atomic_fetch_xor(p, operand, ordering)
        case .andNot: atomic_fetch_andnot(p, operand, ordering)
        }
    }

    /// One RMW of a test; nil when a retry loop ran out of budget.
    @inline(__always) @usableFromInline
    static func readModifyWrite(
        _ p: UnsafeMutablePointer<Int>, _ details: RMWDetails, operand: Int, second: Int, budget: inout Int
    ) -> Int? {
        switch details.kind {
        case .exchange:
            return exchange(p, operand, details.ordering)
        case .compareExchange:
            return compareExchange(p, operand, second, details.ordering)
        case .fetchOp:
            return fetchOp(p, details.arithmetic, operand, details.ordering)
        case .opReturn:
            return details.arithmetic.apply(fetchOp(p, details.arithmetic, operand, details.ordering), operand)
        case .op:
            _ = fetchOp(p, details.arithmetic, operand, .relaxed)
            return 0
        case .addUnless:
            // atomic_add_unless: a cmpxchg loop, fully ordered when it adds.
            var old = readOnce(p)
            while old != second {
                let seen = compareExchange(p, old, old &+ operand, details.ordering)
                if seen == old { return 1 }
                old = seen
                budget &-= 1
                if budget < 0 { return nil }
            }
            return 0
        }
    }

    /// The library's `spin_lock`, built from its `spin_trylock` and `spin_is_locked` so the
    /// wait can give up when the loop budget runs out (a lock never released must not hang).
    @inline(__always) @usableFromInline
    static func spinLock(_ p: UnsafeMutablePointer<Int>, budget: inout Int) -> Bool {
        while !spin_trylock(p) {
            while spin_is_locked(p) {
                cpu_relax()
                budget &-= 1
                if budget < 0 { return false }
            }
        }
        return true
    }
}
