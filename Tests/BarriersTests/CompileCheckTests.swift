import Foundation
import Testing

/// Type-checks each snippet in Fixtures/CompileChecks against the Barriers module, as a
/// client package would see it. A line ending in `// error: TEXT` must get an error
/// containing TEXT; every other line must compile.
@Suite struct CompileCheckTests {
    static let snippetDirectory = Toolchain.fixtures.appendingPathComponent("CompileChecks")

    static let snippets: [String] = (try? FileManager.default.contentsOfDirectory(atPath: snippetDirectory.path))?
        .filter { $0.hasSuffix(".swift") }.sorted() ?? []

    /// The Barriers module interface, emitted once from the sources for all snippets.
    static let module: Result<URL, any Error> = Result {
        let swiftc = try Toolchain.find("swiftc", debianPackage: "the Swift toolchain")
        let directory = try Toolchain.makeScratchDirectory()
        try Toolchain.check(swiftc, [
            "-parse-as-library", "-module-name", "Barriers", "-I", Toolchain.shimInclude,
            "-emit-module", "-emit-module-path", directory.appendingPathComponent("Barriers.swiftmodule").path,
        ] + Toolchain.barrierSourceFiles())
        return directory
    }

    /// Line number to expected error text, from the `// error:` markers.
    private func expectedErrors(in source: String) -> [Int: String] {
        var expected: [Int: String] = [:]
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let marker = line.range(of: "// error: ") {
                expected[index + 1] = String(line[marker.upperBound...]).trimmingCharacters(in: .whitespaces)
            }
        }
        return expected
    }

    /// Line number to the error messages swiftc reported for `file`.
    private func reportedErrors(_ output: String, file: String) -> [Int: [String]] {
        var reported: [Int: [String]] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix(file + ":") {
            let fields = line.dropFirst(file.count + 1).split(separator: ":", maxSplits: 3)
            guard fields.count == 4, fields[2].trimmingCharacters(in: .whitespaces) == "error",
                  let number = Int(fields[0]) else { continue }
            reported[number, default: []].append(String(fields[3]))
        }
        return reported
    }

    @Test func everySnippetIsChecked() {
        #expect(Self.snippets.contains("Accepted.swift"))
        #expect(Self.snippets.count >= 9)
    }

    @Test(arguments: snippets)
    func snippet(_ name: String) throws {
        let swiftc = try Toolchain.find("swiftc", debianPackage: "the Swift toolchain")
        let moduleDirectory = try Self.module.get()
        let file = Self.snippetDirectory.appendingPathComponent(name).path
        let source = try String(contentsOfFile: file, encoding: .utf8)
        let expected = expectedErrors(in: source)
        let result = try Toolchain.run(swiftc, [
            "-typecheck", "-parse-as-library", "-module-name", "Snippet",
            "-I", moduleDirectory.path, "-I", Toolchain.shimInclude, file,
        ])
        let output = result.stdout + result.stderr
        let reported = reportedErrors(output, file: file)
        #expect((result.status == 0) == expected.isEmpty, "\(name): exit status \(result.status)\n\(output)")
        for (line, text) in expected.sorted(by: { $0.key < $1.key }) {
            let messages = reported[line] ?? []
            #expect(messages.contains { $0.contains(text) }, "\(name):\(line) should fail with '\(text)', got \(messages)")
        }
        for (line, messages) in reported where expected[line] == nil {
            Issue.record("\(name):\(line) unexpected error: \(messages)")
        }
    }
}
