import Harness
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ThreadPinningTests {
    @Test func systemListsDistinctAscendingCPUs() {
        let cpus = SystemThreadPinning().availableCPUs()
        #expect(!cpus.isEmpty)
        #expect(cpus == cpus.sorted() && Set(cpus).count == cpus.count)
        #expect(cpus.allSatisfy { $0 >= 0 })
        #expect(SystemThreadPinning().cpuCount == cpus.count)
    }

    @Test func systemPinsToAnAvailableCPU() {
        let pinning = SystemThreadPinning()
        let cpus = pinning.availableCPUs()
        // Pin a fresh thread so the test runner's own threads keep their affinity.
        let outcome = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { outcome.deallocate() }
        outcome.initialize(repeating: -1, count: 2)
        var thread = pthread_t()
        struct Job { let cpu: Int; let outcome: UnsafeMutablePointer<Int> }
        let job = UnsafeMutablePointer<Job>.allocate(capacity: 1)
        defer { job.deallocate() }
        job.initialize(to: Job(cpu: cpus.last!, outcome: outcome))
        pthread_create(&thread, nil, { raw in
            let job = raw!.assumingMemoryBound(to: Job.self).pointee
            let pinning = SystemThreadPinning()
            job.outcome[0] = pinning.pinCurrentThread(to: job.cpu) == .pinned ? 1 : 0
            job.outcome[1] = pinning.availableCPUs() == [job.cpu] ? 1 : 0
            return nil
        }, job)
        pthread_join(thread, nil)
        #if os(Linux)
        #expect(outcome[0] == 1, "pinning to CPU \(cpus.last!) failed")
        #expect(outcome[1] == 1, "affinity after pinning is not just CPU \(cpus.last!)")
        #else
        #expect(outcome[0] == 0)
        #endif
    }

    @Test func systemRejectsCPUsThatDoNotExist() {
        let pinning = SystemThreadPinning()
        #if os(Linux)
        #expect(pinning.pinCurrentThread(to: -1) == .failed(errno: EINVAL))
        #expect(pinning.pinCurrentThread(to: 1 << 40) == .failed(errno: EINVAL))
        // A CPU outside the affinity mask (100000 is beyond any machine here) is refused.
        #expect(pinning.pinCurrentThread(to: 100_000) == .failed(errno: EINVAL))
        #else
        #expect(pinning.pinCurrentThread(to: 0) == .unsupported)
        #endif
    }

    @Test func recordingFakeReportsAndRecords() {
        let fake = RecordingThreadPinning(cpus: [0, 2, 5], result: .pinned)
        #expect(fake.availableCPUs() == [0, 2, 5])
        #expect(fake.cpuCount == 3)
        #expect(fake.pinCurrentThread(to: 2) == .pinned)
        #expect(fake.pinCurrentThread(to: 3) == .failed(errno: EINVAL))
        #expect(fake.requests == [2, 3])
    }

    @Test func recordingFakeCanPlayAnUnpinnableSystem() {
        let fake: any ThreadPinning = RecordingThreadPinning(cpus: [0, 1], result: .unsupported)
        #expect(fake.pinCurrentThread(to: 1) == .unsupported)
    }
}
