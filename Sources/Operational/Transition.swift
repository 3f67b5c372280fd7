import Litmus

/// What one step of a machine does.
struct Effect: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A read takes its value from memory or, by forwarding, from an earlier store of its
        /// own thread (ARMv8: not yet in memory; TSO: still in the store buffer).
        case read
        /// ARMv8: a write reaches memory. TSO: a store enters the store buffer.
        case write
        /// TSO: a locked instruction reads and writes memory at once (buffer empty).
        case atomic
        /// TSO: the oldest store of a buffer reaches memory.
        case drain
    }

    var kind: Kind
    var key: Int
    var location: Int
    var value: Value
    /// The write read from (ARMv8), or -1.
    var source: Int32 = -1
    var forwarded = false
    /// TSO atomic: the write's key and value when the RMW writes.
    var writeKey: Int? = nil
    var written: Value? = nil
}

/// One transition the machine can take from a state: numbered and described by `step`.
public struct Transition: Hashable, Sendable {
    /// Position of the thread in ``Program/threads``.
    public let thread: Int
    let effect: Effect
    /// The thread's paths that stay possible after this step.
    let candidates: PathSet
}
