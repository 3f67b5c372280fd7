/// What a test's leading `(* ... *)` comment says it teaches, without the `Result:` line.
public struct TestDescription: Sendable, Equatable {
    /// The comment's paragraphs, each joined into one line.
    public var paragraphs: [String]

    public init(source: String) {
        paragraphs = Self.paragraphs(of: Self.firstComment(in: source) ?? "")
    }

    /// The first sentence of the first paragraph: the catalogue's one line.
    public var summary: String {
        guard let first = paragraphs.first else { return "" }
        var sentence = ""
        var previous: Character = " "
        for c in first {
            if (previous == "." || previous == "?" || previous == "!") && c == " " { return sentence }
            sentence.append(c)
            previous = c
        }
        return sentence
    }

    static func firstComment(in source: String) -> String? {
        guard let open = source.range(of: "(*") else { return nil }
        guard let close = source[open.upperBound...].range(of: "*)") else { return nil }
        return String(source[open.upperBound ..< close.lowerBound])
    }

    static func paragraphs(of comment: String) -> [String] {
        var result: [String] = []
        var current: [String] = []
        for raw in comment.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw.trimmingSpaces()
            if line.hasPrefix("*") { line = String(line.dropFirst()).trimmingSpaces() }
            if line.hasPrefix("Result:") { continue }
            if line.isEmpty {
                if !current.isEmpty { result.append(current.joined(separator: " ")); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start ... end])
    }
}

extension String {
    /// Without spaces at the end (table cells are padded).
    var trimmingTrailingSpaces: String {
        guard let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[...last])
    }
}
