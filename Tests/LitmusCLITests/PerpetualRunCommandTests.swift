import Foundation
import Testing

/// `litmus run --perpetual` end to end: the mode shows in every format, ablation runs, and
/// tests it cannot decode are refused with the reason.
@Suite struct PerpetualRunCommandTests {
    let sb = Binary.fixtures.appendingPathComponent("perpetual-sb+mb+mb.litmus").path
    let ctrl = Binary.fixtures.appendingPathComponent("perpetual-lb+ctrl.litmus").path

    @Test func jsonSaysPerpetualAndAblates() throws {
        let result = try Binary.run(["run", "--perpetual", sb, "-n", "20k", "--batch", "10k", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let tests = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let parameters = try #require(tests.first?["parameters"] as? [String: Any])
        #expect(parameters["mode"] as? String == "perpetual")
        #expect(parameters["counts"] as? String == "instances")
        let variants = try #require(tests.first?["variants"] as? [[String: Any]])
        #expect(variants.count == 4)  // as written, without each smp_mb(), without both
        for variant in variants {
            #expect(variant["iterations"] as? Int == 20_000)
            #expect((variant["decoding"] as? String)?.hasPrefix("exact") == true)
            #expect(variant["decode_seconds"] is Double)
            #expect(variant["stray_values"] as? Int == 0)
        }
        // A full barrier on both sides: never an instance, whatever the CPU.
        let asWritten = try #require(variants.first { ($0["removed"] as? [String])?.isEmpty == true })
        #expect(asWritten["witnesses"] as? Int == 0)
    }

    @Test func humanAndHerdSayTheCountsAreInstances() throws {
        let human = try Binary.run(["run", "--perpetual", "--no-ablate", sb, "-n", "10k"])
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.contains("Mode: perpetual"))
        #expect(human.stdout.contains("instances of the condition in 10,000 iterations per thread")
                || human.stdout.contains("instances of the condition in 10000 iterations per thread"))
        #expect(human.stdout.contains("Decoding: exact"))
        let herd = try Binary.run(["run", "--perpetual", "--no-ablate", sb, "-n", "10k", "--format", "herd"])
        #expect(herd.status == 0)
        #expect(herd.stdout.hasPrefix("% perpetual: counts are instances found"))
        #expect(herd.stdout.contains("Observation sb+mb+mb Never 0 "))
    }

    @Test func undecodableTestsAreRefusedWithTheReason() throws {
        let result = try Binary.run(["run", "--perpetual", ctrl, "-n", "1k"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("perpetual mode cannot run this test"))
        #expect(result.stderr.contains("control dependency"))
    }

    @Test func badDecodingExits2() throws {
        let result = try Binary.run(["run", "--perpetual", "--decoding", "psychic", sb])
        #expect(result.status == 2)
        #expect(result.stderr.contains("decoding"))
    }
}
