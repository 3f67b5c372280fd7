import Testing
import Barriers
@testable import Harness

/// The CPU pool is chosen in one place for both modes: `--cpus`, then `-a`.
@Suite struct CPUPoolTests {
    @Test func firstCPUsTakesThePrefixOfThePool() throws {
        #expect(try CPUPool.choose(available: [2, 3, 5], requested: nil, first: 2) == [2, 3])
        #expect(try CPUPool.choose(available: [2, 3, 5], requested: [5, 2], first: 1) == [5])
        #expect(try CPUPool.choose(available: [2, 3], requested: nil, first: 8) == [2, 3])
        #expect(try CPUPool.choose(available: [], requested: nil, first: nil) == [0])
    }

    @Test func unavailableCPUsAreNamed() {
        #expect(throws: HarnessError.invalidParameter("CPUs 6-7 are not available to this process (available: 0,1)")) {
            try CPUPool.choose(available: [0, 1], requested: [0, 6, 7], first: nil)
        }
    }

    @Test func theRunnerUsesThePool() throws {
        let runner = SynchronisedRunner(pinning: RecordingThreadPinning(cpus: [4, 5, 6]))
        let setup = try runner.setup(for: HandBuilt.iriw(), parameters: RunParameters(iterations: 10, firstCPUs: 1))
        #expect(setup.cpus == [4])
        #expect(throws: HarnessError.invalidParameter("-a expects a positive CPU count")) {
            try runner.setup(for: HandBuilt.iriw(), parameters: RunParameters(iterations: 10, firstCPUs: 0))
        }
    }

    /// CPU lists in messages read as the user writes them.
    @Test func cpuListsAreWrittenAsRanges() {
        #expect(CPUPool.ranges([7]) == "7")
        #expect(CPUPool.ranges([0, 1]) == "0-1")
        #expect(CPUPool.ranges([5, 2, 3, 4, 9, 0]) == "0,2-5,9")
        #expect(CPUPool.ranges(Array(2 ... 100)) == "2-100")
        #expect(CPUPool.ranges([]) == "")
    }
}
