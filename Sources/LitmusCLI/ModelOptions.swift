import ArgumentParser
import Models

/// What a subcommand's `--model` means: its help, the models when none is given, and whether
/// the models keep the order given (`check` prints one result per model, in that order).
protocol ModelChoice {
    static var help: String { get }
    static var fallback: [ModelKind] { get }
    static var keepsOrderGiven: Bool { get }
}

/// `--model lkmm,armv8 --model tso` / `all`: the one `--model` option of every subcommand that
/// takes models, parsed into ``ModelKind``s as it is read.
struct ModelOptions<Choice: ModelChoice>: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Choice.help), transform: Self.parse)
    var model: [[ModelKind]] = []

    /// The models chosen, each once: in the order given, or in ``ModelKind/allCases`` order.
    var models: [ModelKind] {
        let given = model.flatMap { $0 }
        if given.isEmpty { return Choice.fallback }
        if !Choice.keepsOrderGiven { return ModelKind.allCases.filter(given.contains) }
        return given.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// One `--model` value: names separated by commas, or `all`.
    static func parse(_ text: String) throws -> [ModelKind] {
        var result: [ModelKind] = []
        for word in text.split(separator: ",").map(String.init) {
            if word == "all" { result += ModelKind.allCases; continue }
            guard let kind = ModelKind(rawValue: word) else {
                throw ValidationError("unknown model '\(word)'; expected one of lkmm, sc, tso, armv8, all")
            }
            result.append(kind)
        }
        return result
    }
}
