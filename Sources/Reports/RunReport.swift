import Harness
import Litmus
import Models

/// Something a run observed that it should not have.
public struct Finding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// This CPU's own model forbids a state the hardware produced: a bug in the barrier
        /// library, the harness or the model.
        case forbiddenByCPUModel = "forbidden-by-cpu-model"
        /// The LKMM forbids a state observed running the test as written.
        case forbiddenByLKMM = "forbidden-by-lkmm"
        /// The test's `Result:` says Never (or Always) and the hardware disagreed.
        case contradictsResult = "contradicts-result"
    }

    public var kind: Kind
    /// The variant, as ``ObservedVariant/label(totalBarriers:)`` words it.
    public var variant: String
    /// The state observed (for `.contradictsResult`, one offending state).
    public var state: String
    public var count: Int
    public var message: String
}

/// One row of a variant's histogram, with each model's verdict on the state.
public struct StateRow: Sendable {
    public var state: FinalState
    public var count: Int
    public var satisfiesCondition: Bool
    /// nil when the model was not run or gave up.
    public var allowed: [ModelKind: Bool?]
}

/// One variant: the hardware histogram next to what the models allow for that variant.
public struct VariantReport: Sendable {
    /// What the hardware did.
    public var observed: VariantResult
    /// The variant as run: the test with `observed.removed` taken out (what the models check).
    public var program: Program
    public var label: String
    public var models: ModelVerdicts
    /// Observed states, the condition's first, then by count (most seen first).
    public var rows: [StateRow]
    public var findings: [Finding]

    public var isAsWritten: Bool { observed.removed.isEmpty }
}

/// A test's run joined with the models: what the hardware did, what SC, x86-TSO, ARMv8 and
/// the LKMM allow for each variant, and anything observed that a model forbids.
public struct RunReport: Sendable {
    /// The harness's result (fake ones in tests: the seam for hardware).
    public var run: TestRunResult
    /// The file the test came from, as the user named it.
    public var file: String?
    /// The model of the CPU the run happened on (x86-TSO on x86-64, ARMv8 on arm64).
    public var cpuModel: ModelKind?
    public var architecture: String
    /// Models checked for every variant, in column order.
    public var models: [ModelKind]
    public var variants: [VariantReport]
    /// The overlap the test as written must reach for a pass (`--min-overlap`).
    public var minOverlap: Double = Evidence.defaultMinOverlap

    /// Joins a run with the models' verdicts, one ``ModelVerdicts`` per variant of `run`, in
    /// order, each over ``checkedModels(_:cpuModel:)`` for the program ``programs(of:)`` gives.
    public init(
        run: TestRunResult, file: String? = nil, cpuModel: ModelKind? = HostCPU.model, architecture: String = HostCPU.architecture,
        models: [ModelKind] = ModelKind.allCases, verdicts: [ModelVerdicts]
    ) {
        precondition(verdicts.count == run.variants.count, "one ModelVerdicts per variant")
        self.run = run
        self.file = file
        self.cpuModel = cpuModel
        self.architecture = architecture
        self.models = Self.checkedModels(models, cpuModel: cpuModel)
        let total = run.program.barriers.count
        variants = zip(run.variants, zip(Self.programs(of: run), verdicts)).map { observed, checked in
            Self.join(observed, program: checked.0, label: HardwareReport.variantName(observed, total: total),
                      verdicts: checked.1, cpuModel: cpuModel)
        }
    }

    /// The models a report shows: those asked, plus the CPU's own and the LKMM (which the
    /// findings need), in ``ModelKind/allCases`` order.
    public static func checkedModels(_ models: [ModelKind], cpuModel: ModelKind?) -> [ModelKind] {
        var wanted = models
        for required in [cpuModel, .lkmm].compactMap({ $0 }) where !wanted.contains(required) { wanted.append(required) }
        return ModelKind.allCases.filter(wanted.contains)
    }

    /// Each variant as run: the test with that variant's barriers taken out (what the models check).
    public static func programs(of run: TestRunResult) -> [Program] {
        run.variants.map { $0.removed.isEmpty ? run.program : run.program.removing($0.removed) }
    }

    /// Everything flagged, across variants.
    public var findings: [Finding] { variants.flatMap(\.findings) }

    /// True when nothing forbidden was observed (what `--check` exits 0 on).
    public var passed: Bool { findings.isEmpty }

    public var totalIterations: Int { variants.reduce(0) { $0 + $1.observed.iterations } }

    static func join(_ observed: VariantResult, program: Program, label: String, verdicts: ModelVerdicts,
                     cpuModel: ModelKind?) -> VariantReport {
        let proposition = program.condition.proposition
        var rows = observed.histogram.map { state, count in
            StateRow(
                state: state, count: count, satisfiesCondition: state.satisfies(proposition),
                allowed: Dictionary(uniqueKeysWithValues: verdicts.models.map { ($0, verdicts.allows(state, under: $0)) }))
        }
        rows.sort {
            if $0.satisfiesCondition != $1.satisfiesCondition { return $0.satisfiesCondition }
            if $0.count != $1.count { return $0.count > $1.count }
            return $0.state < $1.state
        }
        var findings: [Finding] = []
        for row in rows where row.count > 0 {
            let text = program.render(row.state)
            if let cpu = cpuModel, row.allowed[cpu] == .some(false) {
                findings.append(Finding(
                    kind: .forbiddenByCPUModel, variant: label, state: text, count: row.count,
                    message: "\(text) observed \(Text.plural(row.count, "time")) (\(label)), but \(cpu.displayName), "
                        + "the model of this CPU, forbids it: a bug in the barrier library, the harness or the model"))
            }
            if observed.removed.isEmpty, row.allowed[.lkmm] == .some(false) {
                findings.append(Finding(
                    kind: .forbiddenByLKMM, variant: label, state: text, count: row.count,
                    message: "\(text) observed \(Text.plural(row.count, "time")) (\(label)), but the LKMM forbids it"))
            }
        }
        if observed.removed.isEmpty, let expected = program.expectedVerdict {
            let offending: StateRow?
            switch expected {
            case .never: offending = rows.first { $0.satisfiesCondition && $0.count > 0 }
            case .always: offending = rows.first { !$0.satisfiesCondition && $0.count > 0 }
            case .sometimes: offending = nil
            }
            if let row = offending {
                let perpetualOthers = rows.filter { !$0.satisfiesCondition }.reduce(0) { $0 + $1.count }
                let count = expected == .never ? observed.witnesses
                    : observed.perpetual != nil ? perpetualOthers : observed.iterations - observed.witnesses
                let counted = observed.perpetual != nil
                    ? "\(Text.grouped(count)) instances found in \(Text.grouped(observed.iterations)) iterations per thread"
                    : "\(Text.grouped(count)) of \(Text.grouped(observed.iterations)) iterations"
                findings.append(Finding(
                    kind: .contradictsResult, variant: label, state: program.render(row.state), count: count,
                    message: "the test's Result: is \(program.expectedResult ?? expected.rawValue), but \(counted) "
                        + "\(expected == .never ? "satisfied" : "did not satisfy") "
                        + "\(program.herdCondition) (e.g. \(program.render(row.state)))"))
            }
        }
        return VariantReport(observed: observed, program: program, label: label, models: verdicts, rows: rows, findings: findings)
    }
}
