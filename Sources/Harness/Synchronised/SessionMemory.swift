import Litmus

/// The raw memory of one synchronised session, owned here and freed when the session ends:
/// each thread's code and output rows, the flat tables the hot loops read, the
/// synchronisation words and the per-thread fault slots.
final class SessionMemory: @unchecked Sendable {
    /// Per thread (position): its code; `batchSize` rows of its observed registers then its
    /// ``IterationStatus``.
    let codes: [UnsafeMutablePointer<Op>]
    let outputs: [UnsafeMutablePointer<Int>]
    /// Progress counters (one per worker), then the batch arrivals, then the batch command.
    let sync: SyncWords
    /// Flat copies of the above for the hot loops.
    let flat: FlatTables
    /// Per thread: the first bad address met (op position, value used), -1 while none.
    let faultPCs: UnsafeMutablePointer<Int>
    let faultValues: UnsafeMutablePointer<Int>
    /// Per worker, per iteration of the batch: the cycle counter at the start and end of its
    /// iteration (all its threads), to tell whether the workers' iterations overlapped in time.
    let stamps: UnsafeMutablePointer<UInt64>

    init(compiled: CompiledProgram, program: Program, batchSize: Int, workers: Int) {
        codes = compiled.threads.map { thread in
            let code = UnsafeMutablePointer<Op>.allocate(capacity: thread.code.count)
            code.initialize(from: thread.code, count: thread.code.count)
            return code
        }
        let outputWidths = compiled.threads.map { $0.outputs.count + 1 }
        outputs = outputWidths.map { width in
            let buffer = UnsafeMutablePointer<Int>.allocate(capacity: width * batchSize)
            buffer.initialize(repeating: 0, count: width * batchSize)
            return buffer
        }
        sync = SyncWords(count: workers + 2)
        flat = FlatTables(
            codes: codes, registerCounts: compiled.threads.map(\.registerCount), outputWidths: outputWidths,
            outputs: outputs, observations: compiled.observations, variables: program.variables)
        faultPCs = .allocate(capacity: program.threads.count)
        faultPCs.initialize(repeating: -1, count: program.threads.count)
        faultValues = .allocate(capacity: program.threads.count)
        faultValues.initialize(repeating: 0, count: program.threads.count)
        stamps = .allocate(capacity: workers * batchSize * 2)
        stamps.initialize(repeating: 0, count: workers * batchSize * 2)
    }

    deinit {
        codes.forEach { $0.deallocate() }
        outputs.forEach { $0.deallocate() }
        flat.deallocate()
        sync.deallocate()
        faultPCs.deallocate()
        faultValues.deallocate()
        stamps.deallocate()
    }
}
