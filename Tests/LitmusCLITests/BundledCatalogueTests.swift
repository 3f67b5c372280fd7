import Foundation
import Testing
@testable import LitmusCLI

/// The litmus/ tests built into the binary: the same text as the files, found by name from
/// any directory, with a file on disk winning.
@Suite struct BundledCatalogueTests {
    static let repository = Binary.tests.deletingLastPathComponent()
    static let litmus = repository.appendingPathComponent("litmus")

    @Test func bundledTestsAreTheFilesOfLitmus() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.litmus.path)
            .filter { $0.hasSuffix(".litmus") }.sorted()
        #expect(BundledCatalogue.tests.map(\.name).sorted() == names, "run scripts/gen-bundled-catalogue")
        for (name, source) in BundledCatalogue.tests {
            let file = try String(contentsOf: Self.litmus.appendingPathComponent(name), encoding: .utf8)
            #expect(source == file, "\(name) differs from litmus/\(name): run scripts/gen-bundled-catalogue")
        }
    }

    @Test func namesFindBundledTests() {
        for name in ["mp+wmb+rmb.litmus", "mp+wmb+rmb", "litmus/mp+wmb+rmb.litmus", "bundled:mp+wmb+rmb.litmus"] {
            #expect(TestFile.bundled(name)?.name == "mp+wmb+rmb.litmus", "\(name)")
        }
        #expect(TestFile.bundled("nonesuch.litmus") == nil)
    }

    @Test func binaryFindsBundledTestsFromAnyDirectory() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("litmus-elsewhere-\(getpid())")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let list = try Binary.run(["list", "--model", "lkmm"], directory: elsewhere)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("mp+wmb+rmb.litmus"))
        #expect(list.stdout.contains("in the catalogue built into litmus"))
        let explain = try Binary.run(["explain", "mp.litmus", "--model", "lkmm"], directory: elsewhere)
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("(bundled:mp.litmus)"))
        // A file on disk wins over the bundled test of the same name.
        let own = "C mine\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n"
        try own.write(to: elsewhere.appendingPathComponent("mp.litmus"), atomically: true, encoding: .utf8)
        let disk = try Binary.run(["check", "mp.litmus", "--model", "sc"], directory: elsewhere)
        #expect(disk.status == 0, "\(disk.stderr)")
        #expect(disk.stdout.contains("mine"))
        let missing = try Binary.run(["parse", "nonesuch.litmus"], directory: elsewhere)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nonesuch.litmus:0:0: error: no such file") || missing.stderr.contains("no such file"))
    }

    @Test func binaryVersionAndUnknownHelp() throws {
        let version = try Binary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("litmus \(VersionCommand.version) ("))
        #expect(try Binary.run(["version"]).stdout == version.stdout)
        let help = try Binary.run(["help", "nonsense"])
        #expect(help.status == 2)
        #expect(help.stderr.contains("unknown subcommand 'nonsense'"))
    }
}
