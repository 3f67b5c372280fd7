import Barriers
import Litmus

/// The barrier a fence runs as on hardware. One mapping for both inner loops (the synchronised
/// interpreter and the perpetual loop), so the two modes cannot disagree about a fence.
@usableFromInline
enum HardwareFence: UInt8, Sendable {
    case smpMB, smpRMB, smpWMB
    case mandatoryMB, mandatoryRMB, mandatoryWMB
    case dmaMB, dmaRMB, dmaWMB
    case beforeAtomic, afterAtomic, afterSpinlock, afterUnlockLock
    case compilerBarrier

    /// The barrier for `kind`; nil for grace periods (`synchronize_rcu()`, SRCU), which both
    /// modes refuse: their meaning needs the model. The RCU read-side markers order nothing
    /// without a grace period in the test, so they run as compiler barriers.
    init?(_ kind: FenceKind) {
        switch kind {
        case .mb: self = .smpMB
        case .rmb: self = .smpRMB
        case .wmb: self = .smpWMB
        case .mandatoryMB: self = .mandatoryMB
        case .mandatoryRMB: self = .mandatoryRMB
        case .mandatoryWMB: self = .mandatoryWMB
        case .dmaMB: self = .dmaMB
        case .dmaRMB: self = .dmaRMB
        case .dmaWMB: self = .dmaWMB
        case .beforeAtomic: self = .beforeAtomic
        case .afterAtomic: self = .afterAtomic
        case .afterSpinlock: self = .afterSpinlock
        case .afterUnlockLock: self = .afterUnlockLock
        case .compilerBarrier, .rcuReadLock, .rcuReadUnlock: self = .compilerBarrier
        case .synchronizeRCU, .afterSRCUReadUnlock: return nil
        }
    }

    /// Runs the barrier through `Barriers`, as the kernel spells it.
    @inline(__always) @usableFromInline
    func run() {
        switch self {
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
        case .afterSpinlock: smp_mb__after_spinlock()
        case .afterUnlockLock: smp_mb__after_unlock_lock()
        case .compilerBarrier: barrier()
        }
    }
}
