import Foundation
import Testing

/// Compiles Fixtures/ShimProbe.c (one function per shim primitive) with clang for each
/// architecture and checks every function's instructions against `InstructionTable`.
@Suite struct ShimDisassemblyTests {
    /// Compiles the probe for `target` and disassembles it with llvm-objdump.
    private func disassembleShim(
        target: [String], objdumpFlags: [String] = [], probe: String = "ShimProbe.c", include: String = Toolchain.shimInclude
    ) throws -> Disassembly {
        let clang = try Toolchain.find("clang", debianPackage: "clang")
        let objdump = try Toolchain.find("llvm-objdump", debianPackage: "llvm")
        let scratch = try Toolchain.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let object = scratch.appendingPathComponent("probe.o").path
        try Toolchain.check(clang, target + [
            "-ffreestanding", "-O2", "-Wall", "-Werror", "-I", include,
            "-c", Toolchain.fixtures.appendingPathComponent(probe).path, "-o", object,
        ])
        let listing = try Toolchain.check(objdump, ["-d", "--no-show-raw-insn"] + objdumpFlags + [object])
        return Disassembly(listing: listing)
    }

    /// Compares each probe's reduced body with its expected instructions; an empty
    /// expectation requires an empty body.
    private func verify(
        _ disassembly: Disassembly, _ expected: [String: [String]],
        reduce: ([String]) -> [String], _ architecture: String
    ) {
        #expect(!expected.isEmpty)
        for (probe, instructions) in expected.sorted(by: { $0.key < $1.key }) {
            guard let body = disassembly.body(of: "probe_\(probe)") else {
                Issue.record("\(architecture): probe_\(probe) not found in the disassembly")
                continue
            }
            if instructions.isEmpty {
                #expect(body.isEmpty, "\(architecture) \(probe) must emit no instruction, emits \(body)")
            } else {
                #expect(reduce(body) == instructions, "\(architecture) \(probe): \(body)")
            }
        }
    }

    private func accessExpectations(_ table: (String, Int) -> [String]) -> [String: [String]] {
        var expected: [String: [String]] = [:]
        for bits in InstructionTable.widths {
            for kind in ["read_once", "write_once", "load_acquire", "store_release"] {
                expected["\(kind)_\(bits)"] = table(kind, bits)
            }
        }
        return expected
    }

    private func rmwExpectations(_ table: (String, Int, String) -> [String]) -> [String: [String]] {
        var expected: [String: [String]] = [:]
        for bits in InstructionTable.widths {
            for ordering in InstructionTable.orderings {
                for op in InstructionTable.rmwOps {
                    expected["\(op)_\(bits)_\(ordering)"] = table(op, bits, ordering)
                }
            }
        }
        return expected
    }

    @Test func x86FencesAccessesAndAtomics() throws {
        let disassembly = try disassembleShim(target: ["--target=x86_64-linux-gnu"])
        let reduce = Disassembly.x86Ordering
        verify(disassembly, InstructionTable.x86Fences, reduce: reduce, "x86-64")
        verify(disassembly, accessExpectations { kind, _ in InstructionTable.x86Access(kind) }, reduce: reduce, "x86-64")
        verify(disassembly, rmwExpectations { op, _, _ in InstructionTable.x86RMW(op) }, reduce: reduce, "x86-64")
    }

    @Test func arm64FencesAccessesAndLLSCAtomics() throws {
        let disassembly = try disassembleShim(target: ["--target=aarch64-linux-gnu"])
        let reduce = Disassembly.arm64Ordering
        verify(disassembly, InstructionTable.arm64Fences, reduce: reduce, "arm64")
        verify(disassembly, accessExpectations(InstructionTable.arm64Access), reduce: reduce, "arm64")
        verify(disassembly, rmwExpectations(InstructionTable.arm64LLSC), reduce: reduce, "arm64 LL/SC")
    }

    @Test func arm64LSEAtomics() throws {
        let disassembly = try disassembleShim(
            target: ["--target=aarch64-linux-gnu", "-march=armv8.1-a"], objdumpFlags: ["--mattr=+lse"])
        let reduce = Disassembly.arm64Ordering
        verify(disassembly, InstructionTable.arm64Fences, reduce: reduce, "arm64 v8.1")
        verify(disassembly, accessExpectations(InstructionTable.arm64Access), reduce: reduce, "arm64 v8.1")
        verify(disassembly, rmwExpectations(InstructionTable.arm64LSE), reduce: reduce, "arm64 LSE")
    }

    /// Any other architecture gets C11 fences; RISC-V stands in for "other" here.
    @Test func otherArchitecturesFallBackToC11Fences() throws {
        let disassembly = try disassembleShim(target: ["--target=riscv64-linux-gnu"])
        let full = ["fence rw,rw"], acquire = ["fence r,rw"], release = ["fence rw,w"]
        let expected: [String: [String]] = [
            "barrier": [], "mb": full, "rmb": acquire, "wmb": release,
            "smp_mb": full, "smp_rmb": acquire, "smp_wmb": release,
            "dma_mb": full, "dma_rmb": acquire, "dma_wmb": release,
            "smp_mb__before_atomic": full, "smp_mb__after_atomic": full,
            "smp_mb__after_spinlock": full, "cpu_relax": [],
        ]
        verify(disassembly, expected, reduce: { $0.map { $0.replacingOccurrences(of: ", ", with: ",") } }, "fallback")
    }

    /// get_cycles() reads the counter and nothing else: no fence, no memory access, so the
    /// harness's timestamps never order the accesses under test.
    @Test func cycleCounterIsOneUnorderedRead() throws {
        func cycles(_ target: String) throws -> [String] {
            try disassembleShim(target: ["--target=\(target)"], probe: "CycleProbe.c", include: Toolchain.harnessShimInclude)
                .body(of: "probe_get_cycles") ?? []
        }
        let x86 = try cycles("x86_64-linux-gnu")
        #expect(x86.first == "rdtsc", "x86-64 get_cycles: \(x86)")
        #expect(Disassembly.x86Ordering(x86).isEmpty, "x86-64 get_cycles orders something: \(x86)")
        let arm64 = try cycles("aarch64-linux-gnu")
        #expect(arm64.map { $0.lowercased() } == ["mrs x0, cntvct_el0"], "arm64 get_cycles: \(arm64)")
        // Elsewhere the monotonic clock: a call into HarnessShims.c, still no fence.
        let other = try cycles("riscv64-linux-gnu")
        #expect(!other.isEmpty && !other.contains { $0.hasPrefix("fence") }, "fallback get_cycles: \(other)")
    }
}
