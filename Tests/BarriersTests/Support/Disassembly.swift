/// A disassembly listing (`objdump -d --no-show-raw-insn` or `llvm-objdump`, AT&T syntax
/// on x86) split into functions, with each instruction reduced to what ordering depends on.
struct Disassembly {
    /// Instruction lines of each function, whitespace-normalised, without padding or `ret`.
    private(set) var functions: [String: [String]] = [:]

    init(listing: String) {
        var current: String?
        var pendingPrefix = ""
        for rawLine in listing.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if let name = Disassembly.functionHeader(line) {
                current = name
                functions[name] = []
                continue
            }
            guard let function = current, let instruction = Disassembly.instructionText(line) else { continue }
            if instruction == "lock" {  // llvm-objdump prints the prefix on a line of its own
                pendingPrefix = "lock "
                continue
            }
            let text = pendingPrefix + instruction
            pendingPrefix = ""
            if Disassembly.isPaddingOrReturn(text) { continue }
            functions[function, default: []].append(text)
        }
    }

    /// The function whose (possibly Swift-mangled) symbol names exactly `name`.
    func body(of name: String) -> [String]? {
        if let body = functions[name] { return body }
        // Swift mangling (`$s`, `$e` in Embedded Swift) spells identifiers as <length><name>; the length keeps
        // probe_mb_read from matching probe_mb_read_full.
        let spelled = "\(name.utf8.count)\(name)"
        let matches = functions.filter { ($0.key.hasPrefix("$s") || $0.key.hasPrefix("$e")) && $0.key.contains(spelled) }
        return matches.count == 1 ? matches.first!.value : nil
    }

    /// The instructions that decide ordering on x86-64: fences and memory-operand
    /// instructions, by mnemonic (operands kept for `lock add`, whose stack slot matters).
    static func x86Ordering(_ body: [String]) -> [String] {
        body.compactMap { text in
            let mnemonic = text.split(separator: " ").prefix(text.hasPrefix("lock ") ? 2 : 1).joined(separator: " ")
            if ["mfence", "lfence", "sfence", "pause"].contains(mnemonic) { return mnemonic }
            guard text.contains("("), !mnemonic.hasPrefix("lea") else { return nil }
            if mnemonic.hasPrefix("lock add") { return decimalImmediates(text.replacingOccurrences(of: ", ", with: ",")) }
            return normaliseX86Mnemonic(mnemonic)
        }
    }

    /// The instructions that decide ordering on arm64: memory accesses, barriers and the
    /// register-to-register ALU step of an LL/SC loop, with registers reduced to their class
    /// (`ldxrb w8, [x0]` becomes `ldxrb w [x]`).
    static func arm64Ordering(_ body: [String]) -> [String] {
        body.compactMap { text in
            let normalised = text
                .replacingMatches(of: #"\b([wx])([0-9]+|zr)\b"#, with: "$1")
                .replacingOccurrences(of: ",", with: "")
            let mnemonic = normalised.split(separator: " ").first.map(String.init) ?? ""
            if mnemonic.range(of: #"^(ld|st|swp|cas|dmb|dsb|isb|yield)"#, options: .regularExpression) != nil {
                return normalised
            }
            if ["add", "sub", "and", "orr", "eor", "bic"].contains(mnemonic),
               normalised.range(of: #"^\w+ [wx] [wx] [wx]$"#, options: .regularExpression) != nil {
                return normalised
            }
            return nil
        }
    }

    /// Spells hex numbers in decimal: GNU objdump writes `$0x0,-0x4`, llvm-objdump `$0,-4`.
    private static func decimalImmediates(_ text: String) -> String {
        var result = text
        while let match = result.range(of: #"0x[0-9a-f]+"#, options: .regularExpression) {
            let value = Int(result[match].dropFirst(2), radix: 16) ?? 0
            result.replaceSubrange(match, with: String(value))
        }
        return result
    }

    private static func normaliseX86Mnemonic(_ mnemonic: String) -> String {
        var parts = mnemonic.split(separator: " ").map(String.init)
        guard var last = parts.popLast() else { return mnemonic }
        if last.hasPrefix("mov") {
            last = "mov"
        } else {
            for base in ["cmpxchg", "xchg", "xadd"] where last.hasPrefix(base) && last.count == base.count + 1 {
                last = base  // llvm-objdump adds the size suffix GNU objdump leaves out
            }
        }
        return (parts + [last]).joined(separator: " ")
    }

    private static func functionHeader(_ line: String) -> String? {
        guard line.hasSuffix(">:"), let open = line.firstIndex(of: "<"),
              line[line.startIndex..<open].trimmingCharacters(in: .whitespaces).allSatisfy(\.isHexDigit)
        else { return nil }
        return String(line[line.index(after: open)..<line.index(line.endIndex, offsetBy: -2)])
    }

    private static func instructionText(_ line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let address = line[line.startIndex..<colon].trimmingCharacters(in: .whitespaces)
        guard !address.isEmpty, address.allSatisfy(\.isHexDigit) else { return nil }
        var text = String(line[line.index(after: colon)...])
        if let comment = text.range(of: " #") ?? text.range(of: "//") { text = String(text[..<comment.lowerBound]) }
        if let target = text.range(of: " <") { text = String(text[..<target.lowerBound]) }
        text = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        return text.isEmpty ? nil : text
    }

    private static func isPaddingOrReturn(_ text: String) -> Bool {
        let first = text.split(separator: " ").first.map(String.init) ?? ""
        return first.hasPrefix("nop") || first.hasPrefix("ret") || first == "data16" || first == "cs"
            || first == "int3" || first == "hint" || text == "xchg %ax,%ax" || first == "udf"
    }
}

extension String {
    fileprivate func replacingMatches(of pattern: String, with template: String) -> String {
        replacingOccurrences(of: pattern, with: template, options: .regularExpression)
    }
}
