import Testing
@testable import Harness

/// QA: CPU lists in messages read as the user writes them.
@Suite struct QAHarnessTests {
    @Test func cpuListsAreWrittenAsRanges() {
        #expect(CPUPool.ranges([7]) == "7")
        #expect(CPUPool.ranges([0, 1]) == "0-1")
        #expect(CPUPool.ranges([5, 2, 3, 4, 9, 0]) == "0,2-5,9")
        #expect(CPUPool.ranges(Array(2 ... 100)) == "2-100")
        #expect(CPUPool.ranges([]) == "")
    }
}
