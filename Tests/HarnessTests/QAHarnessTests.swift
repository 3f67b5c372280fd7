import Testing
@testable import Harness

/// QA: CPU lists in messages read as the user writes them.
@Suite struct QAHarnessTests {
    @Test func cpuListsAreWrittenAsRanges() {
        #expect(SynchronisedRunner.ranges([7]) == "7")
        #expect(SynchronisedRunner.ranges([0, 1]) == "0-1")
        #expect(SynchronisedRunner.ranges([5, 2, 3, 4, 9, 0]) == "0,2-5,9")
        #expect(SynchronisedRunner.ranges(Array(2 ... 100)) == "2-100")
        #expect(SynchronisedRunner.ranges([]) == "")
    }
}
