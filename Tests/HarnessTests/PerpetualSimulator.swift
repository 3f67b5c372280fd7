@testable import Harness
import Litmus

/// Runs a perpetual shape on a simulated x86-TSO machine (per-thread FIFO store buffers,
/// drained at random; `mb`-class fences wait for the buffer to drain) and remembers the true
/// coherence order of every location, which real hardware never tells us.
struct TSOSimulator {
    let shape: PerpetualShape
    var generator: SplitMix
    /// Probability (per step) of draining a buffered store instead of executing an operation.
    var drainProbability = 0.3

    /// The recording and, per location, the values in coherence order.
    func run(iterations n: Int) -> (recording: PerpetualRecording, coherence: [[Int]]) {
        var rng = generator
        let threads = shape.threadCount
        var memory = Array(repeating: 0, count: shape.storeSites.count)
        var coherence = Array(repeating: [Int](), count: shape.storeSites.count)
        var buffers = Array(repeating: [(location: Int, value: Int)](), count: threads)
        var iteration = Array(repeating: 0, count: threads)
        var pc = Array(repeating: 0, count: threads)
        var recording = PerpetualRecording(iterations: n, shape: shape)

        func drain(_ t: Int) {
            let (location, value) = buffers[t].removeFirst()
            memory[location] = value
            coherence[location].append(value)
        }
        while true {
            let running = (0..<threads).filter { iteration[$0] < n }
            let buffered = (0..<threads).filter { !buffers[$0].isEmpty }
            if running.isEmpty && buffered.isEmpty { break }
            if !buffered.isEmpty && (running.isEmpty || Double.random(in: 0..<1, using: &rng) < drainProbability) {
                drain(buffered.randomElement(using: &rng)!)
                continue
            }
            let t = running.randomElement(using: &rng)!
            switch shape.operations[t][pc[t]] {
            case let .store(location, _, stride, offset):
                buffers[t].append((location, PerpetualShape.value(iteration: iteration[t], stride: stride, offset: offset)))
            case let .load(location, _, slot):
                let forwarded = buffers[t].last { $0.location == location }?.value
                recording.records[t][iteration[t] * shape.recordsPerIteration[t] + slot] = forwarded ?? memory[location]
            case let .fence(kind):
                if [.mb, .mandatoryMB, .dmaMB].contains(kind), !buffers[t].isEmpty {
                    drain(t)
                    continue  // the fence retires once the buffer is empty
                }
            }
            pc[t] += 1
            if pc[t] == shape.operations[t].count {
                pc[t] = 0
                iteration[t] += 1
            }
        }
        return (recording, coherence)
    }
}

/// Counts instances by trying every tuple of iterations, straight from the definition:
/// a read "of the initial value" must be coherence-before every write of the instance to its
/// location; a read of a store's constant must return exactly that store's value of the
/// instance; a final value is the coherence-last write of the instance.
struct BruteForce {
    let shape: PerpetualShape
    let recording: PerpetualRecording
    /// Position of each written value in its location's coherence order; nil: initial.
    let position: (VariableIndex, Int) -> Int?

    /// Coherence given by the values themselves: right when each location has one writer thread.
    init(shape: PerpetualShape, recording: PerpetualRecording) {
        self.shape = shape
        self.recording = recording
        self.position = { location, value in
            guard value != 0 else { return nil }
            let sites = shape.storeSites[location]
            let (m, site) = (value - 1).quotientAndRemainder(dividingBy: sites.count)
            let perThread = sites.filter { $0.thread == sites[site].thread }.count
            return m * perThread + sites[site].rank
        }
    }

    init(shape: PerpetualShape, recording: PerpetualRecording, coherence: [[Int]]) {
        self.shape = shape
        self.recording = recording
        let table = coherence.map { order in Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) }) }
        self.position = { location, value in value == 0 ? nil : table[location][value] }
    }

    func count(_ target: PerpetualTarget, threads: Int) -> Int {
        let n = recording.iterations
        var tuple = Array(repeating: 0, count: threads)
        var total = 0
        func writes(to location: VariableIndex) -> [(site: PerpetualShape.StoreSite, value: Int)] {
            let sites = shape.storeSites[location]
            return sites.map { ($0, PerpetualShape.value(iteration: tuple[$0.thread], stride: sites.count, offset: $0.offset)) }
        }
        func holds(_ atom: PerpetualTarget.Atom) -> Bool {
            switch atom {
            case let .read(site, value):
                let read = recording.records[site.thread][tuple[site.thread] * shape.recordsPerIteration[site.thread] + site.slot]
                let initial = PerpetualShape.initialInteger(shape.program.variables[site.location])
                if value == initial {
                    let before = position(site.location, read) ?? -1
                    return writes(to: site.location).allSatisfy { w in
                        guard let p = position(site.location, w.value) else { return false }
                        return before < p
                    }
                }
                return writes(to: site.location).contains { $0.site.constant == value && $0.value == read }
            case let .memory(location, value):
                let all = writes(to: location)
                guard !all.isEmpty else { return value == PerpetualShape.initialInteger(shape.program.variables[location]) }
                guard all.allSatisfy({ position(location, $0.value) != nil }) else { return false }
                let last = all.max { position(location, $0.value)! < position(location, $1.value)! }!
                return last.site.constant == value
            }
        }
        func go(_ depth: Int) {
            if depth == threads {
                if !target.isUnsatisfiable && target.atoms.allSatisfy(holds) { total += 1 }
                return
            }
            for k in 0..<n {
                tuple[depth] = k
                go(depth + 1)
            }
        }
        go(0)
        return total
    }
}

/// A recording whose every load returns a random write of its location from a nearby
/// iteration, or the initial value: any outcome, including ones no hardware produces.
func randomRecording(_ shape: PerpetualShape, iterations n: Int, seed: UInt64, spread: Int = 3) -> PerpetualRecording {
    var rng = SplitMix(seed: seed)
    var recording = PerpetualRecording(iterations: n, shape: shape)
    for site in shape.loadSites {
        let sites = shape.storeSites[site.location]
        for k in 0..<n {
            var value = 0
            if !sites.isEmpty, Int.random(in: 0..<10, using: &rng) >= 3 {
                let store = sites.randomElement(using: &rng)!
                let m = min(n - 1, max(0, k + Int.random(in: -spread...spread, using: &rng)))
                value = PerpetualShape.value(iteration: m, stride: sites.count, offset: store.offset)
            }
            recording.records[site.thread][k * shape.recordsPerIteration[site.thread] + site.slot] = value
        }
    }
    return recording
}
