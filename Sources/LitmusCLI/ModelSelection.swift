import ArgumentParser
import Models

/// `--model lkmm,armv8 --model tso` / `all`, shared by the subcommands that take models.
enum ModelSelection {
    static func parse(_ words: [String], default fallback: [ModelKind]) throws -> [ModelKind] {
        var result: [ModelKind] = []
        for word in words.flatMap({ $0.split(separator: ",").map(String.init) }) {
            if word == "all" { result += ModelKind.allCases; continue }
            guard let kind = ModelKind(rawValue: word) else {
                throw ValidationError("unknown model '\(word)'; expected one of lkmm, sc, tso, armv8, all")
            }
            result.append(kind)
        }
        return result.isEmpty ? fallback : ModelKind.allCases.filter(result.contains)
    }
}
