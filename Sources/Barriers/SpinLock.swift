// A test-and-set spinlock on a lock word of any ``AtomicScalar`` width (0 free, 1 held) with the orderings the LKMM
// gives spin_lock/spin_unlock: acquiring is an acquire RMW, releasing a store-release.
// It is the kernel's uncontended fast path (an acquire cmpxchg from 0 to 1), without
// qspinlock's queueing, which changes fairness, not ordering.

/// Takes the spinlock at `lock`, spinning until it is free. Everything after it in program
/// order is ordered after the acquisition (acquire).
///
/// Kernel counterpart: `spin_lock(&lock)`. Emits ``cmpxchg(_:_:_:_:)`` with `.acquire`
/// (x86-64 `lock cmpxchg`; arm64 `ldaxr`/`stxr` or `casa`), waiting with ``READ_ONCE(_:)``
/// and ``cpu_relax()`` (`pause` / `yield`) while it is held.
///
/// ```swift
/// spin_lock(lock)
/// WRITE_ONCE(counter, READ_ONCE(counter) + 1)
/// spin_unlock(lock)
/// ```
@inlinable
public func spin_lock<Word: AtomicScalar>(_ lock: UnsafeMutablePointer<Word>) {
    while cmpxchg(lock, 0, 1, .acquire) != 0 {
        while READ_ONCE(lock) != 0 { cpu_relax() }
    }
}

/// Takes the spinlock at `lock` if it is free; returns whether it did. Acquire on success,
/// no ordering on failure.
///
/// Kernel counterpart: `spin_trylock(&lock)`. Emits one ``cmpxchg(_:_:_:_:)`` with `.acquire`.
///
/// ```swift
/// if spin_trylock(lock) { defer { spin_unlock(lock) }; work() }
/// ```
@inlinable
public func spin_trylock<Word: AtomicScalar>(_ lock: UnsafeMutablePointer<Word>) -> Bool {
    cmpxchg(lock, 0, 1, .acquire) == 0
}

/// Releases the spinlock at `lock`. Everything before it in program order is ordered before
/// the release.
///
/// Kernel counterpart: `spin_unlock(&lock)`. Emits ``smp_store_release(_:_:)`` of 0
/// (x86-64 a plain `mov`; arm64 `stlr` of the word's width).
///
/// ```swift
/// spin_unlock(lock)
/// ```
@inlinable @inline(__always)
public func spin_unlock<Word: AtomicScalar>(_ lock: UnsafeMutablePointer<Word>) {
    smp_store_release(lock, 0)
}

/// Whether the spinlock at `lock` is held right now (a once-read; no ordering).
///
/// Kernel counterpart: `spin_is_locked(&lock)`. Emits a plain load of the word's width.
///
/// ```swift
/// assert(spin_is_locked(lock))
/// ```
@inlinable @inline(__always)
public func spin_is_locked<Word: AtomicScalar>(_ lock: UnsafePointer<Word>) -> Bool {
    READ_ONCE(lock) != 0
}
