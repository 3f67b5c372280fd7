import Litmus
import Testing
import Harness

/// A deterministic stand-in for the hardware: every variant gets the histogram its script
/// names, so the ablation logic is tested without cores.
struct ScriptedRunner: VariantRunning {
    /// Per variant index: (SB r0 of P0, r0 of P1) → count.
    var script: [[(Int, Int, Int)]]
    var interruptAt: Int? = nil

    func setup(for program: Program, parameters: RunParameters) throws(HarnessError) -> RunSetup {
        RunSetup(iterations: parameters.iterations, batchSize: parameters.batchSize, cpus: [0, 1], pinned: true,
                 layout: parameters.layout, shuffle: parameters.shuffle, synchronisation: parameters.synchronisation,
                 placement: [[0], [1]])
    }

    func run(_ variant: BarrierVariant, setup: RunSetup, shouldStop: @escaping @Sendable () -> Bool) throws(HarnessError) -> VariantRun {
        // Variants are told apart by how many barriers they lack.
        let index = min(variant.removed.count, script.count - 1)
        var histogram: [FinalState: Int] = [:]
        for (a, b, count) in script[index] {
            histogram[FinalState([.register(thread: 0, name: "r0"): .integer(a), .register(thread: 1, name: "r0"): .integer(b)])] = count
        }
        let result = VariantResult(program: variant.program, removed: variant.removed, histogram: histogram, seconds: 0.5)
        return VariantRun(result: result, interrupted: interruptAt == variant.removed.count, pinned: true)
    }
}

@Suite struct TestRunnerTests {
    let fenced = HandBuilt.storeBuffering(fenced: true)
    let script = [[(0, 1, 10), (1, 0, 10)], [(0, 0, 3), (0, 1, 17)], [(0, 0, 9), (1, 1, 11)]]

    @Test func ablationRunsAsWrittenThenEachBarrierThenAll() throws {
        let result = try TestRunner(runner: ScriptedRunner(script: script)).run(fenced)
        #expect(result.variants.map { $0.removed.map(\.description) } == [
            [], ["P0: smp_mb()"], ["P1: smp_mb()"], ["P0: smp_mb()", "P1: smp_mb()"],
        ])
        #expect(result.variants.map(\.witnesses) == [0, 3, 3, 9])
        #expect(result.variants.map(\.verdict) == [.never, .sometimes, .sometimes, .sometimes])
        #expect(result.variants.allSatisfy { $0.iterations == 20 })
        #expect(!result.interrupted)
    }

    @Test func noAblateRunsOnlyTheTestAsWritten() throws {
        let result = try TestRunner(runner: ScriptedRunner(script: script), ablate: false).run(fenced)
        #expect(result.variants.count == 1)
        #expect(result.variants[0].removed.isEmpty)
    }

    @Test func anInterruptedVariantIsTheLast() throws {
        let result = try TestRunner(runner: ScriptedRunner(script: script, interruptAt: 1)).run(fenced)
        #expect(result.interrupted)
        #expect(result.variants.count == 2)
    }

    @Test func aStopBetweenVariantsStartsNoOther() throws {
        let result = try TestRunner(runner: ScriptedRunner(script: script)).run(fenced, shouldStop: { true })
        // The first variant always runs (and is polled itself); no other starts.
        #expect(result.variants.count == 1)
    }

    @Test func synchronisationArgumentsRoundTrip() {
        #expect(Synchronisation(argument: "slack:3") == .iteration(slack: 3))
        #expect(Synchronisation(argument: "user") == .iteration(slack: 0))
        #expect(Synchronisation(argument: "none") == Synchronisation.none)
        #expect(Synchronisation(argument: "slack:-1") == nil)
        #expect(Synchronisation(argument: "timebase") == nil)
        #expect(Synchronisation(argument: Synchronisation.default.description) == .default)
    }
}
