import Foundation
import LitmusSyntax

/// Reading litmus files, with failures reported as diagnostics like any other error.
public enum SourceFile {
    /// The text of the file at `path` (invalid UTF-8 is replaced, so the lexer reports it).
    public static func read(_ path: String) throws(DiagnosticError) -> String {
        var isDirectory: ObjCBool = false
        let reason: String
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            reason = "no such file"
        } else if isDirectory.boolValue {
            reason = "is a directory, not a litmus file"
        } else if let data = FileManager.default.contents(atPath: path) {
            return String(decoding: data, as: UTF8.self)
        } else {
            reason = "cannot read file"
        }
        throw DiagnosticError(Diagnostic(reason, at: SourceLocation(file: path, line: 0, column: 0)))
    }
}
