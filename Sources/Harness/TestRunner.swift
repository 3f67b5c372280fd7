import Litmus

/// Runs a test on hardware, and (by default) every barrier-ablation variant of it.
public struct TestRunner: Sendable {
    public var runner: any VariantRunning
    public var parameters: RunParameters
    /// Run each barrier-removed variant too (`--no-ablate` turns it off).
    public var ablate: Bool

    public init(runner: any VariantRunning = SynchronisedRunner(), parameters: RunParameters = RunParameters(), ablate: Bool = true) {
        self.runner = runner
        self.parameters = parameters
        self.ablate = ablate
    }

    /// Runs `program`'s variants in order, the test as written first. `shouldStop` is polled
    /// at batch boundaries; once it says stop, the current variant ends and no other starts.
    /// `progress` hears about each variant as it finishes.
    public func run(
        _ program: Program,
        evidence: Evidence? = nil,
        shouldStop: @escaping @Sendable () -> Bool = { false },
        progress: (VariantResult) -> Void = { _ in }
    ) throws(HarnessError) -> TestRunResult {
        var setup = try runner.setup(for: program, parameters: parameters)
        let variants = ablate ? program.barrierVariants : [BarrierVariant(removed: [], program: program)]
        var results: [VariantResult] = []
        var interrupted = false
        var pinned = true
        var gaveUp: String?
        var problems: [String] = []
        for variant in variants {
            if shouldStop() && !results.isEmpty { interrupted = true; break }
            let run = try runner.run(variant, setup: setup, shouldStop: shouldStop)
            results.append(run.result)
            pinned = pinned && run.pinned
            progress(run.result)
            for problem in run.result.problems where !problems.contains(problem) { problems.append(problem) }
            if run.interrupted { interrupted = true; break }
            // Variants with fewer barriers would loop or deadlock just the same.
            if run.gaveUp { gaveUp = run.result.problems.joined(separator: "; "); break }
        }
        if let evidence, !interrupted, gaveUp == nil, setup.perpetual == nil {
            for index in results.indices where !evidence.isSatisfied(by: results[index]) {
                let variant = variants[index]
                for k in stride(from: 1, through: evidence.retries, by: 1) {
                    if shouldStop() { interrupted = true; break }
                    let (how, retrySetup) = Evidence.retryPlan(k, base: setup)
                    let run = try runner.run(variant, setup: retrySetup, shouldStop: shouldStop)
                    results[index].absorb(run.result, how: how)
                    if run.interrupted { interrupted = true; break }
                    if evidence.isSatisfied(by: results[index]) { break }
                }
                if interrupted { break }
            }
        }
        setup.pinned = pinned
        var result = TestRunResult(
            program: program, setup: setup, variants: results, interrupted: interrupted,
            notes: Self.notes(for: program, setup: setup) + problems)
        result.gaveUp = gaveUp
        result.planned = variants.map(\.removed)
        return result
    }

    /// What the user should know about how the run could (not) show weak outcomes.
    static func notes(for program: Program, setup: RunSetup) -> [String] {
        var notes: [String] = []
        if setup.threadsShareCPUs {
            let sharing = zip(setup.cpus, setup.placement).filter { $0.1.count > 1 }.map { cpu, threads in
                threads.map { "P\($0)" }.joined(separator: ", ") + " share CPU \(cpu)"
            }
            notes.append(
                "\(program.threads.count) threads on \(setup.cpus.count) CPU\(setup.cpus.count == 1 ? "" : "s"): "
                    + sharing.joined(separator: "; ")
                    + " and run one after the other in each iteration; weak outcomes that need all "
                    + "\(program.threads.count) threads running at once need \(program.threads.count) CPUs to show.")
        }
        if !setup.pinned {
            notes.append("threads could not be pinned to CPUs on this system; the scheduler placed them.")
        }
        return notes
    }
}
