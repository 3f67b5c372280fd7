

/// One event of a candidate execution: a memory access, a fence, or a lock / RCU / SRCU event,
/// tagged as herd7 tags it for the LKMM (linux-kernel.bell and lock.cat).
public struct Event: Hashable, Sendable {
    /// What the event does to memory.
    public enum Kind: String, Hashable, Sendable {
        /// An ordinary read (also srcu_read_lock, failed RMWs).
        case read
        /// An ordinary write (also srcu_read_unlock, the write of an RMW, initial writes).
        case write
        /// A fence; rcu_read_lock()/rcu_read_unlock()/synchronize_rcu() are fences.
        case fence
        /// lock.cat's LKR: the read half of spin_lock() or of a successful spin_trylock().
        case lockRead
        /// lock.cat's LKW: the write half of that pair.
        case lockWrite
        /// lock.cat's UL: spin_unlock().
        case unlock
        /// lock.cat's LF: a failed spin_trylock().
        case lockFail
        /// lock.cat's RL: spin_is_locked() returning true.
        case readLocked
        /// lock.cat's RU: spin_is_locked() returning false.
        case readUnlocked
        /// synchronize_srcu() on one srcu_struct (has a location, is not an access).
        case syncSRCU
    }

    /// -1 for initial writes.
    public var thread: Int
    public var kind: Kind
    public var location: VariableIndex?
    /// The value read or written.
    public var value: Value?
    /// The access tag (nil for fences and lock events).
    public var annotation: Annotation?
    public var fence: FenceKind?
    /// Part of an RMW instruction (successful or failed).
    public var isRMW: Bool
    /// The source text of the instruction that produced the event (nil for initial writes).
    public var origin: Origin?

    public init(
        thread: Int, kind: Kind, location: VariableIndex? = nil, value: Value? = nil,
        annotation: Annotation? = nil, fence: FenceKind? = nil, isRMW: Bool = false, origin: Origin? = nil
    ) {
        self.thread = thread
        self.kind = kind
        self.location = location
        self.value = value
        self.annotation = annotation
        self.fence = fence
        self.isRMW = isRMW
        self.origin = origin
    }

    public var isInit: Bool { thread < 0 }

    /// Reads in the LKMM's sense once lock.cat has run (`R | LKR | LF | RL | RU`).
    public var isRead: Bool {
        switch kind {
        case .read, .lockRead, .lockFail, .readLocked, .readUnlocked: return true
        default: return false
        }
    }

    /// Writes in the LKMM's sense once lock.cat has run (`W | LKW | UL`).
    public var isWrite: Bool {
        switch kind {
        case .write, .lockWrite, .unlock: return true
        default: return false
        }
    }

    public var isAccess: Bool { isRead || isWrite }

    /// A lock.cat event (LKR, LKW, UL, LF, RL, RU).
    public var isLockEvent: Bool {
        switch kind {
        case .lockRead, .lockWrite, .unlock, .lockFail, .readLocked, .readUnlocked: return true
        default: return false
        }
    }
}
