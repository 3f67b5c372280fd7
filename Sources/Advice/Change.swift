import Litmus
import LitmusSyntax

/// Where a change goes: a gap between two statements of a thread, or one access.
public enum FixSlot: Hashable, Sendable {
    /// Before the statement starting at this byte offset.
    case gap(thread: Int, offset: Int)
    /// The access whose primitive starts at this byte offset.
    case access(thread: Int, offset: Int)

    public var thread: Int {
        switch self {
        case let .gap(thread, _), let .access(thread, _): return thread
        }
    }
}

/// One edit of the test: a fence inserted in a gap or an access upgraded, as source text.
public struct Change: Hashable, Sendable {
    public var slot: FixSlot
    public var option: FixOption
    public var edit: SourceEdit
    /// `P1: smp_rmb() between r0 = READ_ONCE(*y) and r1 = READ_ONCE(*x)`,
    /// `P1: READ_ONCE(*y) → smp_load_acquire(y)`.
    public var summary: String
    /// The program-order step the change orders: where its two accesses start.
    public var step: (from: SourceLocation, to: SourceLocation)

    public init(slot: FixSlot, option: FixOption, edit: SourceEdit, summary: String,
                step: (from: SourceLocation, to: SourceLocation)) {
        self.slot = slot
        self.option = option
        self.edit = edit
        self.summary = summary
        self.step = step
    }

    /// Two changes are the same edit (the step they were found for does not matter).
    public static func == (a: Change, b: Change) -> Bool { a.slot == b.slot && a.option == b.option }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(slot)
        hasher.combine(option)
    }

    /// Whether this change orders at least what `other` orders (same place, stronger option).
    func subsumes(_ other: Change) -> Bool { slot == other.slot && option.subsumes(other.option) }
}

extension FenceKind {
    /// The kernel spelling of a fence a fix may insert.
    var callName: String {
        switch self {
        case .mb: return "smp_mb"
        case .rmb: return "smp_rmb"
        case .wmb: return "smp_wmb"
        case .mandatoryMB: return "mb"
        case .mandatoryRMB: return "rmb"
        case .mandatoryWMB: return "wmb"
        case .dmaMB: return "dma_mb"
        case .dmaRMB: return "dma_rmb"
        case .dmaWMB: return "dma_wmb"
        case .afterSpinlock: return "smp_mb__after_spinlock"
        case .beforeAtomic: return "smp_mb__before_atomic"
        case .afterAtomic: return "smp_mb__after_atomic"
        default: return rawValue
        }
    }
}

/// A set of changes the search checks; at most one change per slot, except in probes.
struct Candidate: Hashable {
    var changes: [Change]

    func cost(_ model: CostModel) -> Int { changes.reduce(0) { $0 + model.cost($1.option) } }

    /// Every change of `self` is matched by an equal or stronger change in `other`: when
    /// `other` does not forbid the outcome, `self` cannot either.
    func isDominated(by other: Candidate) -> Bool {
        changes.allSatisfy { c in other.changes.contains { $0.subsumes(c) } }
    }

    /// Every change of `other` is in `self` (so `self` is not minimal when `other` works).
    func contains(_ other: Candidate) -> Bool { other.changes.allSatisfy(changes.contains) }
}
