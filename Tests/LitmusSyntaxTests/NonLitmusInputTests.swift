import Testing
@testable import LitmusSyntax

/// What a file that is not a litmus test at all is told.
@Suite struct NonLitmusInputTests {
    func firstError(_ source: String) -> String? {
        do {
            _ = try LitmusTest.parse(source: source, file: "junk.litmus")
            return nil
        } catch {
            return error.diagnostics.first?.message
        }
    }

    @Test func junkIsNotAnUnsupportedArchitecture() {
        #expect(firstError("hello world\n") == "expected a test header such as 'C MP+onceassign', found 'hello'")
        #expect(firstError("hxk\u{1}\u{2}garbage") ?? "" != "'hxk' litmus tests are not supported yet")
        #expect(firstError("hxk\u{1}\u{2}garbage")?.hasPrefix("expected a test header") == true)
    }

    @Test func herdsOtherArchitecturesAreNotSupportedYet() {
        for arch in ["X86", "AArch64", "PPC", "RISCV", "LISA", "X86_64"] {
            #expect(firstError("\(arch) SB\n{}\n") == "'\(arch)' litmus tests are not supported yet")
        }
    }
}
