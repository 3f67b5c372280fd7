import Foundation
import Testing

/// Negative counts reach validation and get its message, not argument-parser's "Missing value".
@Suite struct CountValidationTests {
    @Test(arguments: [
        (["run", "-n", "-5"], "-n expects a positive count such as 1000, 200k or 1M (got '-5')"),
        (["run", "--batch", "-1"], "--batch expects a positive count such as 10000 or 10k (got '-1')"),
        (["run", "-a", "-1"], "-a expects a positive CPU count"),
        (["check", "--unroll", "-1"], "--unroll must be between 0 and 100 (got -1)"),
        (["check", "--time-limit", "-1"], "--time-limit must not be negative"),
    ])
    func negativeCountsAreNamedAsSuch(arguments: [String], message: String) throws {
        let file = Binary.fixtures.appendingPathComponent("run-mp+wmb+rmb.litmus").path
        let result = try Binary.run(arguments + [file])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }
}
