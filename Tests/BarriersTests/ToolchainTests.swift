import Testing

/// The verification tests' own machinery: a missing tool is a named failure, and the
/// disassembly reader understands both objdumps.
@Suite struct ToolchainTests {
    @Test func missingToolFailsNamingTheTool() {
        #expect {
            try Toolchain.find("litmus-no-such-objdump", debianPackage: "binutils")
        } throws: { error in
            "\(error)".contains("`litmus-no-such-objdump`") && "\(error)".contains("binutils")
        }
    }

    @Test func readsGNUAndLLVMListingsAlike() {
        let gnu = """
            0000000000000000 <$s6Probes12probe_smp_mbyyF>:
               0:\tlock addl $0x0,-0x4(%rsp)
               6:\tret
               7:\tnopw   0x0(%rax,%rax,1)
            """
        let llvm = """
            0000000000000010 <probe_smp_mb>:
                  10:      \tlock
                  11:      \taddl\t$0, -4(%rsp)
                  16:      \tretq
            """
        let fromGNU = Disassembly(listing: gnu).body(of: "probe_smp_mb")
        let fromLLVM = Disassembly(listing: llvm).body(of: "probe_smp_mb")
        #expect(fromGNU.map(Disassembly.x86Ordering) == ["lock addl $0,-4(%rsp)"])
        #expect(fromLLVM.map(Disassembly.x86Ordering) == ["lock addl $0,-4(%rsp)"])
        #expect(Disassembly(listing: gnu).body(of: "probe_smp") == nil)
    }

    @Test func reducesArm64RegistersToTheirClass() {
        let listing = """
            0000000000000000 <probe_xchg_64_full>:
                   0:      \tldxr\tx8, [x0]
                   4:      \tstlxr\tw9, x1, [x0]
                   8:      \tcbnz\tw9, 0x0 <probe_xchg_64_full>
                   c:      \tdmb\tish
                  10:      \tmov\tx0, x8
                  14:      \tret
            """
        let body = Disassembly(listing: listing).body(of: "probe_xchg_64_full") ?? []
        #expect(Disassembly.arm64Ordering(body) == ["ldxr x [x]", "stlxr w x [x]", "dmb ish"])
    }
}
