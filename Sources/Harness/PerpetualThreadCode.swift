import Barriers
import Litmus

/// One operation of a perpetual thread body, flat and trivially copyable: the inner loop
/// reads these through a raw pointer and touches no reference.
@usableFromInline
struct PerpetualOp {
    @usableFromInline enum Code: UInt8 {
        case loadOnce, loadAcquire, storeOnce, storeRelease
        case smpMB, smpRMB, smpWMB, mandatoryMB, mandatoryRMB, mandatoryWMB, dmaMB, dmaRMB, dmaWMB
        case beforeAtomic, afterAtomic, compilerBarrier
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

    init(code: Code, location: UnsafeMutablePointer<Int>, record: UnsafeMutablePointer<Int>,
         width: Int = 0, stride: Int = 0, offset: Int = 0) {
        self.code = code
        self.location = location
        self.record = record
        self.width = width
        self.stride = stride
        self.offset = offset
    }

    /// The fence code for `kind`, with the same mapping onto `Barriers` as synchronised runs.
    static func fence(_ kind: FenceKind) -> Code {
        switch kind {
        case .mb, .afterSpinlock, .afterUnlockLock, .afterSRCUReadUnlock: return .smpMB
        case .rmb: return .smpRMB
        case .wmb: return .smpWMB
        case .mandatoryMB: return .mandatoryMB
        case .mandatoryRMB: return .mandatoryRMB
        case .mandatoryWMB: return .mandatoryWMB
        case .dmaMB: return .dmaMB
        case .dmaRMB: return .dmaRMB
        case .dmaWMB: return .dmaWMB
        case .beforeAtomic: return .beforeAtomic
        case .afterAtomic: return .afterAtomic
        // RCU is refused by PerpetualShape; a compiler barrier is all the others need here.
        case .compilerBarrier, .rcuReadLock, .rcuReadUnlock, .synchronizeRCU: return .compilerBarrier
        }
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
            case .smpMB: smp_mb(.full)
            case .smpRMB: smp_mb(.read)
            case .smpWMB: smp_mb(.write)
            case .mandatoryMB: mb(.full)
            case .mandatoryRMB: mb(.read)
            case .mandatoryWMB: mb(.write)
            case .dmaMB: dma_mb(.full)
            case .dmaRMB: dma_mb(.read)
            case .dmaWMB: dma_mb(.write)
            case .beforeAtomic: smp_mb__before_atomic()
            case .afterAtomic: smp_mb__after_atomic()
            case .compilerBarrier: barrier()
            }
            i &+= 1
        }
    }
}
