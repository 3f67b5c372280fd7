import Advice
import Litmus
import Models

/// `litmus explain`: a test for the classroom. The code, the outcome of interest, how the
/// outcome would happen, then per model allowed or forbidden and why, and what each barrier
/// changes. Everything comes from the models' verdicts and witness cycles.
public struct TestExplanation: Sendable {
    public var program: Program
    public var file: String?
    public var description: TestDescription
    public var source: String?
    public var models: [ModelKind]
    /// SC is always checked: its cycle is the "how" of the outcome.
    public var verdicts: ModelVerdicts
    /// One entry per barrier (alone), then all barriers at once when there are several.
    public var barrierVerdicts: [(removed: [BarrierSite], verdicts: ModelVerdicts)]

    /// The model of the machine the reader runs on; the last line says what it allows.
    public var hostModel: ModelKind?
    /// The computed fixes for each model that allows the outcome (``FixSearch``): the only
    /// source of "what would forbid it" sentences. Empty: no such sentence is printed.
    public var fixes: [ModelKind: FixReport] = [:]

    /// `verdicts` over ``checkedModels(_:)``; `barrierVerdicts` over `models`, one per
    /// ``Program/barrierVariants`` entry after the first (the test as written).
    public init(program: Program, source: String? = nil, file: String? = nil,
                models: [ModelKind] = ModelKind.allCases, hostModel: ModelKind? = HostCPU.model,
                verdicts: ModelVerdicts, barrierVerdicts: [(removed: [BarrierSite], verdicts: ModelVerdicts)]) {
        self.program = program
        self.hostModel = hostModel
        self.file = file
        self.source = source
        description = TestDescription(source: source ?? "")
        self.models = ModelKind.allCases.filter(models.contains)
        self.verdicts = verdicts
        self.barrierVerdicts = barrierVerdicts
    }

    /// The models an explanation checks the test under: those shown, and SC, whose cycle is
    /// the "how" of the outcome.
    public static func checkedModels(_ models: [ModelKind]) -> [ModelKind] {
        ModelKind.allCases.filter { models.contains($0) || $0 == .sc }
    }

    public func text(style: Style = .plain) -> String {
        var lines: [String] = []
        lines.append(style.bold(program.name) + (file.map { "  (\($0))" } ?? ""))
        for paragraph in description.paragraphs { lines += wrap(paragraph, width: 96) }
        lines.append("")
        lines.append(style.bold("The test"))
        lines += codeColumns().map { "  " + $0 }
        lines.append("")
        lines.append(style.bold("The outcome of interest") + ": \(program.herdCondition)")
        if let words = outcomeInWords { lines.append("  " + words) }
        if let expected = program.expectedResult { lines.append("  The test's Result: comment says \(expected).") }
        lines.append("")
        lines += howLines(style: style)
        lines.append("")
        lines.append(style.bold("Per model"))
        for model in models { lines += modelLines(model, style: style) }
        lines += verdicts.flagLines.map { "  " + $0 }
        lines.append("")
        lines += barrierLines(style: style)
        if let cpu = hostModel, let allowed = verdicts.allowsCondition(under: cpu), models.contains(cpu) {
            lines.append("")
            lines.append("On this machine (\(cpu.machine), modelled by \(cpu.displayName)) the outcome is "
                + (allowed ? "allowed: `litmus run` may show it." : "forbidden: `litmus run` must never show it."))
        }
        return lines.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// `P1's r0 is 1 and P1's r1 is 0`, for conjunctions of equalities.
    var outcomeInWords: String? {
        var atoms: [String] = []
        func visit(_ p: Proposition) -> Bool {
            switch p {
            case let .and(l, r): return visit(l) && visit(r)
            case let .equals(location, .value(v)):
                switch location {
                case let .register(thread, name): atoms.append("P\(thread)'s \(name) = \(program.render(v))")
                case let .variable(name): atoms.append("\(name) = \(program.render(v))")
                }
                return true
            default: return false
            }
        }
        guard visit(program.condition.proposition), !atoms.isEmpty else { return nil }
        let lead: String
        switch program.condition.quantifier {
        case .exists: lead = "Can it end with "
        case .notExists: lead = "The test claims it never ends with "
        case .forall: lead = "Does it always end with "
        }
        return lead + list(atoms) + "?"
    }

    /// SC's view: the cycle the outcome needs, or the interleaving that produces it.
    private var scCycle: Explanation? { verdicts.results[.sc]?.conditionExplanation }

    private func howLines(style: Style) -> [String] {
        var lines = [style.bold("How it would happen")]
        guard let sc = verdicts.results[.sc] else { return lines + ["  (SC could not be checked: \(verdicts.failures[.sc] ?? "")"] }
        if sc.positive > 0, let execution = sc.conditionExecution {
            lines.append("  Some interleaving of the threads produces it, so every model allows it:")
            lines += readsFrom(execution).map { "  " + $0 }
            return lines
        }
        guard let cycle = scCycle else {
            return lines + ["  No candidate execution reaches it at all: the values cannot arise."]
        }
        lines += readsFrom(cycle.execution).map { "  " + $0 }
        if cycle.axiom == "rcu" {
            lines += wrap("An interleaving produces these values only if an RCU read-side critical section spans a "
                + "grace period, which RCU's grace-period guarantee forbids on every model:", width: 94).map { "  " + $0 }
            lines += wrap(cycle.cycleText + " (back to the start)", width: 94).map { "    " + $0 }
            return lines
        }
        lines.append("  With program order that is a cycle, so no interleaving produces it (SC forbids it):")
        lines += wrap(cycle.cycleText + " (back to the start)", width: 94).map { "    " + $0 }
        lines += wrap("A weaker model allows the outcome when it does not keep some program-order (po) step of "
            + "the cycle in order, or does not make a store visible to all CPUs at once.", width: 94).map { "  " + $0 }
        return lines
    }

    /// `P1: READ_ONCE(*y) = 1 reads from P0: WRITE_ONCE(*y, 1)`, one line per read.
    private func readsFrom(_ x: Execution) -> [String] {
        x.events.indices.filter { x.events[$0].isRead && !x.events[$0].isInit && x.events[$0].location != nil }.map { r in
            let read = describe(r, x)
            guard let w = x.source(of: r) else { return "\(read) reads nothing" }
            if x.events[w].isInit {
                let name = x.events[w].location.map { program.variables[$0].name } ?? "?"
                let later = x.events.indices.filter { x.fr.contains(r, $0) && !x.events[$0].isInit }.map { describe($0, x) }
                return "\(read) reads the initial value of \(name)" + (later.isEmpty ? "" : ", before \(list(later))")
            }
            return "\(read) reads from \(describe(w, x))"
        }
    }

    private func describe(_ e: Int, _ x: Execution) -> String {
        let event = x.events[e]
        var text = "P\(event.thread): \(event.origin?.text ?? event.kind.rawValue)"
        if event.kind == .read, let value = event.value {
            text += Explanation.readSuffix(event.origin?.text, value: program.render(value), isRMW: event.isRMW)
        }
        return text
    }

    private func modelLines(_ model: ModelKind, style: Style) -> [String] {
        let name = Text.pad(model.displayName, 8)
        guard let result = verdicts.results[model] else {
            return ["  \(name) could not check: \(verdicts.failures[model] ?? "not run")"]
        }
        let steps = poSteps
        if result.positive > 0 {
            var lines = ["  \(name) " + style.green("ALLOWED") + " (\(result.verdict.rawValue))"]
            if model == .sc { return lines + ["           an interleaving produces it"] }
            if (verdicts.results[.sc]?.positive ?? 0) > 0 { return lines + ["           as SC does: an interleaving produces it"] }
            let relaxed = steps.filter { $0.orderedBy(model) == nil }
            if relaxed.isEmpty {
                lines += wrap("every po step of the cycle is ordered, but \(model.displayName) does not make a store "
                    + "visible to all CPUs at once, so the cycle need not close", width: 88).map { "           " + $0 }
            }
            if !relaxed.isEmpty {
                lines.append("           it does not keep \(relaxed.count == 1 ? "this step" : "these steps") in order:")
            }
            for step in relaxed {
                lines.append("           \(describe(step.a, step.execution)) → \(describe(step.b, step.execution)):")
                lines += wrap(step.reorderingReason(model), width: 86).map { "             " + $0 }
            }
            if let report = fixes[model] { lines += fixLines(report) }
            return lines
        }
        var lines = ["  \(name) " + style.red("FORBIDDEN") + " (\(result.verdict.rawValue))"]
        if let explanation = result.conditionExplanation {
            lines += wrap("by \(explanation.axiom) (\(explanation.kind.rawValue) \(explanation.relationName)): "
                + explanation.cycleText, width: 88).map { "           " + $0 }
            if let note = explanation.note { lines += wrap("(\(note))", width: 88).map { "           " + $0 } }
        } else {
            lines.append("           no candidate execution reaches the outcome")
        }
        for step in steps where model != .sc {
            guard let reason = step.orderedBy(model) else { continue }
            lines += wrap("keeps \(describe(step.a, step.execution)) → \(describe(step.b, step.execution)) in order: \(reason)",
                          width: 88).enumerated().map { ($0.offset == 0 ? "           " : "             ") + $0.element }
        }
        return lines
    }

    /// What forbids the outcome under the report's model, every line a checked fact: the
    /// cheapest fixes (one change per line) and the cheaper attempts that are not enough.
    func fixLines(_ report: FixReport) -> [String] {
        let pad = "           "
        switch report.status {
        case .alreadyForbidden, .allowedBySC:
            return []
        case let .noFix(reason):
            return wrap("No fence or stronger access on the cycle forbids it under \(report.model.displayName) (checked: \(reason)).",
                        width: 88).map { pad + $0 }
        case let .fixed(fixes):
            var lines = [pad + "What forbids it, checked by \(report.model.displayName) (cheapest on \(report.costModel.rawValue)):"]
            for (i, fix) in fixes.enumerated() {
                for (k, change) in fix.changes.enumerated() {
                    lines.append(pad + (k == 0 ? "  \(i + 1). " : "     and ") + change.summary)
                }
                if let axiom = fix.forbiddingAxiom {
                    lines.append(pad + "     (then forbidden by \(axiom.axiom): \(axiom.kind.rawValue) \(axiom.relationName))")
                }
            }
            for attempt in report.insufficient {
                lines.append(pad + "Not enough (checked, still \(attempt.result.verdict.rawValue)):")
                for (k, change) in attempt.changes.enumerated() {
                    lines.append(pad + (k == 0 ? "     " : "     and ") + change.summary)
                }
            }
            if !report.insufficient.isEmpty, let axiom = fixes.first?.forbiddingAxiom {
                lines += wrap("why: with those, no \(report.model.displayName) axiom rejects the execution reaching the outcome; "
                    + "\(axiom.axiom) (\(axiom.kind.rawValue) \(axiom.relationName)) rejects it only once the fix is made",
                    width: 86).map { pad + "  " + $0 }
            }
            return lines
        }
    }

    /// The program-order steps of SC's cycle.
    private var poSteps: [ProgramOrderStep] {
        // An RCU cycle's po steps are ordered by the grace period, not by each model's rules.
        guard let cycle = scCycle, cycle.axiom != "rcu" else { return [] }
        let steps = cycle.steps
        return steps.indices.compactMap { i in
            guard steps[i].edge == "po" || steps[i].edge == "po-loc" else { return nil }
            let a = steps[i].event, b = steps[(i + 1) % steps.count].event
            return ProgramOrderStep(a: a, b: b, execution: cycle.execution)
        }
    }

    private func barrierLines(style: Style) -> [String] {
        var lines = [style.bold("What each barrier changes")]
        if barrierVerdicts.isEmpty {
            lines.append("  The test has no barriers: nothing but the hardware's own rules orders its accesses.")
            return lines
        }
        let total = program.barriers.count
        for (removed, variant) in barrierVerdicts {
            let words = BarrierSite.label(removing: removed, of: total)
            let label = words.prefix(1).uppercased() + words.dropFirst()
            let allow = models.filter { variant.allowsCondition(under: $0) == true }
            let newly = allow.filter { verdicts.allowsCondition(under: $0) == false }
            let forbid = models.filter { variant.allowsCondition(under: $0) == false }
            // A model that gave up or refused says nothing either way.
            let unchecked = models.filter { variant.allowsCondition(under: $0) == nil }
            var sentence = "\(label): "
            if allow.isEmpty && forbid.isEmpty {
                sentence += "no model could check it"
            } else if allow.isEmpty && unchecked.isEmpty {
                sentence += "every model still forbids the outcome"
            } else if allow.isEmpty {
                sentence += "\(list(forbid.map(\.displayName))) still forbid\(forbid.count == 1 ? "s" : "") it"
            } else {
                sentence += "\(list(allow.map(\.displayName))) allow\(allow.count == 1 ? "s" : "") the outcome"
                if !forbid.isEmpty { sentence += "; \(list(forbid.map(\.displayName))) still forbid\(forbid.count == 1 ? "s" : "") it" }
            }
            if !unchecked.isEmpty && !(allow.isEmpty && forbid.isEmpty) {
                sentence += "; \(list(unchecked.map(\.displayName))) could not check it"
            }
            if !newly.isEmpty && removed.count == 1 {
                sentence += ". It is needed on \(list(newly.map(\.displayName)))"
            }
            lines += wrap(sentence + ".", width: 94).enumerated().map { ($0.offset == 0 ? "  " : "    ") + $0.element }
        }
        return lines
    }

    /// The threads side by side, from the source when it has them, else from the lowered code.
    func codeColumns() -> [String] {
        var columns = source.map(ThreadSource.bodies) ?? []
        if columns.count != program.threads.count {
            columns = program.threads.map { thread in thread.body.map(Self.origin).filter { !$0.isEmpty } }
        }
        let headers = program.threads.map { "P\($0.index)" }
        let widths = zip(headers, columns).map { max($0.count, $1.map(\.count).max() ?? 0) }
        var lines = [zip(headers, widths).map { Text.pad($0, $1) }.joined(separator: " | ").trimmingSpaces()]
        let height = columns.map(\.count).max() ?? 0
        for row in 0 ..< height {
            let cells = columns.indices.map { Text.pad(row < columns[$0].count ? columns[$0][row] : "", widths[$0]) }
            lines.append(cells.joined(separator: " | ").trimmingTrailingSpaces)
        }
        lines.append(program.herdCondition)
        return lines
    }

    private static func origin(_ instruction: Instruction) -> String {
        switch instruction {
        case let .load(l): return l.origin.text
        case let .store(s): return s.origin.text
        case let .fence(f): return f.origin.text
        case let .rmw(r): return r.origin.text
        case let .lock(l): return l.origin.text
        case let .synchronizeSRCU(_, origin): return origin.text
        case .assign, .branch, .loop: return ""
        }
    }
}

/// Splits text into lines of at most `width` characters at spaces.
func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
        if !line.isEmpty && line.count + 1 + word.count > width {
            lines.append(line)
            line = ""
        }
        line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}
