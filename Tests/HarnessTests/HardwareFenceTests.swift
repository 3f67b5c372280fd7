import Testing
@testable import Harness
import Litmus

/// Both inner loops take their barriers from one mapping; these are the kernel's choices.
@Suite struct HardwareFenceTests {
    @Test func kernelSemanticsOfTheLockFences() {
        // smp_mb__after_spinlock() and smp_mb__after_unlock_lock() are their own barriers (a
        // compiler barrier on x86-64, where the lock's locked RMW already orders), not smp_mb().
        #expect(HardwareFence(.afterSpinlock) == .afterSpinlock)
        #expect(HardwareFence(.afterUnlockLock) == .afterUnlockLock)
        #expect(HardwareFence(.mb) == .smpMB)
        #expect(HardwareFence(.rcuReadLock) == .compilerBarrier)
    }

    @Test func gracePeriodsHaveNoBarrier() {
        #expect(HardwareFence(.synchronizeRCU) == nil)
        #expect(HardwareFence(.afterSRCUReadUnlock) == nil)
    }

    @Test func synchronisedRunsRefuseTheSRCUFence() {
        let program = PerpetualFixtures.program("srcu", [[.fence(.afterSRCUReadUnlock), .store("x", 1)]], exists: [("x", 1)])
        #expect(throws: HarnessError.self) { try ThreadCompiler.compile(program) }
    }

}
