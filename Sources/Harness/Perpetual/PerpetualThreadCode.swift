import Barriers
import Litmus

/// One operation of a perpetual thread body, flat and trivially copyable: the inner loop
/// reads these through a raw pointer and touches no reference.
@usableFromInline
struct PerpetualOp {
    @usableFromInline enum Code: UInt8 {
        case loadOnce, loadAcquire, storeOnce, storeRelease
        case fence
    }

    @usableFromInline var code: Code
    /// The shared location.
    @usableFromInline var location: UnsafeMutablePointer<Int>
    /// Loads: where iteration 0's value goes; iteration `k` writes `record[k * width]`.
    @usableFromInline var record: UnsafeMutablePointer<Int>
    @usableFromInline var width: Int
    /// Stores: iteration `k` writes `k * stride + offset`.
    @usableFromInline var stride: Int
    @usableFromInline var offset: Int
    /// Fences: the barrier (the mapping synchronised runs use too).
    @usableFromInline var barrier: HardwareFence

    init(code: Code, location: UnsafeMutablePointer<Int>, record: UnsafeMutablePointer<Int>,
         width: Int = 0, stride: Int = 0, offset: Int = 0, barrier: HardwareFence = .compilerBarrier) {
        self.code = code
        self.location = location
        self.record = record
        self.width = width
        self.stride = stride
        self.offset = offset
        self.barrier = barrier
    }
}

/// Runs iterations `0..<iterations` of a worker's operations without ever waiting: the
/// perpetual inner loop. Every shared access and fence is one call into `Barriers`.
@inline(never)
func runPerpetual(_ ops: UnsafePointer<PerpetualOp>, count: Int, iterations: Int) {
    for k in 0..<iterations {
        var i = 0
        while i < count {
            let op = ops[i]
            switch op.code {
            case .storeOnce: WRITE_ONCE(op.location, k &* op.stride &+ op.offset)
            case .storeRelease: smp_store_release(op.location, k &* op.stride &+ op.offset)
            case .loadOnce: op.record[k &* op.width] = READ_ONCE(op.location)
            case .loadAcquire: op.record[k &* op.width] = smp_load_acquire(op.location)
            case .fence: op.barrier.run()
            }
            i &+= 1
        }
    }
}
