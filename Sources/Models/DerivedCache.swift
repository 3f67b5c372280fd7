#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What each model derives from one ``SkeletonStructure``, computed once per model. Guarded
/// by a mutex: models may check the same executions from several threads at once.
final class DerivedCache: @unchecked Sendable {  // `values` is only touched under `mutex`
    /// A model's values: `part` 0 its main derivation, others smaller ones (``InterleavingPlan``).
    private struct Key: Hashable {
        var model: ModelKind
        var part: Int
    }

    private var values: [Key: any Sendable] = [:]
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// The value for `model`, computed on first use. Computed outside the lock, so that one
    /// derivation may use another; two threads may both compute it once, the first one stays.
    func value<T: Sendable>(_ model: ModelKind, part: Int = 0, _ compute: () -> T) -> T {
        let key = Key(model: model, part: part)
        pthread_mutex_lock(mutex)
        let known = values[key] as? T
        pthread_mutex_unlock(mutex)
        if let known { return known }
        let value = compute()
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let first = values[key] as? T { return first }
        values[key] = value
        return value
    }
}
