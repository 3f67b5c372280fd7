import Foundation
import Harness
import Litmus
import Models
import Testing
@testable import Reports

/// `litmus run`'s own formats (human, litmus7 block, JSON) byte for byte, from a fake runner.
@Suite struct HardwareReportGoldenTests {
    /// Stands in for the cores: the histograms below, 0.25 s per variant.
    struct FixedRunner: VariantRunning {
        func setup(for program: Program, parameters: RunParameters) throws(HarnessError) -> RunSetup {
            RunSetup(iterations: parameters.iterations, batchSize: parameters.batchSize, cpus: [0, 1], pinned: true,
                     layout: parameters.layout, shuffle: parameters.shuffle, synchronisation: parameters.synchronisation,
                     placement: [[0], [1]])
        }

        func run(_ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool) throws(HarnessError) -> VariantRun {
            var counts = ["1:r0=0; 1:r1=0;": 400, "1:r0=0; 1:r1=1;": 100, "1:r0=1; 1:r1=1;": 500]
            if !variant.removed.isEmpty { counts["1:r0=1; 1:r1=0;"] = 7 * variant.removed.count; counts["1:r0=0; 1:r1=0;"]! -= 7 * variant.removed.count }
            let histogram = Dictionary(uniqueKeysWithValues: counts.map { (Support.state($0.key), $0.value) })
            let result = VariantResult(program: variant.program, removed: variant.removed, histogram: histogram, seconds: 0.25, abandoned: variant.removed.count == 2 ? 3 : 0)
            return VariantRun(result: result, interrupted: false, pinned: true)
        }
    }

    func result() throws -> TestRunResult {
        let program = try Support.program("mp+wmb+rmb.litmus")
        return try TestRunner(runner: FixedRunner(), parameters: RunParameters(iterations: 1_000, batchSize: 100)).run(program)
    }

    @Test func herd() throws {
        #expect(try Support.matchesGolden(HardwareReport.herd(result()), "hardware-mp+wmb+rmb.herd"))
    }

    @Test func json() throws {
        #expect(try Support.matchesGolden(HardwareReport.json(result()).rendered() + "\n", "hardware-mp+wmb+rmb.json"))
    }

    @Test func jsonHistogramsAddUpToIterations() throws {
        let data = Data(HardwareReport.json(try result()).rendered().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let variants = try #require(object["variants"] as? [[String: Any]])
        #expect(variants.count == 4)
        for variant in variants {
            let histogram = try #require(variant["histogram"] as? [[String: Any]])
            let total = histogram.compactMap { $0["count"] as? Int }.reduce(0, +)
            #expect(total == variant["iterations"] as? Int)
        }
    }
}
