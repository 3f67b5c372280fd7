import Foundation

/// A tool a verification test needs is not installed: the test fails and says which.
struct MissingTool: Error, CustomStringConvertible {
    let tool: String
    let debianPackage: String
    var description: String {
        "required tool `\(tool)` not found on PATH (Debian package `\(debianPackage)`; .ci/run installs it)"
    }
}

/// A command that should have succeeded failed.
struct CommandFailed: Error, CustomStringConvertible {
    let command: String
    let output: String
    var description: String { "`\(command)` failed:\n\(output)" }
}

/// The output of a finished command.
struct CommandResult: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Finding tools, running them, and the paths the verification tests work with.
enum Toolchain {
    /// The package root (this file is Tests/BarriersTests/Support/Toolchain.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Tests/BarriersTests/Fixtures")
    static let shimInclude = packageRoot.appendingPathComponent("Sources/_BarriersShims/include").path
    /// The harness's shim (pinning, the cycle counter).
    static let harnessShimInclude = packageRoot.appendingPathComponent("Sources/_HarnessShims/include").path
    static let barrierSources = packageRoot.appendingPathComponent("Sources/Barriers")

    /// The full path of `name` on PATH, or `MissingTool`.
    static func find(_ name: String, debianPackage: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw MissingTool(tool: name, debianPackage: debianPackage)
    }

    /// Runs `executable` with `arguments`; output is collected through files so large
    /// outputs cannot block the child.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CommandResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Runs a command that must succeed; returns its standard output.
    @discardableResult
    static func check(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> String {
        let result = try run(executable, arguments, in: directory)
        guard result.status == 0 else {
            let command = ([executable] + arguments).joined(separator: " ")
            throw CommandFailed(command: command, output: result.stdout + result.stderr)
        }
        return result.stdout
    }

    /// A fresh directory under the system's temporary directory.
    static func makeScratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("litmus-barriers-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The Barriers library's Swift sources, for compiling the module outside SwiftPM.
    static func barrierSourceFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: barrierSources.path)
            .filter { $0.hasSuffix(".swift") }.sorted()
            .map { barrierSources.appendingPathComponent($0).path }
    }
}
