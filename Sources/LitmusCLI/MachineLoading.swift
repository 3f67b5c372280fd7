import ArgumentParser
import Foundation
import Litmus
import LitmusSyntax
import Models
import Operational

extension Architecture: ExpressibleByArgument {}

/// Shared by `simulate` and `step`: the test, loaded, and its operational machine built on the
/// thread paths the axiomatic explorer computes (one notion of dependency for both sides).
enum MachineLoading {
    /// Exits 2 with the diagnostic or the refusal; 1 when the paths explode.
    static func load(_ file: String, _ architecture: Architecture, unroll: Int) throws -> Machine {
        let program = try TestFile.openOrExit(file).program  // a bundled test when no such file exists
        var options = CheckOptions()
        options.loopUnrolling = unroll
        let paths: [[ThreadPath]], cut: Int
        do throws(ModelError) {
            (paths, cut) = try ModelChecker.threadPaths(of: program, options: options)
        } catch {
            Terminal.error("\(file): error: \(error.description)")
            throw ExitCode(1)
        }
        do throws(OperationalError) {
            return try Machine(program: program, architecture: architecture, paths: paths, loopPathsCut: cut)
        } catch {
            Terminal.error("\(file): error: the \(architecture.displayName) refuses this test: \(error.description)")
            throw ExitCode(2)
        }
    }
}
