import Harness
import Litmus
import Models

extension RunReport {
    /// The human report: each variant's histogram with every model's verdict per state, the
    /// ablation table with a column per model, and anything forbidden that was observed.
    public func humanText(style: Style = .plain) -> String {
        let program = run.program
        var lines: [String] = []
        lines.append(style.bold("Test \(program.name)") + (file.map { " (\($0))" } ?? ""))
        lines.append("Condition: \(program.herdCondition)" + (program.expectedResult.map { "    Result: \($0)" } ?? ""))
        lines.append("CPU: \(architecture)" + (cpuModel.map { ", modelled by \($0.displayName)" } ?? ", no model of this CPU"))
        lines.append("Parameters: " + HardwareReport.parameterSummary(run.setup))
        if run.setup.perpetual != nil { lines.append("Mode: " + HardwareReport.perpetualModeSentence) }
        for note in run.notes { lines.append("Note: \(note)") }
        if variants.count > 1 {
            lines.append("")
            lines += ablationLines(style: style)
        }
        for variant in variants {
            lines.append("")
            lines += variantLines(variant, style: style)
        }
        if run.interrupted { lines += ["", style.yellow("Interrupted: the last variant is partial.")] }
        lines.append("")
        if passed {
            lines.append(style.green("Nothing forbidden observed."))
            let reasons = inconclusiveReasons
            if !reasons.isEmpty && !run.interrupted {
                lines.append(style.yellow("Inconclusive") + ": " + reasons.joined(separator: "; and ") + ".")
            }
        } else {
            for finding in findings {
                let title: String
                switch finding.kind {
                case .forbiddenByCPUModel: title = "!! FORBIDDEN BY THIS CPU'S MODEL"
                case .forbiddenByLKMM: title = "!! FORBIDDEN BY THE LKMM"
                case .contradictsResult: title = "!! CONTRADICTS THE TEST'S RESULT"
                }
                lines.append(style.red(title) + ": " + finding.message)
            }
        }
        return lines.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// One line for `--check`: PASS or FAIL, the file, and why.
    public func summaryLine(style: Style = .plain) -> String {
        let name = file ?? run.program.name
        let iterations = Text.plural(totalIterations, "iteration")
        let variantCount = Text.plural(variants.count, "variant")
        switch status {
        case .fail:
            let first = findings[0]
            let more = findings.count > 1 ? " (and \(findings.count - 1) more)" : ""
            return style.red("FAIL") + " \(name): \(run.program.name), \(first.message)\(more)"
        case .inconclusive:
            return style.yellow("INCONCLUSIVE") + " \(name): \(run.program.name), \(variantCount), \(iterations), "
                + "nothing forbidden observed, but " + inconclusiveReasons.joined(separator: "; and ")
        case .interrupted:
            let planned = max(run.planned.count, variants.count)
            return style.yellow("INTERRUPTED") + " \(name): \(run.program.name), stopped after \(iterations) "
                + "(\(variants.count) of \(Text.plural(planned, "variant")) begun, the last partial); nothing forbidden observed so far"
        default:
            let evidence = evidenceClause
            return style.green("PASS") + " \(name): \(run.program.name), \(variantCount), \(iterations), "
                + "nothing forbidden observed" + (evidence.isEmpty ? "" : " (\(evidence))")
        }
    }

    func variantLines(_ variant: VariantReport, style: Style) -> [String] {
        let program = variant.program
        let observed = variant.observed
        var lines = [style.bold(capitalised(variant.label)) + ": \(Text.plural(observed.iterations, "iteration")) in "
            + "\(Text.fixed(observed.seconds, 2)) s (\(Text.rate(observed.iterationsPerSecond)))"
            + (observed.overlap.map { ", threads overlapped in \(Text.percent($0.fraction)) of them" } ?? "")]
        for attempt in observed.attempts {
            lines.append("  tried: \(attempt.how): \(Text.plural(attempt.iterations, "iteration")), "
                + "\(Text.plural(attempt.witnesses, "witness", plural: "witnesses"))"
                + (attempt.overlap.map { ", overlap \(Text.percent($0.fraction))" } ?? ""))
        }
        let stateWidth = max(5, variant.rows.map { program.render($0.state).count }.max() ?? 0)
        let countWidth = max(5, variant.rows.map { Text.grouped($0.count).count }.max() ?? 0)
        var header = "     " + Text.padLeft("count", countWidth) + "  " + Text.pad("state", stateWidth)
        for model in models { header += "  " + Text.pad(model.displayName, 9) }
        lines.append(style.dim(header))
        for row in variant.rows {
            var line = "  " + (row.satisfiesCondition ? "* " : "  ") + " " + Text.padLeft(Text.grouped(row.count), countWidth)
                + "  " + Text.pad(program.render(row.state), stateWidth)
            var loud = false
            for model in models {
                let cell: String
                switch row.allowed[model] ?? nil {
                case true?: cell = style.green("allowed") + "  "
                case false?:
                    let bad = model == cpuModel || (model == .lkmm && variant.isAsWritten)
                    loud = loud || model == cpuModel
                    cell = bad ? style.red("FORBIDDEN") : "forbidden"
                case nil: cell = "?" + String(repeating: " ", count: 8)
                }
                line += "  " + cell
            }
            if loud { line += style.red("  <- forbidden on this CPU!") }
            lines.append(line)
        }
        lines.append("  (* marks states satisfying the condition)")
        let models = self.models.map { model in
            "\(model.displayName) \(variant.models.verdict(under: model)?.rawValue ?? "?")"
        }
        if let details = observed.perpetual {
            lines.append("  Observed: \(observed.verdict.rawValue) (\(Text.grouped(observed.witnesses)) instances of the condition "
                + "in \(Text.grouped(observed.iterations)) iterations per thread)")
            lines += HardwareReport.perpetualDetailLines(details).map { "  " + $0 }
        } else {
            lines.append("  Observed: \(observed.verdict.rawValue) (\(Text.grouped(observed.witnesses)) of "
                + "\(Text.grouped(observed.iterations)) iterations satisfy the condition)")
        }
        lines.append("  Models:   " + models.joined(separator: ", "))
        lines += variant.models.flagLines.map { "  " + $0 }
        if let sentence = cpuSentence(variant) { lines.append("  " + sentence) }
        if observed.abandoned > 0 {
            let why = observed.problems.isEmpty ? "a loop or lock wait exceeded its budget" : "see the notes above"
            lines.append("  \(Text.plural(observed.abandoned, "iteration")) abandoned: \(why) (not in the histogram)")
        }
        if observed.filteredOut > 0 {
            lines.append("  \(Text.plural(observed.filteredOut, "iteration")) removed by the filter (not in the histogram)")
        }
        return lines
    }

    /// What this CPU's model says about the condition, next to what the hardware did.
    func cpuSentence(_ variant: VariantReport) -> String? {
        guard let cpu = cpuModel, let allows = variant.models.allowsCondition(under: cpu) else { return nil }
        let witnesses = variant.observed.witnesses, iterations = variant.observed.iterations
        switch (allows, witnesses > 0) {
        case (true, false):
            return "Allowed on this CPU (\(cpu.displayName)), not seen in \(Text.plural(iterations, "iteration"))."
        case (true, true) where variant.observed.perpetual != nil:
            return "Allowed on this CPU (\(cpu.displayName)) and seen (\(Text.plural(witnesses, "instance")))."
        case (false, true) where variant.observed.perpetual != nil:
            return "Forbidden on this CPU (\(cpu.displayName)), yet seen (\(Text.plural(witnesses, "instance")))!"
        case (true, true):
            return "Allowed on this CPU (\(cpu.displayName)) and seen \(Text.plural(witnesses, "time"))."
        case (false, false):
            return "Forbidden on this CPU (\(cpu.displayName)) and never seen."
        case (false, true):
            return "Forbidden on this CPU (\(cpu.displayName)), yet seen \(Text.plural(witnesses, "time"))!"
        }
    }

    func ablationLines(style: Style) -> [String] {
        let labelWidth = max(7, variants.map(\.label.count).max() ?? 0)
        let iterations = variants.map { Text.grouped($0.observed.iterations) }
        let witnesses = variants.map { Text.grouped($0.observed.witnesses) }
        let perpetual = run.setup.perpetual != nil  // instances, not a share of the iterations
        let rates = variants.map { perpetual ? "-" : Text.fraction($0.observed.witnesses, of: $0.observed.iterations) }
        let iw = max(10, iterations.map(\.count).max() ?? 0), ww = max(9, witnesses.map(\.count).max() ?? 0)
        let rw = max(4, rates.map(\.count).max() ?? 0)
        let speeds = variants.map { Text.rate($0.observed.iterationsPerSecond) }
        let sw = max(12, speeds.map(\.count).max() ?? 0)
        var lines = [style.bold("Barrier ablation") + ": the condition on this CPU, and whether each model allows it"
            + " (columns SC...LKMM)"]
        var header = "  " + Text.pad("variant", labelWidth) + "  " + Text.padLeft("iterations", iw) + "  "
            + Text.padLeft(perpetual ? "instances" : "witnesses", ww) + "  " + Text.pad("rate", rw) + "  " + Text.pad("verdict", 9)
            + "  " + Text.padLeft("iterations/s", sw)
        for model in models { header += "  " + Text.pad(model.displayName, 7) }
        lines.append(style.dim(header))
        for (i, variant) in variants.enumerated() {
            var line = "  " + Text.pad(variant.label, labelWidth) + "  " + Text.padLeft(iterations[i], iw) + "  "
                + Text.padLeft(witnesses[i], ww) + "  " + Text.pad(rates[i], rw) + "  "
                + Text.pad(variant.observed.verdict.rawValue, 9) + "  " + Text.padLeft(speeds[i], sw)
            for model in models {
                let word: String
                switch variant.models.allowsCondition(under: model) {
                case true?: word = "allowed"
                case false?: word = "-"
                case nil: word = "?"
                }
                line += "  " + Text.pad(word, 7)
            }
            lines.append(line)
        }
        lines.append("  (model columns: is the condition allowed for that variant? \"-\" = forbidden)")
        let sentences = variants.filter { $0.observed.removed.count == 1 }.compactMap(barrierSentence)
        if !sentences.isEmpty {
            lines.append("What each barrier buys:")
            lines += sentences.map { "  " + $0 }
        }
        return lines
    }

    /// For a one-barrier-removed variant: does this CPU need that barrier, and who else does.
    func barrierSentence(_ variant: VariantReport) -> String? {
        guard let site = variant.observed.removed.first, let asWritten = variants.first(where: \.isAsWritten) else { return nil }
        let needing = models.filter {
            asWritten.models.allowsCondition(under: $0) == false && variant.models.allowsCondition(under: $0) == true
        }
        let stillForbidding = models.filter { variant.models.allowsCondition(under: $0) == false }
        var parts: [String] = []
        if let cpu = cpuModel, let allowed = variant.models.allowsCondition(under: cpu) {
            if !allowed {
                parts.append("\(cpu.displayName) forbids the condition even without it, so on this \(architecture) CPU "
                    + "it is not what forbids the outcome")
            } else if asWritten.models.allowsCondition(under: cpu) == false {
                let seen = variant.observed.witnesses
                parts.append("needed on this \(architecture) CPU: \(cpu.displayName) allows the condition without it "
                    + (seen > 0 ? "(seen \(Text.plural(seen, "time")))" : "(not seen in \(Text.plural(variant.observed.iterations, "iteration")))"))
            }
        }
        let others = needing.filter { $0 != cpuModel }
        if !others.isEmpty {
            parts.append("without it " + list(others.map(\.displayName)) + " allow\(others.count == 1 ? "s" : "") it")
        }
        let alsoForbid = stillForbidding.filter { $0 != cpuModel && $0 != .sc }
        if !alsoForbid.isEmpty && cpuModel.map({ !stillForbidding.contains($0) }) ?? true {
            parts.append(list(alsoForbid.map(\.displayName)) + " still forbid\(alsoForbid.count == 1 ? "s" : "") it")
        }
        if parts.isEmpty { parts.append("no model changes its verdict without it") }
        return "\(site.description): " + parts.joined(separator: "; ") + "."
    }

    private func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}

/// `a`, `a and b`, `a, b and c`.
func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
}
