import Harness
import Litmus

/// A `--check` verdict on one test. A forbidden state seen is `fail` whatever else happened;
/// a run without evidence that it could have seen one is `inconclusive`, never `pass`.
public enum CheckStatus: String, Sendable, Hashable {
    case pass, fail, inconclusive
    /// Stopped by a signal before every variant ran in full (and nothing forbidden seen).
    case interrupted
    /// Not run: the harness refused the test, or a signal came first.
    case skipped
    /// The file did not parse or could not be run.
    case error
}

extension RunReport {
    /// The variant with every barrier removed (the test itself when it has none), if it ran.
    public var barrierFreeVariant: VariantReport? {
        let all = Set(run.program.barriers)
        return variants.first { Set($0.observed.removed) == all }
    }

    /// Why the run cannot vouch for the barriers, one sentence each; empty when it can.
    public var inconclusiveReasons: [String] {
        var reasons: [String] = []
        let threads = run.program.threads.count
        if let asWritten = variants.first(where: \.isAsWritten), threads > 1 {
            if let overlap = asWritten.observed.overlap {
                if overlap.fraction < minOverlap {
                    reasons.append("the threads' iterations overlapped in time in only \(Text.percent(overlap.fraction)) "
                        + "of the test as written (at least \(Text.percent(minOverlap)) needed, --min-overlap)"
                        + triedClause(asWritten.observed) + ": the threads mostly ran one after the other")
                }
            } else if run.setup.perpetual == nil && run.setup.cpus.count < 2 {
                reasons.append("all \(threads) threads ran on one CPU, so they never raced")
            }
        }
        if let cpu = cpuModel, let free = barrierFreeVariant, free.models.allowsCondition(under: cpu) == true,
           free.observed.witnesses == 0, free.observed.iterations > 0 {
            let iterations = "in \(Text.plural(free.observed.iterations, "iteration"))" + triedClause(free.observed)
            reasons.append(free.isAsWritten
                ? "\(cpu.displayName) allows the condition, but it was never seen \(iterations): the run had no power to show it"
                : "\(cpu.displayName) allows the condition once the barriers are gone (\(free.label)), but that variant "
                    + "never showed it \(iterations): "
                    + "the run could not have shown a missing barrier")
        }
        return reasons
    }

    private func triedClause(_ observed: VariantResult) -> String {
        let retries = observed.attempts.dropFirst().map(\.how)
        return retries.isEmpty ? "" : " (tried: " + retries.joined(separator: "; ") + ")"
    }

    /// pass, fail, inconclusive or interrupted: what `--check` reports and exits on.
    public var status: CheckStatus {
        if !findings.isEmpty { return .fail }
        if run.interrupted { return .interrupted }
        return inconclusiveReasons.isEmpty ? .pass : .inconclusive
    }

    /// The evidence behind a pass, for the summary line: overlap and the barrier-free witnesses.
    var evidenceClause: String {
        var parts: [String] = []
        if let overlap = variants.first(where: \.isAsWritten)?.observed.overlap {
            parts.append("threads overlapped in \(Text.percent(overlap.fraction))")
        }
        if let free = barrierFreeVariant, !free.isAsWritten, free.observed.witnesses > 0 {
            parts.append("with \(free.label), the condition showed \(Text.plural(free.observed.witnesses, "time"))")
        }
        return parts.joined(separator: ", ")
    }
}
