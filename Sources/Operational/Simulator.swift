import Litmus

/// Random runs of a machine: at each step one enabled transition, chosen uniformly.
public struct Simulation: Sendable {
    /// Final states and how many runs ended in each, in herd7's order.
    public var counts: [(state: FinalState, count: Int)]
    /// Runs that finished in a final state passing the filter.
    public var runs: Int
    /// Runs discarded: the filter rejected their final state.
    public var filtered: Int
    /// Runs that got stuck (a deadlock, or a speculation that could not be completed) and
    /// were started again.
    public var restarts: Int
    public var seconds: Double
}

public struct Simulator: Sendable {
    public let machine: Machine
    public var seed: UInt64

    public init(machine: Machine, seed: UInt64) {
        self.machine = machine
        self.seed = seed
    }

    /// `count` random runs. Gives up on a run after `maxRestarts` consecutive stuck attempts
    /// (every run deadlocks), returning what it has.
    public func run(count: Int, maxRestarts: Int = 1000) -> Simulation {
        var random = SplitMix(seed: seed)
        var tally: [FinalState: Int] = [:]
        var filtered = 0, restarts = 0, stuck = 0
        let start = ContinuousClock.now
        var done = 0
        while done < count && stuck < maxRestarts {
            var state = machine.initialState
            while true {
                let options = machine.transitions(from: state)
                let outcomes = machine.outcomes(of: state)
                // A finished thread set may still have longer paths to run: stop or go on.
                if !outcomes.isEmpty && (options.isEmpty || random.below(options.count + 1) == 0) {
                    let outcome = outcomes[random.below(outcomes.count)]
                    if machine.program.filter.map(outcome.satisfies) ?? true { tally[outcome, default: 0] += 1 } else { filtered += 1 }
                    done += 1
                    stuck = 0
                    break
                }
                if options.isEmpty {
                    restarts += 1
                    stuck += 1
                    break
                }
                state = machine.apply(options[random.below(options.count)], to: state)
            }
        }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let program = machine.program
        let counts = tally.sorted { program.herdPrecedes($0.key, $1.key) }.map { (state: $0.key, count: $0.value) }
        return Simulation(counts: counts, runs: counts.reduce(0) { $0 + $1.count }, filtered: filtered, restarts: restarts, seconds: seconds)
    }
}
