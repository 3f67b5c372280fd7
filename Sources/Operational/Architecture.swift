import Litmus

/// The two operational machines.
public enum Architecture: String, CaseIterable, Sendable {
    /// x86-TSO: per-CPU FIFO store buffers over one shared memory; instructions run in order.
    case tso
    /// ARMv8: one flat shared memory; each thread performs its accesses out of order and
    /// speculatively, as far as dependencies, barriers, acquire/release and coherence allow.
    case armv8

    /// How reports name the machine: never mistaken for hardware.
    public var displayName: String {
        switch self {
        case .tso: return "x86-TSO store-buffer machine"
        case .armv8: return "ARMv8 flat out-of-order machine"
        }
    }
}

/// Why a machine will not run a test.
public enum OperationalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The test uses something the machines do not model (RCU, SRCU).
    case refused(String)
    /// Exhaustive exploration went past its state budget.
    case stateExplosion(String)

    public var description: String {
        switch self {
        case let .refused(reason): return reason
        case let .stateExplosion(reason): return "state explosion: \(reason)"
        }
    }
}
