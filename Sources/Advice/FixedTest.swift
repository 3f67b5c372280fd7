import Litmus
import Models

/// A fix written out as a new test (`litmus fix --write`): the changed source under a new
/// name, its `Result:` comment saying what the model now gives.
public enum FixedTest {
    public static func text(_ fix: Fix) -> String {
        var lines = fix.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let header = lines.firstIndex(where: { !$0.trimmingSpaces.isEmpty }) {
            let words = lines[header].split(separator: " ", maxSplits: 2).map(String.init)
            if words.count >= 2 {
                lines[header] = ([words[0], words[1] + "+fixed"] + words.dropFirst(2)).joined(separator: " ")
            }
        }
        let verdict = fix.result.verdict.rawValue
        for i in lines.indices {
            guard let range = lines[i].range(of: "Result:") else { continue }
            let rest = lines[i][range.upperBound...]
            let word = rest.drop { $0 == " " || $0 == "\t" }.prefix { !$0.isWhitespace }
            lines[i] = String(lines[i][..<range.upperBound]) + " " + verdict
                + rest.drop { $0 == " " || $0 == "\t" }.dropFirst(word.count)
            break
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    var trimmingSpaces: Substring { drop { $0 == " " || $0 == "\t" } }
}
