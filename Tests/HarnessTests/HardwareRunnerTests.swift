import Testing
import Foundation
import Litmus
import Harness

@Suite struct HardwareRunnerTests {
    func run(_ program: Program, iterations: Int = 200_000, ablate: Bool = false, layout: LocationLayout = .line) throws -> TestRunResult {
        try TestRunner(parameters: RunParameters(iterations: iterations, layout: layout), ablate: ablate).run(program)
    }

    @Test func storeBufferingHistogramAddsUp() throws {
        let result = try run(HandBuilt.storeBuffering(fenced: false))
        let variant = result.variants[0]
        #expect(variant.iterations == 200_000)
        #expect(variant.histogram.values.reduce(0, +) == 200_000)
        print("SB", variant.histogram, variant.iterationsPerSecond, variant.witnesses)
    }
}
