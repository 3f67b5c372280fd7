import Foundation
import Harness
import Litmus
import Models
import Testing
@testable import Reports

/// What CI reads from a report: the verdict with its evidence, one JSON style, flags and
/// unambiguous event text.
@Suite struct CIReportTests {
    @Test func statusNeedsOverlapAndTheBarrierFreeWitnesses() throws {
        let program = try Support.program("sb+mb+mb.litmus")
        let quiet = ["0:r0=0; 1:r0=1;": 500, "0:r0=1; 1:r0=0;": 500]
        var run = Support.run(program, [quiet])
        for i in run.variants.indices { run.variants[i].overlap = Overlap(measured: 100, overlapped: 50) }
        let blind = Support.report(run: run, cpuModel: .tso, architecture: "x86-64")
        #expect(blind.status == .inconclusive)
        #expect(blind.inconclusiveReasons == [
            "x86-TSO allows the condition once the barriers are gone (all 2 barriers removed), but that variant never showed it in 1,000 iterations: "
                + "the run could not have shown a missing barrier",
        ])
        run.variants[3].histogram[Support.state("0:r0=0; 1:r0=0;")] = 3
        run.variants[3].witnesses = 3
        #expect(Support.report(run: run, cpuModel: .tso, architecture: "x86-64").status == .pass)
        run.variants[0].overlap = Overlap(measured: 100, overlapped: 2)
        let serial = Support.report(run: run, cpuModel: .tso, architecture: "x86-64")
        #expect(serial.status == .inconclusive)
        #expect(serial.inconclusiveReasons.first?.hasPrefix("the threads' iterations overlapped in time in only 2% ") == true)
        run.interrupted = true
        #expect(Support.report(run: run, cpuModel: .tso, architecture: "x86-64").status == .interrupted)
        // On a CPU with no model nothing is known to be allowed: only the overlap counts.
        run.interrupted = false
        run.variants[0].overlap = nil
        #expect(Support.report(run: run, cpuModel: nil, architecture: "riscv64").status == .pass)
    }

    @Test func checkJSONIsSnakeCaseWithNumbers() throws {
        let program = try Support.program("mp.litmus")
        let json = try ModelChecker.check(program, model: .armv8).json.rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["condition_holds"] as? Bool == true)
        #expect(object["loop_paths_cut"] as? Int == 0)
        let states = try #require(object["states"] as? [[String: Any]])
        #expect(states.allSatisfy { $0["satisfies_condition"] is Bool })
        let values = try #require(states.first?["values"] as? [String: Any])
        #expect(values.values.allSatisfy { $0 is Int })
    }

    @Test func dataRaceFlagsAndPlainLoadsInRunAndExplain() throws {
        let program = try Support.program("ci/plain-race.litmus")
        let run = Support.run(program, [["1:r0=1; 1:r1=1;": 10]])
        let human = Support.report(run: run, cpuModel: .tso, architecture: "x86-64").humanText()
        #expect(human.contains("  Flag data-race (LKMM)"))
        let explanation = Support.explanation(
            program: program, source: try Support.source("ci/plain-race.litmus"), file: nil, hostModel: .tso).text()
        #expect(explanation.contains("  Flag data-race (LKMM)"))
        #expect(explanation.contains("P1: *x reads 0"))
        #expect(!explanation.contains("P1: *x = 0"))
    }
}
