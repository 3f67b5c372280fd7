import Testing
@testable import Harness

@Suite struct OutcomeCounterTests {
    @Test func countsEveryKeyThroughGrowthAndRepeats() {
        var counter = OutcomeCounter(width: 2, capacity: 4)
        defer { counter.deallocate() }
        var key = [0, 0]
        for round in 0..<3 {
            for i in 0..<1_000 {
                key[0] = i % 500
                key[1] = -(i % 500)
                counter.add(key, count: round + 1)
            }
        }
        var seen: [Int: Int] = [:]
        var rows = 0
        counter.forEach { key, count in
            #expect(key[1] == -key[0])
            seen[key[0]] = count
            rows += 1
        }
        #expect(rows == 500)
        // Each key came twice per round, rounds adding 1, 2 and 3.
        #expect(seen.values.allSatisfy { $0 == 12 })
    }
}
