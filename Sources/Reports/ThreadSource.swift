/// The statements of each `Pn(...) { ... }` of a litmus source, one per line as written,
/// without declarations of local registers, for showing threads side by side.
enum ThreadSource {
    static func bodies(_ source: String) -> [[String]] {
        var bodies: [[String]] = []
        var current: [String]? = nil
        var depth = 0
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingSpaces()
            if current == nil {
                guard line.first == "P", line.dropFirst().first?.isNumber == true, line.contains("(") else { continue }
                current = []
                let opens = line.filter { $0 == "{" }.count, closes = line.filter { $0 == "}" }.count
                depth = opens - closes
                if opens > 0 && depth <= 0, let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") {
                    // The whole body on the header's line: `P0(int *x) { WRITE_ONCE(*x, 1); }`.
                    let statements = line[line.index(after: open) ..< close].split(separator: ";")
                        .map { $0.trimmingSpaces() }.filter { !$0.isEmpty && $0 != "}" }
                        .map { $0.hasSuffix("}") || $0.hasSuffix("{") ? $0 : $0 + ";" }
                    bodies.append(statements.filter { !isDeclaration($0) })
                    current = nil
                }
                continue
            }
            let opens = line.filter { $0 == "{" }.count, closes = line.filter { $0 == "}" }.count
            if depth == 0 && line == "{" { depth = 1; continue }
            depth += opens - closes
            if depth <= 0 {
                let tail = line.hasSuffix("}") ? String(line.dropLast()).trimmingSpaces() : line
                if !tail.isEmpty { current!.append(tail) }
                bodies.append(current!)
                current = nil
                continue
            }
            if line.isEmpty || isDeclaration(line) { continue }
            current!.append(String(repeating: "  ", count: max(0, depth - 1)) + line)
        }
        return bodies
    }

    /// `int r0;`, `int r1, r2;`: register declarations without initialiser.
    private static func isDeclaration(_ line: String) -> Bool {
        guard line.hasPrefix("int ") && line.hasSuffix(";") && !line.contains("=") && !line.contains("(") else { return false }
        return true
    }
}
