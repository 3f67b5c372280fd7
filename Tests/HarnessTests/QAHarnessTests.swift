import Testing
@testable import Harness

/// QA: CPU lists in messages read as the user writes them.
@Suite struct QAHarnessTests {
    @Test func cpuListsAreWrittenAsRanges() {
        #expect(HardwareRunner.ranges([7]) == "7")
        #expect(HardwareRunner.ranges([0, 1]) == "0-1")
        #expect(HardwareRunner.ranges([5, 2, 3, 4, 9, 0]) == "0,2-5,9")
        #expect(HardwareRunner.ranges(Array(2 ... 100)) == "2-100")
        #expect(HardwareRunner.ranges([]) == "")
    }
}
