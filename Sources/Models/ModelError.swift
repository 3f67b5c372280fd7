/// Why a program could not be checked.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Too many candidate executions; the message gives the sizes involved.
    case stateExplosion(String)
    /// The program uses something the models cannot interpret.
    case unsupported(String)

    public var description: String {
        switch self {
        case let .stateExplosion(message): return "state explosion: \(message)"
        case let .unsupported(message): return "unsupported: \(message)"
        }
    }
}
