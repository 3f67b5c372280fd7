import ArgumentParser
import Foundation

/// Writes a DOT graph to FILE.dot / FILE.gv, or renders FILE.svg with graphviz's `dot`.
enum GraphFile {
    static func validate(_ path: String) throws {
        guard path.hasSuffix(".dot") || path.hasSuffix(".gv") || path.hasSuffix(".svg") else {
            throw ValidationError("--graph FILE must end in .dot, .gv or .svg")
        }
        // Up front, so a long run does not end in this error.
        if path.hasSuffix(".svg"), dotExecutable == nil {
            throw ValidationError("--graph \(path): SVG needs graphviz's `dot`, which is not installed; use a .dot name instead")
        }
    }

    /// Fails before any work when `path` cannot be written (a directory, a missing or read-only
    /// folder), so a long run does not end in a write error.
    static func checkWritable(_ path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("\(option) \(path): is a directory")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(option) \(path): folder \(folder) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ValidationError("\(option) \(path): folder \(folder) is not writable")
        }
    }

    /// graphviz's `dot`, where the usual installs put it.
    static var dotExecutable: String? {
        ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func write(_ dot: String, to path: String) throws {
        guard path.hasSuffix(".svg") else {
            do { try dot.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw GraphWriteError(description: "cannot write \(path): \(error.localizedDescription)")
            }
            return
        }
        guard let executable = dotExecutable else {
            throw GraphWriteError(description: "--graph \(path): SVG needs graphviz's `dot`, which is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg", "-o", path]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GraphWriteError(description: "dot failed to render \(path)") }
    }
}

/// A graph that could not be written after the work was done: a plain error, not a usage error.
struct GraphWriteError: Error, CustomStringConvertible {
    var description: String
}
