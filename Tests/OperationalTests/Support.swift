import Foundation
import Litmus
import Models
import Operational
import Testing

/// Fixtures (copies of the classic shapes, lock tests, QA tests and the kernel corpus) and the
/// bridge from a program to its machine, built on the explorer's thread paths as the CLI does.
enum MachineFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func files(_ subdirectory: String) -> [URL] {
        let folder = directory.appendingPathComponent(subdirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".litmus") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func program(_ url: URL) throws -> Program { try Program.load(contentsOf: url.path) }

    static func machine(_ program: Program, _ architecture: Architecture) throws -> Machine {
        let (paths, cut) = try ModelChecker.threadPaths(of: program)
        return try Machine(program: program, architecture: architecture, paths: paths, loopPathsCut: cut)
    }

    static func model(_ architecture: Architecture) -> ModelKind {
        architecture == .tso ? .tso : .armv8
    }

    /// The machine's reachable states and the axiomatic model's allowed states, both in herd order.
    static func compare(_ program: Program, _ architecture: Architecture) throws -> (machine: [FinalState], axiomatic: [FinalState]) {
        let machine = try machine(program, architecture)
        let reached = try Explorer(machine: machine).explore().states
        let allowed = try ModelChecker.check(program, model: model(architecture)).states.map(\.state)
        return (reached, allowed)
    }

    static func render(_ program: Program, _ states: [FinalState]) -> String {
        states.map(program.render).joined(separator: "\n")
    }
}
