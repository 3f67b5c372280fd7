import ArgumentParser
import Foundation

/// A count such as `1000`, `200k`, `1M` or `1.5M` (`-n`, `--batch`), kept with its spelling
/// so help shows the default as written.
struct CountArgument: CustomStringConvertible, Sendable {
    var value: Int
    var description: String

    /// `text` must be a valid count (for defaults written in the source).
    init(_ text: String) {
        description = text
        value = Self.count(text)!
    }

    /// The transform of an option named `option`; `examples` shows valid spellings.
    static func parser(_ option: String, examples: String) -> @Sendable (String) throws -> CountArgument {
        { text in
            guard let n = count(text), n > 0 else {
                throw ValidationError("\(option) expects a positive count such as \(examples) (got '\(text)')")
            }
            return CountArgument(text)
        }
    }

    /// `1000`, `200k`, `1M`, `1.5M`.
    static func count(_ text: String) -> Int? {
        var digits = text.trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        switch digits.last {
        case "k", "K": scale = 1e3
        case "m", "M": scale = 1e6
        case "g", "G": scale = 1e9
        default: break
        }
        if scale != 1 { digits.removeLast() }
        // Below 10^15 (31 years at 1 M/s), so batch arithmetic never overflows.
        if scale == 1 { return Int(digits).flatMap { $0 < 1_000_000_000_000_000 ? $0 : nil } }
        guard let value = Double(digits), value.isFinite, value > 0, value * scale < 1e15 else { return nil }
        return Int((value * scale).rounded())
    }
}

/// `0,1`, `0-3`, `0,2-3` (`--cpus`).
struct CPUListArgument: Sendable {
    var cpus: [Int]

    static func parse(_ text: String) throws -> CPUListArgument {
        guard let cpus = list(text) else { throw ValidationError("--cpus expects a list such as 0,1 or 0-3 (got '\(text)')") }
        return CPUListArgument(cpus: cpus)
    }

    static func list(_ text: String) -> [Int]? {
        var cpus: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 1, let cpu = Int(bounds[0]), cpu >= 0 {
                cpus.append(cpu)
            } else if bounds.count == 2, let lo = Int(bounds[0]), let hi = Int(bounds[1]), 0 <= lo, lo <= hi, hi < 1 << 16 {
                cpus += Array(lo...hi)
            } else {
                return nil
            }
        }
        return cpus.isEmpty ? nil : cpus
    }
}
