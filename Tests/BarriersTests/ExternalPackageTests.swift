import Foundation
import Testing

/// Examples/BarrierClient is a package outside this one that depends on it by path, the
/// way the README tells users to. It must build, run, and carry smp_mb(.full)'s instruction.
@Suite struct ExternalPackageTests {
    static let client = Toolchain.packageRoot.appendingPathComponent("Examples/BarrierClient")

    @Test func clientPackageBuildsAndRuns() throws {
        let swift = try Toolchain.find("swift", debianPackage: "the Swift toolchain")
        let binPath = try Toolchain.check(swift, ["build", "--show-bin-path"], in: Self.client)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try Toolchain.check(swift, ["build"], in: Self.client)
        let executable = binPath + "/BarrierClient"
        let output = try Toolchain.check(executable, [])
        #expect(output.contains("data = 42"), "client printed: \(output)")
        #if arch(x86_64)
        let objdump = try Toolchain.find("objdump", debianPackage: "binutils")
        let listing = try Toolchain.check(objdump, ["-d", "--no-show-raw-insn", executable])
        #expect(listing.contains("lock addl $0x0,-0x4(%rsp)"), "smp_mb(.full) instruction missing from the client")
        #endif
    }
}
