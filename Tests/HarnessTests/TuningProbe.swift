import Testing
import Foundation
import Litmus
import Harness

/// Not a test: prints rates for parameter tuning when LITMUS_TUNE is set (release builds).
@Suite struct TuningProbe {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LITMUS_TUNE"] != nil))
    func probe() throws {
        let env = ProcessInfo.processInfo.environment
        let n = Int(env["N"] ?? "") ?? 2_000_000
        for layout in (env["LAYOUTS"] ?? "line,packed,array").split(separator: ",") {
            for sync in (env["SYNCS"] ?? "none,slack:0,slack:1,slack:2,slack:4").split(separator: ",") {
                for batch in (env["BATCHES"] ?? "10000").split(separator: ",") {
                    let p = RunParameters(iterations: n, batchSize: Int(batch)!, layout: LocationLayout(rawValue: String(layout))!,
                        shuffle: env["SHUFFLE"] != nil, synchronisation: Synchronisation(argument: String(sync))!)
                    for program in [HandBuilt.storeBuffering(fenced: false), HandBuilt.iriw()] where (env["TESTS"] ?? "SB").contains(program.name) {
                        let v = try TestRunner(parameters: p, ablate: false).run(program).variants[0]
                        print(String(format: "%@ %@ %@ batch %@: %.2f M it/s, %d witnesses (%.1f%%), %.2f M w/s",
                            program.name, String(layout), String(sync), String(batch), v.iterationsPerSecond / 1e6, v.witnesses,
                            100 * Double(v.witnesses) / Double(v.iterations), Double(v.witnesses) / v.seconds / 1e6))
                    }
                }
            }
        }
    }
}
