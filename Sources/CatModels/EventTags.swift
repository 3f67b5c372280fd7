import Foundation
import Litmus
import Models

/// The annotation tags herd7 gives our events under the LKMM's `.bell` and `.def`: those the
/// `.def`'s expansion named when the test was lowered through one (`Origin.macroTags`), else
/// the tag our table implies (the names linux-kernel.def uses).
enum EventTags {

    /// Tags our own primitive table implies (the names linux-kernel.def uses).
    static func defaultTag(_ e: Event) -> String? {
        if e.isInit || e.isLockEvent { return nil }
        if e.kind == .syncSRCU { return "sync-srcu" }
        if e.kind == .fence, let f = e.fence {
            switch f.lkmmKind {
            case .mb: return "MB"
            case .rmb: return "rmb"
            case .wmb: return "wmb"
            case .beforeAtomic: return "before-atomic"
            case .afterAtomic: return "after-atomic"
            case .afterSpinlock: return "after-spinlock"
            case .afterUnlockLock: return "after-unlock-lock"
            case .afterSRCUReadUnlock: return "after-srcu-read-unlock"
            case .compilerBarrier: return "barrier"
            case .rcuReadLock: return "rcu-lock"
            case .rcuReadUnlock: return "rcu-unlock"
            case .synchronizeRCU: return "sync-rcu"
            default: return nil
            }
        }
        switch e.annotation {
        case .once: return "ONCE"
        case .acquire: return "ACQUIRE"
        case .release: return "RELEASE"
        case .mb: return "MB"
        case .noReturn: return "NORETURN"
        case .srcuLock: return "srcu-lock"
        case .srcuUnlock: return "srcu-unlock"
        case .plain, nil: return nil
        }
    }

    static let defaultTags: Set<String> = [
        "ONCE", "ACQUIRE", "RELEASE", "MB", "NORETURN", "srcu-lock", "srcu-unlock", "sync-srcu", "rmb", "wmb",
        "before-atomic", "after-atomic", "after-spinlock", "after-unlock-lock", "after-srcu-read-unlock",
        "barrier", "rcu-lock", "rcu-unlock", "sync-rcu",
    ]

    /// The event's tags: the `.def`'s (carried by its origin) when the test was lowered
    /// through one, else the tag our table implies.
    static func tags(_ e: Event) -> Set<String> {
        if e.isInit || e.isLockEvent { return [] }
        if let tags = e.origin?.macroTags { return Set(tags) }
        return defaultTag(e).map { [$0] } ?? []
    }

    static func tags(of x: Execution) -> [Set<String>] { x.events.map(tags) }
}
