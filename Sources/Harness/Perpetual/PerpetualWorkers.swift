#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The test threads of one perpetual run: one per worker, started and pinned once, running
/// their share of each batch when told and asleep in between, so the decoding has the CPUs.
/// Starting and pinning fresh threads for every batch took 0.2-0.3 ms of each 5-8 ms batch.
final class PerpetualWorkers: @unchecked Sendable {
    typealias Body = @Sendable (_ worker: Int, _ pinned: Bool) -> Void

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when a batch is given (workers wait on it) and when the last worker is done.
    private let given = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Guarded by `mutex`:
    private var generation = 0
    private var body: Body?
    private var running = 0
    private var stopping = false
    /// Each worker's CPU seconds in the last batch (written by the worker before it reports).
    private let cpuSeconds: UnsafeMutableBufferPointer<Double>
    private var threads: [pthread_t] = []

    /// Starts one thread per entry of `cpus`, each pinned to its CPU by `pinning`.
    init(cpus: [Int], pinning: any ThreadPinning) throws(HarnessError) {
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        for cond in [given, done] {
            cond.initialize(to: pthread_cond_t())
            pthread_cond_init(cond, nil)
        }
        cpuSeconds = .allocate(capacity: max(1, cpus.count))
        cpuSeconds.initialize(repeating: 0)
        for (worker, cpu) in cpus.enumerated() {
            do {
                threads.append(try startThread { [self] in serve(worker: worker, pinned: pinning.pinCurrentThread(to: cpu) == .pinned) })
            } catch {
                stop()
                throw error
            }
        }
    }

    deinit {
        pthread_cond_destroy(given)
        pthread_cond_destroy(done)
        pthread_mutex_destroy(mutex)
        given.deallocate()
        done.deallocate()
        mutex.deallocate()
        cpuSeconds.deallocate()
    }

    /// Has every worker run `body` once (the batch), without waiting for them: ``finish()`` does.
    func begin(_ body: @escaping Body) {
        locked {
            self.body = body
            running = threads.count
            generation += 1
            pthread_cond_broadcast(given)
        }
    }

    /// Waits for the batch ``begin(_:)`` gave; returns each worker's CPU seconds in it.
    func finish() -> [Double] {
        locked {
            while running > 0 { pthread_cond_wait(done, mutex) }
            body = nil
        }
        return Array(cpuSeconds.prefix(threads.count))
    }

    /// Ends the threads (between batches) and joins them.
    func stop() {
        locked {
            stopping = true
            pthread_cond_broadcast(given)
        }
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    private func serve(worker: Int, pinned: Bool) {
        var seen = 0
        while true {
            let next: Body? = locked {
                while generation == seen && !stopping { pthread_cond_wait(given, mutex) }
                seen = generation
                return stopping ? nil : body
            }
            guard let next else { return }
            let start = DecodeClock.threadCPUSeconds()
            next(worker, pinned)
            cpuSeconds[worker] = DecodeClock.threadCPUSeconds() - start
            locked {
                running -= 1
                if running == 0 { pthread_cond_signal(done) }
            }
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
