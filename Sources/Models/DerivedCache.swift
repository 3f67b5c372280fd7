#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What each model derives from one ``SkeletonStructure``, computed once per model. Guarded
/// by a mutex: models may check the same executions from several threads at once.
final class DerivedCache: @unchecked Sendable {  // `values` is only touched under `mutex`
    private var values: [ModelKind: any Sendable] = [:]
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// The value for `model`, computing it on first use (under the lock, so it runs once).
    func value<T: Sendable>(_ model: ModelKind, _ compute: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let value = values[model] as? T { return value }
        let value = compute()
        values[model] = value
        return value
    }
}
