import Litmus
import LitmusSyntax
import Models
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `litmus fix` could not search.
public enum FixError: Error, Sendable, CustomStringConvertible {
    /// The test does not parse or lower.
    case badInput(DiagnosticError)
    /// The model gave up on the test as written.
    case model(ModelError)

    public var description: String {
        switch self {
        case let .badInput(error): return error.description
        case let .model(error): return error.description
        }
    }
}

/// Searches for the cheapest changes that make a test's outcome forbidden under a model, each
/// verified by checking the changed test (the source with the edits made, parsed again).
///
/// The places searched are the program-order steps on a cycle of an execution reaching the
/// outcome; the options at each are the fences that can order the step and the stronger forms
/// of its two accesses. Sets of changes are tried by increasing cost (``CostModel``); the
/// search stops at the first cost with a fix and returns every minimal fix of that cost (up
/// to ``maxFixes``). A set is skipped without a check when a set ordering at least as much was
/// already checked and failed, or when it contains a fix already found.
public struct FixSearch: Sendable {
    public var model: ModelKind
    public var costModel: CostModel
    public var options: CheckOptions
    public var maxFixes = 4
    /// Most changes in one fix.
    public var maxChanges = 4
    /// Checks of candidate fixes before the exhaustive search stops (the greedy fix is then
    /// the answer, marked as possibly not the cheapest).
    public var maxChecks = 600
    /// Processor seconds for the exhaustive search, likewise.
    public var timeBudget: Double = 30
    /// The `.def` the test and every edited version are lowered through (nil: our table), so
    /// each fix is checked with the primitives' meaning in force.
    public var macros: MacroDefinitions?

    public init(model: ModelKind, costModel: CostModel? = nil, options: CheckOptions = CheckOptions()) {
        self.model = model
        self.costModel = costModel ?? CostModel.natural(for: model)
        var checking = options
        checking.explain = true  // the fix's forbidding axiom is the condition's explanation
        self.options = checking
    }

    /// Whether `result` allows the outcome the test asks about: the condition's states for
    /// `exists`/`~exists`, the states breaking it for `forall`.
    public static func allowsOutcome(_ result: CheckResult) -> Bool {
        result.program.condition.quantifier == .forall ? result.negative > 0 : result.positive > 0
    }

    public func run(source text: String, file: String) throws(FixError) -> FixReport {
        let start = processorTime()
        let test: LitmusTest, program: Program
        do throws(DiagnosticError) {
            test = try LitmusTest.parse(source: text, file: file)
            program = try Program.lower(test, source: text, macros: macros)
        } catch {
            throw .badInput(error)
        }
        var session = Session(search: self, source: SourceText(text), file: file)
        let original: CheckResult
        do throws(ModelError) {
            original = try ModelChecker.check(program, model: model, options: options)
        } catch {
            throw .model(error)
        }
        session.checks += 1
        // The test as written is the first failed check: every fix must touch its executions.
        if Self.allowsOutcome(original) {
            for x in Counterexample.from(original, edited: SourceText(text), edits: []) {
                session.counterexamples.append((Candidate(changes: []), x))
            }
        }
        var report = FixReport(name: program.name, file: file, originalSource: text, model: model, costModel: costModel, status: .alreadyForbidden,
                               original: original, space: "", insufficient: [], dependencyNotes: [], checks: 0, seconds: 0)
        if Self.allowsOutcome(original) {
            report = session.search(original: original, test: test, report: report)
        }
        report.checks = session.checks
        report.seconds = processorTime() - start
        return report
    }
}

extension FixSearch {
    /// The fix report of each model in `models` but SC (what `explain` and `run` print); a
    /// model that gives up has none.
    public static func reports(source: String, file: String, models: [ModelKind], options: CheckOptions = CheckOptions(),
                               macros: MacroDefinitions? = nil) -> [ModelKind: FixReport] {
        var out: [ModelKind: FixReport] = [:]
        for model in models where model != .sc {
            var search = FixSearch(model: model, options: options)
            search.macros = macros
            out[model] = try? search.run(source: source, file: file)
        }
        return out
    }
}

/// One search: the checks made and what they found.
private struct Session {
    let search: FixSearch
    let source: SourceText
    let file: String
    var checks = 0
    let started = processorTime()
    var failures: [Candidate] = []
    /// What each failed check still allows, with the set that was checked.
    var counterexamples: [(failed: Candidate, execution: Counterexample)] = []
    var checked: [Candidate: CheckResult?] = [:]

    init(search: FixSearch, source: SourceText, file: String) {
        self.search = search
        self.source = source
        self.file = file
    }

    /// Checks the test with `candidate`'s edits; nil when the edited text does not parse or
    /// the model gives up (the candidate is then not a fix).
    mutating func check(_ candidate: Candidate) -> CheckResult? {
        let key = Self.key(candidate)
        if let known = checked[key] { return known }
        let edits = candidate.changes.map(\.edit)
        let text = source.applying(edits)
        checks += 1
        let result: CheckResult?
        do {
            let program = try Program.parse(source: text, file: file, macros: search.macros)
            result = try ModelChecker.check(program, model: search.model, options: search.options)
        } catch {
            result = nil
        }
        checked[key] = result
        if let result, FixSearch.allowsOutcome(result) {
            failures.append(candidate)
            for x in Counterexample.from(result, edited: SourceText(text), edits: edits) { counterexamples.append((candidate, x)) }
        }
        return result
    }

    /// Whether a check of `candidate` would fail: a counterexample of an earlier check that
    /// none of its new changes touches.
    func mustFail(_ candidate: Candidate) -> Bool {
        counterexamples.contains { $0.execution.survives(candidate, failed: $0.failed) }
    }

    func works(_ result: CheckResult?) -> Bool { result.map { !FixSearch.allowsOutcome($0) } ?? false }

    mutating func search(original: CheckResult, test: LitmusTest, report: FixReport) -> FixReport {
        var report = report
        let model = search.model
        if model == .sc {
            // SC allowing it means an interleaving produces it.
            report.status = .allowedBySC
            return report
        }
        do {
            checks += 1
            if let sc = try? ModelChecker.check(original.program, model: .sc, options: search.options), FixSearch.allowsOutcome(sc) {
                report.status = .allowedBySC
                return report
            }
        }
        // The places: every step on a cycle of an execution that reaches the outcome.
        let sites = FixSites(source: source, test: test, program: original.program)
        let wantSatisfying = original.program.condition.quantifier != .forall
        let executions = original.states.filter { $0.satisfiesCondition == wantSatisfying }.compactMap { original.execution(for: $0.state) }
        var all: [Change] = []
        for x in executions {
            for step in FixSites.cycleSteps(x) {
                for change in sites.changes(for: step, in: x) where !all.contains(change) { all.append(change) }
            }
        }
        var slots: [FixSlot] = []
        for change in all where !slots.contains(change.slot) { slots.append(change.slot) }
        report.space = Self.describeSpace(all, slots: slots, maxChanges: search.maxChanges)
        if all.isEmpty {
            report.status = .noFix("no program-order step on the outcome's cycle has a gap for a fence or an access with a stronger form")
            return report
        }
        // Everything at once: when even that allows the outcome, nothing in the space forbids it.
        let everything = Candidate(changes: all)
        if !works(check(everything)) {
            report.status = .noFix("even with every change of the space at once \(model.displayName) allows the outcome")
            return report
        }
        let cost = search.costModel
        // A quick verified fix first (greedy: drop what is not needed, then cheapen fences):
        // its cost bounds the exhaustive search, and it is the answer when that runs out.
        let greedy = greedyFix(all: all, slots: slots, everything: everything)
        let ceiling = greedy.0.cost(cost)
        let combinations = Self.combinations(slots: slots, changes: all, maxChanges: search.maxChanges, ceiling: ceiling, cost: cost)
        let free = all.filter { cost.cost($0.option) == 0 }
        var fixes: [(Candidate, CheckResult)] = []
        var level = -1
        var exhausted = false
        for candidate in combinations {
            let c = candidate.cost(cost)
            if c != level {
                if !fixes.isEmpty { break }
                level = c
            }
            if fixes.count >= search.maxFixes { break }
            if checks >= search.maxChecks || processorTime() - started > search.timeBudget {
                exhausted = true
                break
            }
            if fixes.contains(where: { candidate.contains($0.0) }) { continue }
            if failures.contains(where: { candidate.isDominated(by: $0) }) || mustFail(candidate) { continue }
            // With free options about, first try the candidate with every free option added:
            // when that fails, so does every free variant of the candidate.
            let used = Set(candidate.changes.map(\.slot))
            let extra = free.filter { !used.contains($0.slot) }
            if !extra.isEmpty {
                let padded = Candidate(changes: candidate.changes + extra)
                if !works(check(padded)) { continue }
            }
            let result = check(candidate)
            if works(result), let result { fixes.append((candidate, result)) }
        }
        if fixes.isEmpty {
            // The budget ran out below the greedy fix's cost (or it has more changes than the
            // exhaustive search takes): give the greedy fix, saying it may not be the cheapest.
            fixes = [greedy]
            report.minimal = false
            report.limit = exhausted
                ? "the search stopped after \(checks) checks (limit \(search.maxChecks) checks or \(Int(search.timeBudget)) s): a cheaper fix may exist"
                : "found greedily (more than \(search.maxChanges) changes): a cheaper fix may exist"
        }
        report.status = .fixed(fixes.map { candidate, result in
            Fix(changes: candidate.changes.sorted { Self.position($0.slot) < Self.position($1.slot) }, cost: candidate.cost(cost),
                source: source.applying(candidate.changes.map(\.edit)), result: result)
        })
        report.insufficient = insufficient(for: fixes[0].0, among: combinations)
        report.dependencyNotes = dependencyNotes(for: fixes[0].0)
        return report
    }

    /// The same changes in one order, for the cache of checks.
    static func key(_ candidate: Candidate) -> Candidate {
        Candidate(changes: candidate.changes.sorted {
            let (a, b) = (position($0.slot), position($1.slot))
            return (a.0, a.1, "\($0.option)") < (b.0, b.1, "\($1.option)")
        })
    }

    /// A verified fix found without search: the strongest option at every place, then each
    /// change dropped when the rest still forbids the outcome, then each fence made cheaper
    /// when that still does.
    mutating func greedyFix(all: [Change], slots: [FixSlot], everything: Candidate) -> (Candidate, CheckResult) {
        let cost = search.costModel
        var current = Candidate(changes: slots.map { slot in
            all.filter { $0.slot == slot }.max { cost.cost($0.option) < cost.cost($1.option) }!
        })
        guard var result = check(current), works(result) else {
            current = everything
            return (everything, check(everything)!)
        }
        for change in current.changes.sorted(by: { cost.cost($0.option) > cost.cost($1.option) }) {
            let trial = Candidate(changes: current.changes.filter { $0 != change })
            if !trial.changes.isEmpty, let r = check(trial), works(r) { (current, result) = (trial, r) }
        }
        for change in current.changes {
            let cheaper = all.filter { $0.slot == change.slot && cost.cost($0.option) < cost.cost(change.option) }
            for option in cheaper.sorted(by: { cost.cost($0.option) < cost.cost($1.option) }) {
                let trial = Candidate(changes: current.changes.map { $0 == change ? option : $0 })
                if let r = check(trial), works(r) {
                    (current, result) = (trial, r)
                    break
                }
            }
        }
        return (current, result)
    }

    /// Thread, then place in the source: the order changes are listed in.
    static func position(_ slot: FixSlot) -> (Int, Int) {
        switch slot {
        case let .gap(thread, offset), let .access(thread, offset): return (thread, offset)
        }
    }

    /// The cheaper attempts worth showing, each checked: the same option at every place, as
    /// many changes as the fix, in the same threads ("smp_rmb() in both readers"); mixed sets
    /// already checked only when there is no uniform one.
    mutating func insufficient(for fix: Candidate, among combinations: [Candidate]) -> [InsufficientChange] {
        let cost = search.costModel
        let threads = Set(fix.changes.map(\.slot.thread))
        func comparable(_ c: Candidate) -> Bool {
            c.changes.count == fix.changes.count && Set(c.changes.map(\.slot.thread)) == threads && c.cost(cost) < fix.cost(cost)
        }
        var byOption: [FixOption: Candidate] = [:]
        for candidate in combinations where comparable(candidate) && Set(candidate.changes.map(\.option)).count == 1 {
            if let option = candidate.changes.first?.option, byOption[option] == nil { byOption[option] = candidate }
        }
        var attempts = byOption.values.sorted { $0.cost(cost) < $1.cost(cost) }
        if attempts.isEmpty { attempts = Array(failures.filter(comparable).prefix(2)) }
        return attempts.prefix(3).compactMap { candidate in
            guard let result = check(candidate), !works(result) else { return nil }
            return InsufficientChange(changes: candidate.changes, cost: candidate.cost(cost), result: result)
        }
    }

    /// For each fence or acquire of the fix that orders a load before a later access, whether
    /// an address dependency between the two would do instead (checked, not written).
    mutating func dependencyNotes(for fix: Candidate) -> [String] {
        var notes: [String] = []
        for change in fix.changes {
            switch change.option {
            case .fence(.rmb), .fence(.mb), .acquire: break
            default: continue
            }
            let rest = fix.changes.filter { $0 != change }
            let text = source.applying(rest.map(\.edit))
            guard let program = try? Program.parse(source: text, file: file, macros: search.macros),
                  let (changed, words) = Dependency.add(in: program, from: change.step.from, to: change.step.to) else { continue }
            checks += 1
            guard let result = try? ModelChecker.check(changed, model: search.model, options: search.options),
                  !FixSearch.allowsOutcome(result) else { continue }
            notes.append("instead of \(change.summary): \(words) also forbids it under \(search.model.displayName) "
                + "(free on arm64 and x86; not written: a dependency has to come from the code's own data flow)")
        }
        return notes
    }

    /// Sets of at most `maxChanges` changes, one per slot, by increasing cost then size.
    static func combinations(slots: [FixSlot], changes: [Change], maxChanges: Int, ceiling: Int, cost: CostModel) -> [Candidate] {
        let options = slots.map { slot in changes.filter { $0.slot == slot } }
        var out: [Candidate] = []
        func extend(_ index: Int, _ chosen: [Change], _ total: Int) {
            if index == options.count {
                if !chosen.isEmpty { out.append(Candidate(changes: chosen)) }
                return
            }
            extend(index + 1, chosen, total)
            guard chosen.count < maxChanges else { return }
            for change in options[index] {
                let t = total + cost.cost(change.option)
                if t <= ceiling { extend(index + 1, chosen + [change], t) }
            }
        }
        extend(0, [], 0)
        return out.enumerated().sorted {
            let (a, b) = ($0.element, $1.element)
            let ca = a.cost(cost), cb = b.cost(cost)
            if ca != cb { return ca < cb }
            if a.changes.count != b.changes.count { return a.changes.count < b.changes.count }
            return $0.offset < $1.offset
        }.map(\.element)
    }

    static func describeSpace(_ changes: [Change], slots: [FixSlot], maxChanges: Int) -> String {
        let gaps = slots.filter { if case .gap = $0 { return true } else { return false } }.count
        let accesses = slots.count - gaps
        let fences = Set(changes.compactMap { c -> String? in
            if case let .fence(kind) = c.option { return kind.callName + "()" } else { return nil }
        }).sorted()
        var parts: [String] = []
        if gaps > 0 { parts.append("\(fences.joined(separator: "/")) in \(gaps) gap\(gaps == 1 ? "" : "s")") }
        if accesses > 0 { parts.append("stronger forms of \(accesses) access\(accesses == 1 ? "" : "es") (acquire, release, fully ordered RMW)") }
        return parts.joined(separator: " and ") + " on the outcome's cycles, at most \(maxChanges) changes"
    }
}

/// Processor time of this process in seconds.
func processorTime() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
