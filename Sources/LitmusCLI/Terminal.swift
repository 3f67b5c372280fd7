import Foundation
import Litmus
import Reports

/// Where human output goes, and whether it may be coloured.
enum Terminal {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Colours on stdout only when it is a terminal and NO_COLOR is unset.
    static var outputStyle: Style { Style.detect(fileDescriptor: 1, environment: environment) }
    static var errorStyle: Style { Style.detect(fileDescriptor: 2, environment: environment) }

    /// A test's warnings (likely typos in its condition) go to stderr: stdout stays as herd7's.
    static func warn(_ program: Program) {
        for warning in program.warnings { error(warning) }
    }

    /// stdout is flushed first: in one pipe, a diagnostic then lands between whole stdout lines.
    static func error(_ message: String) {
        fflush(nil)  // every C output stream, stdout included
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }
}
