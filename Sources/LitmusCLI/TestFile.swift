import ArgumentParser
import Foundation
import Litmus
import LitmusSyntax

/// Where a test named on the command line comes from: the file on disk when there is one,
/// else the test of that name built into the binary (`litmus run mp+wmb+rmb.litmus` works
/// from any directory), reported as `bundled:NAME`.
enum TestFile {
    static let bundledPrefix = "bundled:"

    /// The test's text and the name to report it under (the path, or `bundled:NAME`).
    static func read(_ argument: String) throws(DiagnosticError) -> (source: String, file: String) {
        if !FileManager.default.fileExists(atPath: argument), let test = bundled(argument) {
            return (test.source, bundledPrefix + test.name)
        }
        return (try SourceFile.read(argument), argument)
    }

    /// The program, parsed and lowered, and the name to report it under.
    static func load(_ argument: String, macros: MacroDefinitions? = nil) throws(DiagnosticError) -> (program: Program, file: String) {
        let (source, file) = try read(argument)
        return (try Program.parse(source: source, file: file, macros: macros), file)
    }

    /// `read` for a command that takes one test: a bad file is a diagnostic on stderr and exit 2.
    static func readOrExit(_ argument: String) throws -> (source: String, file: String) {
        do throws(DiagnosticError) {
            return try read(argument)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }

    /// The source, its program and the name to report it under, for a command that takes one
    /// test: a file that does not read or parse is a diagnostic on stderr and exit 2.
    static func openOrExit(_ argument: String, macros: MacroDefinitions? = nil) throws -> (source: String, program: Program, file: String) {
        let (source, file) = try readOrExit(argument)
        do throws(DiagnosticError) {
            return (source, try Program.parse(source: source, file: file, macros: macros), file)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }

    /// The bundled test `mp+wmb+rmb.litmus`, `mp+wmb+rmb`, `litmus/mp+wmb+rmb.litmus` or
    /// `bundled:mp+wmb+rmb.litmus` names.
    static func bundled(_ argument: String) -> (name: String, source: String)? {
        var name = argument.hasPrefix(bundledPrefix) ? String(argument.dropFirst(bundledPrefix.count)) : argument
        if name.hasPrefix("litmus/") { name.removeFirst("litmus/".count) }
        if !name.hasSuffix(".litmus") { name += ".litmus" }
        return BundledCatalogue.tests.first { $0.name == name }
    }
}
