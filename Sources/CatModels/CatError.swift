import LitmusSyntax

/// An error in a cat, bell, def or cfg file, or while evaluating a model: located when it
/// comes from a place in a file, rendered `file:line:col: error: ...` with the line and a caret.
public struct CatError: Error, CustomStringConvertible, Sendable {
    public var diagnostic: Diagnostic
    /// The text the location points into (filled in by whoever read the file).
    public var source: String
    /// The value needed depends on rf/co in a way compiled models do not express (a `match`
    /// on it, `linearisations` of it): evaluate the model for each candidate instead.
    var needsCandidate = false

    init(_ message: String, at location: SourceLocation, source: String = "") {
        diagnostic = Diagnostic(message, at: location)
        self.source = source
    }

    /// An error about a whole file or the command line (no position).
    init(_ message: String, file: String) {
        self.init(message, at: SourceLocation(file: file, line: 0, column: 0))
    }

    /// A value that depends on rf/co where a fixed one is needed.
    static func needsCandidate(_ what: String, at location: SourceLocation) -> CatError {
        var e = CatError("\(what) depends on rf or co here: evaluated for each candidate", at: location)
        e.needsCandidate = true
        return e
    }

    public var message: String { diagnostic.message }
    public var location: SourceLocation { diagnostic.location }
    public var description: String { diagnostic.rendered(source: source) }
}
