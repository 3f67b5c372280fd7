#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PerpetualEngine {
    /// One batch's decoding: on the calling thread once the test threads have stopped, or on
    /// threads of its own, pinned to spare CPUs, while the next batch runs (streaming).
    enum Decoding {
        struct Outcome {
            var result: PerpetualDecoder.Result
            var overlap: Overlap
            var iterations: Int
            var wallSeconds: Double
            var cpuSeconds: Double
        }

        /// Decodes `memory`'s batch of `n` iterations on `threads` threads, the caller's included.
        static func now(
            _ decoder: PerpetualDecoder, _ shape: PerpetualShape, _ memory: PerpetualMemory, _ n: Int, threads: Int,
            pin: (@Sendable (Int) -> Void)? = nil
        ) -> Outcome {
            let clock = ContinuousClock()
            let start = clock.now
            let cpuStart = DecodeClock.threadCPUSeconds()
            let recorded = PerpetualBatch(shape: shape, iterations: n, threads: threads, pin: pin) { thread, body in
                memory.withRecords(thread: thread, iterations: n, body)
            }
            let batchCPU = DecodeClock.threadCPUSeconds() - cpuStart + recorded.helperCPUSeconds
            let (result, countingCPU) = decoder.decode(recorded, threads: threads, pin: pin)
            let wall = clock.now - start
            return Outcome(result: result, overlap: recorded.overlap, iterations: n,
                           wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18,
                           cpuSeconds: batchCPU + countingCPU)
        }

        /// Starts decoding on a thread of its own, each decoding thread pinned to one of `cpus`;
        /// `finish()` waits for it. The batch's buffers must stay untouched until then.
        static func start(
            _ decoder: PerpetualDecoder, _ shape: PerpetualShape, _ memory: PerpetualMemory, _ n: Int, threads: Int,
            pinning: any ThreadPinning, cpus: [Int]
        ) throws(HarnessError) -> Pending {
            let pending = Pending()
            let pin: @Sendable (Int) -> Void = { lane in _ = pinning.pinCurrentThread(to: cpus[lane % cpus.count]) }
            let job = UnsafeSendable((decoder, shape, memory))
            pending.thread = try startThread {
                let (decoder, shape, memory) = job.value
                pending.outcome = now(decoder, shape, memory, n, threads: threads, pin: pin)
            }
            return pending
        }

        /// A decoding running on its own thread.
        final class Pending: @unchecked Sendable {
            fileprivate var thread: pthread_t?
            fileprivate var outcome: Outcome?

            /// Waits for the decoding and returns it.
            func finish() -> Outcome {
                if let thread { pthread_join(thread, nil) }
                return outcome!
            }
        }
    }
}
