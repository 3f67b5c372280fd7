import Foundation
import Litmus
import Models

extension CheckResult {
    /// herd7's result block, byte for byte except the `Hash=` line (herd7's digest of its own
    /// pretty-printing of the test, which we do not reproduce) and the measured time.
    /// The kernel's judgelitmus.sh reads `Observation`, `Flag` and `Loop` lines from it.
    public func herdText(time: Double? = nil) -> String {
        var lines: [String] = []
        lines.append("Test \(program.name) \(program.condition.herdKind)")
        lines.append("States \(states.count)")
        lines.append(contentsOf: renderedStates())
        lines.append((loopPathsCut > 0 ? "Loop " : "") + (conditionHolds ? "Ok" : "No"))
        lines.append("Witnesses")
        lines.append("Positive: \(positive) Negative: \(negative)")
        for flag in flags { lines.append("Flag \(flag)") }
        lines.append("Condition \(program.herdCondition)")
        lines.append("Observation \(program.name) \(verdict.rawValue) \(positive) \(negative)")
        lines.append("Time \(program.name) \(formatSeconds(time ?? self.time))")
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// The states as ``Program/render(_:)-(FinalState)`` prints them, one per line. Many
    /// states (a test may have hundreds of thousands) are rendered in slices on every core.
    private func renderedStates() -> [String] {
        guard !states.isEmpty else { return [] }
        let slices = states.count < 1 << 14 ? 1 : Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard slices > 1 else { return [String(decoding: renderedStates(states.indices), as: UTF8.self)] }
        let bounds = (0 ... slices).map { states.count * $0 / slices }
        let parts = SliceResults(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            parts.store(slice, renderedStates(bounds[slice] ..< bounds[slice + 1]))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.values.reduce(slices) { $0 + $1.count })
        for (slice, part) in parts.values.enumerated() {
            if slice > 0 { bytes.append(UInt8(ascii: "\n")) }
            bytes.append(contentsOf: part)
        }
        return [String(decoding: bytes, as: UTF8.self)]
    }

    /// The states of `range` as bytes, lines separated by newlines, with each location's and
    /// value's text rendered once: locations are kept by position (every state of a result
    /// has the same ones), small integers by value.
    private func renderedStates(_ range: Range<Int>) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        var locationText: [(location: StateLocation, text: [UInt8])] = []
        var smallIntegers = [[UInt8]?](repeating: nil, count: 256)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count * (states[range.lowerBound].state.entries.count * 8 + 1))
        for s in range {
            if s > range.lowerBound { bytes.append(UInt8(ascii: "\n")) }
            for (i, entry) in states[s].state.entries.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: " ")) }
                if i < locationText.count && locationText[i].location == entry.location {
                    bytes.append(contentsOf: locationText[i].text)
                } else {
                    let text = Array((program.render(entry.location) + "=").utf8)
                    if i < locationText.count { locationText[i] = (entry.location, text) } else { locationText.append((entry.location, text)) }
                    bytes.append(contentsOf: text)
                }
                if case let .integer(n) = entry.value, (0 ..< 256).contains(n) {
                    if smallIntegers[n] == nil { smallIntegers[n] = Array((program.render(entry.value) + ";").utf8) }
                    bytes.append(contentsOf: smallIntegers[n]!)
                } else {
                    bytes.append(contentsOf: (program.render(entry.value) + ";").utf8)
                }
            }
        }
        return bytes
    }

    private func formatSeconds(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension FinalCondition {
    /// herd7's name for the test's kind: `Allowed` (exists), `Forbidden` (~exists), `Required` (forall).
    public var herdKind: String {
        switch quantifier {
        case .exists: return "Allowed"
        case .notExists: return "Forbidden"
        case .forall: return "Required"
        }
    }
}

extension Program {
    /// The condition as herd7 prints it: `exists ([x]=2 /\ 0:r0=2)`.
    public var herdCondition: String {
        "\(condition.quantifier.rawValue) (\(herdProposition(condition.proposition, above: .top)))"
    }

    private enum Operator { case top, and, or, implies }

    private func herdProposition(_ p: Proposition, above: Operator) -> String {
        func paren(_ here: Operator, _ text: String) -> String {
            let needed: Bool
            switch (above, here) {
            case (.top, _), (.implies, .implies), (.and, .and), (.or, .and), (.or, .or): needed = false
            default: needed = true
            }
            return needed ? "(\(text))" : text
        }
        switch p {
        case let .constant(b): return b ? "true" : "false"
        case let .equals(location, operand):
            let rhs: String
            switch operand {
            case let .value(v): rhs = render(v)
            case let .location(l): rhs = render(l)
            }
            return "\(render(location))=\(rhs)"
        case let .not(q): return "not (\(herdProposition(q, above: .top)))"
        case let .and(a, b): return paren(.and, herdProposition(a, above: .and) + " /\\ " + herdProposition(b, above: .and))
        case let .or(a, b): return paren(.or, herdProposition(a, above: .or) + " \\/ " + herdProposition(b, above: .or))
        case let .implies(a, b): return paren(.implies, herdProposition(a, above: .implies) + " => " + herdProposition(b, above: .implies))
        }
    }
}

/// The rendered slices, each stored by the one thread that rendered it.
private final class SliceResults: @unchecked Sendable {  // each slot written once, read after all writers finish
    private let lock = NSLock()
    private(set) var values: [[UInt8]]

    init(count: Int) { values = Array(repeating: [], count: count) }

    func store(_ slice: Int, _ bytes: [UInt8]) {
        lock.lock()
        values[slice] = bytes
        lock.unlock()
    }
}
