import Barriers
import Litmus
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counting (each worker tallies its share of a batch) and merging (the workers' counters
/// into one histogram after all joined).
extension SynchronisedSession {
    /// Tallies iterations `range` of the batch just run, then gives their slots fresh values.
    func count(_ range: Range<Int>, worker: Int, key: UnsafeMutablePointer<Int>) {
        let flat = self.flat
        let width = flat.observationCount
        let bases = arena.bases, offsets = arena.offsets
        let variableCount = arena.variableCount
        let mayHoldAddresses = self.mayHoldAddresses
        var counter = counters[worker]
        var abandoned = 0
        for i in range {
            let offset = offsets[i]
            var completed = true
            for t in 0..<flat.threadCount where flat.outputs[t][i * flat.outputWidths[t] + flat.outputWidths[t] - 1] != 0 {
                completed = false
            }
            if completed {
                var mask = 0
                for j in 0..<width {
                    let kind = flat.observationKinds[j], a = flat.observationA[j]
                    var value = 0
                    if kind == FlatTables.registerSource {
                        value = flat.outputs[a][i * flat.outputWidths[a] + flat.observationB[j]]
                    } else if kind == FlatTables.variableSource {
                        value = READ_ONCE(UnsafeMutablePointer<Int>(bitPattern: bases[a] &+ offset).unsafelyUnwrapped)
                    }
                    if mayHoldAddresses, j < Int.bitWidth - 1 {
                        for v in 0..<variableCount where bases[v] &+ offset == value {
                            value = v
                            mask |= 1 << j
                        }
                    }
                    key[j] = value
                }
                key[width] = mask
                counter.add(key)
            } else {
                abandoned += 1
            }
            resetMemory(iteration: i)
        }
        counters[worker] = counter
        abandonedCounts[worker] += abandoned
        tallyOverlap(range, worker: worker)
    }

    /// Stamped iterations of `range` in which every worker's iteration overlapped every
    /// other's in time: the latest start is no later than the earliest end.
    private func tallyOverlap(_ range: Range<Int>, worker: Int) {
        guard workers > 1 else { return }
        let stamps = memory.stamps, stride = setup.batchSize * 2
        var overlapped = 0, measured = 0
        for i in range where i & Self.stampMask == 0 {
            measured += 1
            var latestStart: UInt64 = 0, earliestEnd = UInt64.max
            for w in 0..<workers {
                latestStart = max(latestStart, stamps[w * stride + 2 * i])
                earliestEnd = min(earliestEnd, stamps[w * stride + 2 * i + 1])
            }
            if latestStart <= earliestEnd { overlapped += 1 }
        }
        overlapTallies[worker].measured += measured
        overlapTallies[worker].overlapped += overlapped
    }

    @inline(__always)
    func resetMemory(iteration i: Int) {
        let flat = self.flat
        let bases = arena.bases
        let offset = arena.offsets[i]
        for v in 0..<flat.variableCount {
            let initial = flat.initialValues[v]
            let value = flat.initialIsAddress[v] ? bases[initial] &+ offset : initial
            WRITE_ONCE(UnsafeMutablePointer<Int>(bitPattern: bases[v] &+ offset).unsafelyUnwrapped, value)
        }
    }

    /// The merged histogram (filter applied), abandoned and filtered-out counts.
    func histogram() -> ([FinalState: Int], abandoned: Int, filtered: Int) {
        let locations = program.observedLocations
        var histogram: [FinalState: Int] = [:]
        var filtered = 0
        for counter in counters {
            counter.forEach { key, count in
                let mask = key[locations.count]
                var values: [StateLocation: Value] = [:]
                for (j, location) in locations.enumerated() {
                    values[location] = mask & (1 << j) != 0 ? .address(key[j]) : .integer(key[j])
                }
                let state = FinalState(values)
                if let filter = program.filter, !state.satisfies(filter) {
                    filtered += count
                } else {
                    histogram[state, default: 0] += count
                }
            }
        }
        return (histogram, abandonedCounts.reduce(0, +), filtered)
    }
}
