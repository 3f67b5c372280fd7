import Foundation
import LitmusSyntax

/// A `.def` file (herd7's `-macros`): each kernel primitive's expansion into annotated core
/// operations, e.g. `smp_store_release(X,V) { __store{RELEASE}(*X,V); }`. What the tool takes
/// from it is the annotation tags of each primitive's events, so that editing a tag in the
/// `.def` changes what the model sees; the operations themselves stay those of our table.
public struct MacroFile: Sendable {
    /// One core operation of an expansion: `__store` with tag `RELEASE`.
    struct Operation: Sendable, Equatable {
        var name: String
        var tag: String?
    }

    /// Primitive name → its operations, macros used inside other macros already expanded.
    private(set) var expansions: [String: [Operation]] = [:]

    public static func parse(file: String, source: String) throws(CatError) -> MacroFile {
        var raw: [String: (body: String, location: SourceLocation)] = [:]
        var order: [String] = []
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var text = Substring(line)
            if let comment = text.range(of: "//") { text = text[..<comment.lowerBound] }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let column = text.distance(from: text.startIndex, to: text.firstIndex { $0 != " " && $0 != "\t" } ?? text.startIndex) + 1
            let location = SourceLocation(file: file, line: index + 1, column: column)
            guard let open = trimmed.firstIndex(of: "("), let close = trimmed[open...].firstIndex(of: ")") else {
                throw CatError("expected NAME(PARAMETERS) BODY", at: location, source: source)
            }
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw CatError("expected a primitive name before '('", at: location, source: source)
            }
            let body = String(trimmed[trimmed.index(after: close)...]).trimmingCharacters(in: .whitespaces)
            guard !body.isEmpty else {
                throw CatError("\(name): missing body", at: SourceLocation(file: file, line: index + 1, column: column + trimmed.count), source: source)
            }
            if body.hasPrefix("{") && !body.hasSuffix("}") {
                throw CatError("\(name): unterminated body (expected '}' on the same line)", at: location, source: source)
            }
            if raw[name] == nil { order.append(name) }
            raw[name] = (body, location)
        }
        var result = MacroFile()
        func expand(_ name: String, depth: Int) -> [Operation] {
            guard depth < 16, let (body, _) = raw[name] else { return [] }
            var operations: [Operation] = []
            var rest = Substring(body)
            while let start = rest.firstIndex(where: { $0.isLetter || $0 == "_" }) {
                let word = rest[start...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                rest = rest[word.endIndex...]
                var tag: String?
                if rest.first == "{", let end = rest.firstIndex(of: "}") {
                    tag = String(rest[rest.index(after: rest.startIndex) ..< end]).trimmingCharacters(in: .whitespaces)
                    rest = rest[rest.index(after: end)...]
                }
                if word.hasPrefix("__") {
                    operations.append(Operation(name: String(word), tag: tag))
                } else if raw[String(word)] != nil, String(word) != name {
                    operations += expand(String(word), depth: depth + 1)
                }
            }
            return operations
        }
        for name in order { result.expansions[name] = expand(name, depth: 0) }
        return result
    }

    /// Every tag the file mentions.
    var tags: Set<String> { Set(expansions.values.flatMap { $0.compactMap(\.tag) }) }

    /// The tag the def gives an event of `primitive`: fences take the first `__fence`'s, SRCU
    /// grace periods the `__srcu`'s, accesses the first access operation's.
    func tag(primitive: String, isFence: Bool, isSRCU: Bool) -> String?? {
        guard let operations = expansions[primitive] else { return nil }
        let match = operations.first { op in
            if isFence { return op.name == "__fence" }
            if isSRCU { return op.name == "__srcu" }
            return op.name != "__fence" && op.name != "__srcu"
        }
        guard let match else { return nil }
        return .some(match.tag)
    }
}
