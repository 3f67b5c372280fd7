import Foundation
import Litmus
import Models
import Operational
import Testing

/// The operational machines reach exactly the final states the axiomatic models allow.
@Suite struct ConformanceTests {
    /// The lock fixtures with 5 and 6 threads take minutes in a debug build: bench material.
    static let files = ["classic", "qa", "kernel", "locks"].flatMap(MachineFixtures.files).filter {
        !["LockIncrements5", "LockIncrements6", "LockHolders5", "LockHolders6"].contains($0.deletingPathExtension().lastPathComponent)
    }

    @Test func thereAreFixtures() {
        #expect(Self.files.count > 100)
    }

    @Test(arguments: files, Architecture.allCases)
    func machineReachesWhatTheModelAllows(_ url: URL, _ architecture: Architecture) throws {
        let program = try MachineFixtures.program(url)
        do {
            let (reached, allowed) = try MachineFixtures.compare(program, architecture)
            #expect(reached == allowed, """
                \(url.lastPathComponent) on \(architecture): machine
                \(MachineFixtures.render(program, reached))
                axiomatic
                \(MachineFixtures.render(program, allowed))
                """)
        } catch let OperationalError.refused(reason) {
            // Only RCU and SRCU are refused, and the reason says so.
            #expect(reason.contains("RCU"), "\(url.lastPathComponent): \(reason)")
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains("rcu") || text.contains("srcu"))
        }
    }
}
