import Dispatch
import Litmus
@testable import Models
import Testing

/// The explorer's stages, and the structure cache models share across threads.
@Suite struct ExplorerStageTests {
    static let mp = """
        C MP+wmb+rmb
        { }
        P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_wmb(); WRITE_ONCE(*y, 1); }
        P1(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*y); smp_rmb(); r1 = READ_ONCE(*x); }
        exists (1:r0=1 /\\ 1:r1=0)
        """

    /// Many threads evaluating executions of one shape at once fill the structure's cache
    /// once and agree with a sequential evaluation (the cache used to be an unguarded dictionary).
    @Test func modelsEvaluateSharedStructuresInParallel() throws {
        let program = try Program.parse(source: Self.mp, file: "mp.litmus")
        var executions: [Execution] = []
        _ = try CandidateEnumerator(program: program, options: CheckOptions()).enumerate { executions.append($0); return true }
        #expect(executions.count == 4)  // two reads, two writers each
        let model = LinuxKernelModel()
        let expected = executions.map { model.evaluate($0).violation == nil }
        let rounds = 64
        let results = Results(count: rounds * executions.count)
        let all = executions
        DispatchQueue.concurrentPerform(iterations: rounds) { round in
            for (k, execution) in all.enumerated() {
                results.buffer[round * all.count + k] = model.evaluate(execution).violation == nil
            }
        }
        for round in 0 ..< rounds {
            #expect(Array(results.buffer[(round * all.count) ..< ((round + 1) * all.count)]) == expected)
        }
        // MP with wmb/rmb: the condition's outcome is forbidden, so some candidate is rejected.
        #expect(expected.contains(false))
    }

    /// Thread paths: one value-domain fixpoint; a read sees every value some write may write.
    @Test func threadPathsCoverTheWrittenValues() throws {
        let program = try Program.parse(source: Self.mp, file: "mp.litmus")
        let result = try ThreadPathSearch(program: program, options: CheckOptions()).run()
        #expect(result.paths.map(\.count) == [1, 4])  // P1 reads y ∈ {0,1} and x ∈ {0,1}
        #expect(result.badAccesses.isEmpty)
    }

    /// A partial execution has no final state and keeps the reads-from and coherence given.
    @Test func partialExecutionsCarryOnlyTheirEdges() throws {
        let program = try Program.parse(source: Self.mp, file: "mp.litmus")
        let paths = try ThreadPathSearch(program: program, options: CheckOptions()).run().paths
        let chosen = [paths[0][0], paths[1][0]]
        let assembly = ExecutionAssembly(program: program, paths: chosen)
        #expect(assembly.events.count == 2 + 3 + 3)
        let (rf, co) = assembly.certainEdges(ownWritesInOrder: true)
        let partial = Execution.partial(events: assembly.events, structure: assembly.structure(chosen), rf: rf, co: co)
        #expect(partial.finalState.entries.isEmpty)
        #expect(partial.co.contains(0, 2))  // x's initial write before P0's write of x
    }
}

/// Slots the parallel rounds write, each its own.
private final class Results: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Bool>
    init(count: Int) { buffer = .allocate(capacity: count) }
    deinit { buffer.deallocate() }
}
