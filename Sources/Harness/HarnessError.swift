import Litmus

/// Why a test cannot run on hardware. Each case is a user-facing message.
public enum HarnessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// RCU or SRCU grace periods: their meaning needs the model, not a few loads and stores.
    case needsModel(test: String, construct: String, location: String)
    case tooManyThreads(test: String, count: Int, limit: Int)
    case noThreads(test: String)
    case invalidParameter(String)
    case tooMuchMemory(test: String, bytes: Int, limit: Int)
    case threadStartFailed(String)
    /// Perpetual mode cannot decode this test's outcomes (the message says why).
    case perpetualUnsupported(String)

    /// The harness declines the test itself (not the user's parameters): `--check` skips it.
    public var isRefusal: Bool {
        switch self {
        case .needsModel, .tooManyThreads, .perpetualUnsupported: return true
        default: return false
        }
    }

    /// `file:line:column` of the construct at fault, when there is one.
    public var location: String? {
        if case let .needsModel(_, _, location) = self { return location }
        return nil
    }

    /// `file:line:column: error: message` when located, else the message alone.
    public var description: String {
        location.map { "\($0): error: \(message)" } ?? message
    }

    public var message: String {
        switch self {
        case let .needsModel(test, construct, _):
            return "\(test) uses \(construct): RCU and SRCU grace periods cannot be run faithfully on hardware by this harness; study this test with `litmus check`"
        case let .tooManyThreads(test, count, limit):
            return "\(test) has \(count) threads; the harness runs at most \(limit)"
        case let .noThreads(test):
            return "\(test) has no threads to run"
        case let .invalidParameter(message), let .perpetualUnsupported(message):
            return message
        case let .tooMuchMemory(test, bytes, limit):
            return "\(test) would need \(bytes / (1 << 20)) MiB of test memory per batch (limit \(limit / (1 << 20)) MiB); use a smaller --batch or --layout packed"
        case let .threadStartFailed(message):
            return "could not start test threads: \(message)"
        }
    }
}
