import LitmusSyntax

/// An error in a cat, bell, def or cfg file, or while evaluating a model: located when it
/// comes from a place in a file, rendered `file:line:col: error: ...` with the line and a caret.
public struct CatError: Error, CustomStringConvertible, Sendable {
    public var diagnostic: Diagnostic
    /// The text the location points into (filled in by whoever read the file).
    public var source: String

    init(_ message: String, at location: SourceLocation, source: String = "") {
        diagnostic = Diagnostic(message, at: location)
        self.source = source
    }

    /// An error about a whole file or the command line (no position).
    init(_ message: String, file: String) {
        self.init(message, at: SourceLocation(file: file, line: 0, column: 0))
    }

    public var message: String { diagnostic.message }
    public var location: SourceLocation { diagnostic.location }
    public var description: String { diagnostic.rendered(source: source) }
}
