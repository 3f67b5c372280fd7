#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Colours for human output: only on a terminal, never when `NO_COLOR` is set (no-color.org)
/// or `TERM=dumb`. Machine formats never use it.
public struct Style: Sendable {
    public var colours: Bool

    public init(colours: Bool) { self.colours = colours }

    public static let plain = Style(colours: false)

    /// The style for a stream: colours when it is a terminal and the environment allows.
    public static func detect(fileDescriptor: Int32, environment: [String: String]) -> Style {
        Style(colours: allowsColour(environment) && isatty(fileDescriptor) == 1)
    }

    /// `NO_COLOR` set to anything (even empty) or `TERM=dumb` turns colours off.
    public static func allowsColour(_ environment: [String: String]) -> Bool {
        environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func red(_ text: String) -> String { wrap(text, "1;31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func dim(_ text: String) -> String { wrap(text, "2") }

    private func wrap(_ text: String, _ code: String) -> String {
        colours && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Plain-text helpers shared by the human formats.
enum Text {
    /// `1234567` → `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Fixed-point with `places` decimals, without Foundation's locale.
    static func fixed(_ x: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0 ..< places { scale *= 10 }
        let scaled = Int((x * scale).rounded())
        let whole = scaled / Int(scale), fraction = abs(scaled % Int(scale))
        guard places > 0 else { return String(whole) }
        let digits = String(fraction)
        return (x < 0 && whole == 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }

    /// `4.8 M/s`, `920 K/s`, `35/s`.
    static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return fixed(perSecond / 1e6, 1) + " M/s" }
        if perSecond >= 1e3 { return fixed(perSecond / 1e3, 1) + " K/s" }
        return fixed(perSecond, 0) + "/s"
    }

    /// A witness rate: `0`, `1 in 2,345`, `12.3%`.
    static func fraction(_ part: Int, of whole: Int) -> String {
        guard part > 0, whole > 0 else { return "0" }
        let share = Double(part) / Double(whole)
        if share >= 0.001 { return fixed(share * 100, 2) + "%" }
        return "1 in " + grouped(Int((Double(whole) / Double(part)).rounded()))
    }

    /// Left-aligned to `width` (visible characters; no colour codes inside).
    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func padLeft(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    static func plural(_ n: Int, _ word: String, plural: String? = nil) -> String {
        "\(grouped(n)) \(n == 1 ? word : plural ?? word + "s")"
    }

    /// A share as a whole percentage, `93%`; `<1%` rather than a misleading `0%` for a few.
    static func percent(_ share: Double) -> String {
        if share > 0 && share < 0.005 { return "<1%" }
        return "\(Int((share * 100).rounded()))%"
    }
}
