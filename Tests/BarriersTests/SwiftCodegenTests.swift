import Foundation
import Testing

/// Builds the Barriers module from its sources with -O (as an SMP build and as a
/// `-DLITMUS_UNIPROCESSOR` build), compiles `SwiftProbes` against each, and checks the
/// x86-64 instructions objdump finds in every probe.
@Suite struct SwiftCodegenTests {
    /// Compiles the module (with `defines`) and the probes; returns the probes' disassembly.
    private func disassembleProbes(defines: [String]) throws -> Disassembly {
        let swiftc = try Toolchain.find("swiftc", debianPackage: "the Swift toolchain")
        let objdump = try Toolchain.find("objdump", debianPackage: "binutils")
        let scratch = try Toolchain.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let modulePath = scratch.appendingPathComponent("Barriers.swiftmodule").path
        try Toolchain.check(swiftc, [
            "-O", "-wmo", "-parse-as-library", "-module-name", "Barriers", "-I", Toolchain.shimInclude,
            "-emit-module", "-emit-module-path", modulePath, "-c", "-o", scratch.appendingPathComponent("Barriers.o").path,
        ] + defines + Toolchain.barrierSourceFiles())
        let probes = scratch.appendingPathComponent("Probes.swift")
        try SwiftProbes.source.write(to: probes, atomically: true, encoding: .utf8)
        let object = scratch.appendingPathComponent("Probes.o").path
        try Toolchain.check(swiftc, [
            // Identical probes would otherwise be merged into jumps to one another.
            "-O", "-Xfrontend", "-disable-llvm-merge-functions-pass",
            "-parse-as-library", "-module-name", "Probes", "-I", scratch.path, "-I", Toolchain.shimInclude,
            "-c", probes.path, "-o", object,
        ])
        return Disassembly(listing: try Toolchain.check(objdump, ["-d", "--no-show-raw-insn", object]))
    }

    private func verify(_ disassembly: Disassembly, _ expected: [String: [String]], _ build: String) {
        for (probe, instructions) in expected.sorted(by: { $0.key < $1.key }) {
            guard let body = disassembly.body(of: "probe_\(probe)") else {
                Issue.record("\(build): probe_\(probe) not found in the disassembly")
                continue
            }
            if instructions.isEmpty {
                #expect(body.isEmpty, "\(build) \(probe) must emit no instruction, emits \(body)")
            } else {
                #expect(Disassembly.x86Ordering(body) == instructions, "\(build) \(probe): \(body)")
            }
        }
    }

    #if arch(x86_64)
    @Test func smpBuildEmitsLinuxInstructions() throws {
        let expected = SwiftProbes.x86Expectations(uniprocessor: false)
        #expect(expected.count > 90)
        verify(try disassembleProbes(defines: []), expected, "SMP")
    }

    @Test func uniprocessorBuildTurnsSMPBarriersIntoCompilerBarriers() throws {
        let expected = SwiftProbes.x86Expectations(uniprocessor: true)
        #expect(expected["smp_mb_full"] == [] && expected["mb_full"] == ["mfence"])
        verify(try disassembleProbes(defines: ["-D", "LITMUS_UNIPROCESSOR"]), expected, "uniprocessor")
    }
    #endif
}
