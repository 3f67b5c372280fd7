import Litmus
import LitmusSyntax
import Models

/// Finds the places a fix can go: the program-order steps that lie on a cycle of an execution
/// reaching the outcome (the only steps whose ordering can matter), the gap between the two
/// accesses of each step, and the accesses at either end, with the source edit of each option.
struct FixSites {
    let source: SourceText
    let test: LitmusTest
    /// Fence kinds beyond `smp_*`: the test's own mandatory / DMA barriers say it orders
    /// device accesses, where those are the barriers to use.
    let extraFences: Set<FenceKind>

    init(source: SourceText, test: LitmusTest, program: Program) {
        self.source = source
        self.test = test
        var used = Set<FenceKind>()
        func visit(_ body: [Instruction]) {
            for instruction in body {
                switch instruction {
                case let .fence(f) where f.kind.lkmmKind != f.kind: used.insert(f.kind)
                case let .branch(_, a, b): visit(a); visit(b)
                case let .loop(_, b): visit(b)
                default: break
                }
            }
        }
        for thread in program.threads { visit(thread.body) }
        var extra = Set<FenceKind>()
        if used.contains(where: { [.mandatoryMB, .mandatoryRMB, .mandatoryWMB].contains($0) }) {
            extra.formUnion([.mandatoryMB, .mandatoryRMB, .mandatoryWMB])
        }
        if used.contains(where: { [.dmaMB, .dmaRMB, .dmaWMB].contains($0) }) { extra.formUnion([.dmaMB, .dmaRMB, .dmaWMB]) }
        extraFences = extra
    }

    /// A program-order step `a` → `b` of one thread that lies on a cycle of po ∪ com.
    struct Step: Hashable {
        var a: Int, b: Int
    }

    /// The steps of `x` on some cycle of `po | rf | co | fr` (what SC forbids): only their
    /// ordering can forbid the execution.
    static func cycleSteps(_ x: Execution) -> [Step] {
        let reach = (x.po | x.rf | x.co | x.fr).transitiveClosure
        var steps: [Step] = []
        for a in 0 ..< x.size where x.events[a].isAccess && !x.events[a].isInit {
            for b in 0 ..< x.size where x.po.contains(a, b) && x.events[b].isAccess {
                let ea = x.events[a], eb = x.events[b]
                if ea.location != nil, ea.location == eb.location { continue }  // coherence orders it
                if ea.origin?.location == eb.origin?.location { continue }  // one primitive (an RMW)
                if reach.contains(b, a) { steps.append(Step(a: a, b: b)) }
            }
        }
        return steps
    }

    /// Every change that could order `step` of `x`.
    func changes(for step: Step, in x: Execution) -> [Change] {
        let ea = x.events[step.a], eb = x.events[step.b]
        guard let la = ea.origin?.location, let lb = eb.origin?.location else { return [] }
        var out: [Change] = []
        if let gap = gap(thread: ea.thread, from: la, to: lb) {
            var kinds: [FenceKind] = [.mb]
            if ea.isRead { kinds.append(.rmb) }
            if ea.isWrite && eb.isWrite { kinds.append(.wmb) }
            // The kernel's full fences for these spots: free on x86, where the lock or the
            // atomic is already a locked instruction.
            if ea.kind == .lockRead || ea.kind == .lockWrite { kinds.append(.afterSpinlock) }
            if ea.isRMW && ea.annotation == .noReturn { kinds.append(.afterAtomic) }
            if eb.isRMW && eb.annotation == .noReturn { kinds.append(.beforeAtomic) }
            for kind in kinds {
                out.append(fence(kind, gap: gap, thread: ea.thread, between: ea, eb))
                for extra in extraFences.sorted(by: { $0.rawValue < $1.rawValue }) where extra.lkmmKind == kind {
                    out.append(fence(extra, gap: gap, thread: ea.thread, between: ea, eb))
                }
            }
        }
        if ea.isRMW || eb.isRMW {
            for e in [ea, eb] where e.isRMW && e.annotation != .mb {
                if let c = upgrade(e, to: .fullyOrdered, step: (ea, eb)) { out.append(c) }
            }
        }
        if !ea.isRMW, ea.kind == .read, ea.annotation == .once || ea.annotation == .plain, let c = upgrade(ea, to: .acquire, step: (ea, eb)) {
            out.append(c)
        }
        if !eb.isRMW, eb.kind == .write, eb.annotation == .once || eb.annotation == .plain, let c = upgrade(eb, to: .release, step: (ea, eb)) {
            out.append(c)
        }
        return out
    }

    private func fence(_ kind: FenceKind, gap: SourceLocation, thread: Int, between a: Event, _ b: Event) -> Change {
        let call = "\(kind.callName)();"
        let edit: SourceEdit
        if source.startsLine(gap), let start = source.offset(SourceLocation(file: gap.file, line: gap.line, column: 1)) {
            edit = SourceEdit(range: start ..< start, replacement: source.indentation(ofLine: gap.line) + call + "\n")
        } else {
            let offset = source.offset(gap) ?? 0
            edit = SourceEdit(range: offset ..< offset, replacement: call + " ")
        }
        let slot = FixSlot.gap(thread: thread, offset: source.offset(gap) ?? 0)
        let summary = "P\(thread): \(kind.callName)() between \(a.origin?.text ?? "?") and \(b.origin?.text ?? "?")"
        return Change(slot: slot, option: .fence(kind), edit: edit, summary: summary, step: (a.origin!.location, b.origin!.location))
    }

    // MARK: - Gaps

    /// A statement together with the sibling list it belongs to.
    private struct Level {
        var body: [Statement]
        var index: Int
        var statement: Statement { body[index] }
    }

    /// Statements containing `location`, outermost first.
    private func chain(thread: Int, _ location: SourceLocation) -> [Level] {
        guard let process = test.processes.first(where: { $0.index == thread }) else { return [] }
        var levels: [Level] = []
        var body = process.body
        while true {
            guard let index = body.lastIndex(where: { $0.location <= location }) else { return levels }
            levels.append(Level(body: body, index: index))
            switch body[index].kind {
            case let .ifElse(_, then, otherwise):
                if let other = otherwise, let first = other.first, first.location <= location { body = other }
                else if let first = then.first, first.location <= location { body = then }
                else { return levels }
            case let .whileLoop(_, inner), let .block(inner):
                guard let first = inner.first, first.location <= location else { return levels }
                body = inner
            default:
                return levels
            }
        }
    }

    /// Where a fence between `a` and `b` goes: before the statement holding `b` in the
    /// innermost statement list holding both (so a braceless `if` body is never split); nil
    /// when `a` and `b` are in one statement.
    func gap(thread: Int, from a: SourceLocation, to b: SourceLocation) -> SourceLocation? {
        let ca = chain(thread: thread, a), cb = chain(thread: thread, b)
        for level in 0 ..< min(ca.count, cb.count) {
            let x = ca[level], y = cb[level]
            if x.index < y.index { return y.statement.location }
            if x.index > y.index { return nil }
        }
        return nil
    }

    // MARK: - Upgrades

    /// The change making access `e` acquire, release or fully ordered, when its primitive has
    /// a stronger spelling.
    private func upgrade(_ e: Event, to option: FixOption, step: (Event, Event)) -> Change? {
        guard let origin = e.origin, let start = source.offset(origin.location),
              let rewrite = rewrite(at: start, to: option) else { return nil }
        let slot = FixSlot.access(thread: e.thread, offset: start)
        // The whole call before and after, even when only its name changes.
        let end = max(rewrite.range.upperBound, callEnd(from: start) ?? rewrite.range.upperBound)
        let after = rewrite.replacement + source.string(rewrite.range.upperBound ..< end)
        let summary = "P\(e.thread): \(source.string(start ..< end)) → \(after)"
        guard let from = step.0.origin?.location, let to = step.1.origin?.location else { return nil }
        return Change(slot: slot, option: option, edit: rewrite, summary: summary, step: (from, to))
    }

    private static let acquireForms = ["atomic_read": "atomic_read_acquire", "atomic_long_read": "atomic_long_read_acquire"]
    private static let releaseForms = ["atomic_set": "atomic_set_release", "atomic_long_set": "atomic_long_set_release"]

    private func rewrite(at start: Int, to option: FixOption) -> SourceEdit? {
        let bytes = source.bytes
        if start < bytes.count, bytes[start] == UInt8(ascii: "*") { return rewritePlain(at: start, to: option) }
        var end = start
        while end < bytes.count, Self.isIdentifier(bytes[end]) { end += 1 }
        let name = source.string(start ..< end)
        guard let call = callExtent(from: end) else { return nil }
        let arguments = call.arguments
        switch option {
        case .acquire:
            if let renamed = Self.acquireForms[name] { return SourceEdit(range: start ..< end, replacement: renamed) }
            guard ["READ_ONCE", "rcu_dereference"].contains(name), arguments.count == 1 else { return nil }
            return SourceEdit(range: start ..< call.end, replacement: "smp_load_acquire(\(Self.pointer(arguments[0])))")
        case .release:
            if let renamed = Self.releaseForms[name] { return SourceEdit(range: start ..< end, replacement: renamed) }
            guard name == "WRITE_ONCE", arguments.count == 2 else { return nil }
            return SourceEdit(range: start ..< call.end,
                              replacement: "smp_store_release(\(Self.pointer(arguments[0])), \(Self.trim(arguments[1])))")
        case .fullyOrdered:
            for suffix in ["_relaxed", "_acquire", "_release"] where name.hasSuffix(suffix) {
                return SourceEdit(range: start ..< end, replacement: String(name.dropLast(suffix.count)))
            }
            return nil
        case .fence:
            return nil
        }
    }

    /// `*x` read → `smp_load_acquire(x)`; `*x = v` → `smp_store_release(x, v)`.
    private func rewritePlain(at start: Int, to option: FixOption) -> SourceEdit? {
        let bytes = source.bytes
        var end = start + 1
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
        let nameStart = end
        while end < bytes.count, Self.isIdentifier(bytes[end]) { end += 1 }
        guard end > nameStart else { return nil }
        let pointer = source.string(nameStart ..< end)
        switch option {
        case .acquire:
            return SourceEdit(range: start ..< end, replacement: "smp_load_acquire(\(pointer))")
        case .release:
            var i = end
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "=") else { return nil }
            var j = i + 1, depth = 0
            while j < bytes.count {
                let b = bytes[j]
                if b == UInt8(ascii: "(") { depth += 1 }
                if b == UInt8(ascii: ")") { depth -= 1 }
                if depth == 0 && b == UInt8(ascii: ";") { break }
                j += 1
            }
            guard j < bytes.count else { return nil }
            return SourceEdit(range: start ..< j, replacement: "smp_store_release(\(pointer), \(Self.trim(source.string(i + 1 ..< j))))")
        default:
            return nil
        }
    }

    /// Where the call starting at `start` ends (after its closing parenthesis).
    private func callEnd(from start: Int) -> Int? {
        var end = start
        while end < source.bytes.count, Self.isIdentifier(source.bytes[end]) { end += 1 }
        return end > start ? callExtent(from: end)?.end : nil
    }

    /// The parenthesised arguments after a call name ending at `nameEnd`.
    private func callExtent(from nameEnd: Int) -> (arguments: [String], end: Int)? {
        let bytes = source.bytes
        var i = nameEnd
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "(") else { return nil }
        var depth = 0, argumentStart = i + 1
        var arguments: [String] = []
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "(") { depth += 1 }
            if b == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 {
                    let last = source.string(argumentStart ..< i)
                    if !arguments.isEmpty || !Self.trim(last).isEmpty { arguments.append(last) }
                    return (arguments, i + 1)
                }
            }
            if b == UInt8(ascii: ","), depth == 1 {
                arguments.append(source.string(argumentStart ..< i))
                argumentStart = i + 1
            }
            i += 1
        }
        return nil
    }

    private static func isIdentifier(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    private static func trim(_ s: String) -> String {
        String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// The pointer an `*x`-style argument names: `*x` → `x`, `y` → `&y`.
    private static func pointer(_ argument: String) -> String {
        let t = trim(argument)
        return t.hasPrefix("*") ? trim(String(t.dropFirst())) : "&\(t)"
    }
}
