import Foundation

/// The built `litmus` executable, run end to end (exit codes as a shell sees them).
enum Binary {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("LitmusCLITests/Fixtures")
    static let reportsFixtures = tests.appendingPathComponent("ReportsTests/Fixtures")

    /// Next to the test bundle in .build/<triple>/debug (or release).
    static var url: URL? {
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("litmus"))
        var bundle = Bundle.main.bundleURL
        for _ in 0 ..< 4 {
            candidates.append(bundle.appendingPathComponent("litmus"))
            bundle = bundle.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary; after `timeout` seconds it is killed (status then shows the signal).
    /// `oneStream`: stderr goes into stdout's pipe, as in `litmus ... 2>&1 | less`.
    static func run(
        _ arguments: [String], environment: [String: String] = ["NO_COLOR": "1"], timeout: Double? = nil,
        directory: URL? = nil, input: String? = nil, oneStream: Bool = false
    ) throws -> Result {
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = oneStream ? out : err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = oneStream ? Data() : err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
