import Foundation
import Litmus
import Models

/// The annotation tags herd7 gives our events under the LKMM's `.bell` and `.def`: the `.def`'s
/// tag for the event's primitive when a `.def` is given, else the tag our table implies.
struct EventTags: Sendable {
    let macros: MacroFile?

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

    /// The primitive an event comes from: `smp_load_acquire` in `r0 = smp_load_acquire(x)`.
    static func primitive(of e: Event) -> String? {
        guard let text = e.origin?.text else { return nil }
        var name: [UInt8] = []
        for byte in text.utf8 {
            if byte == UInt8(ascii: "(") { return name.isEmpty ? nil : String(decoding: name, as: UTF8.self) }
            if byte == UInt8(ascii: "=") { name = [] } else if byte != 0x20 && byte != 0x09 { name.append(byte) }
        }
        return nil
    }

    func tags(_ e: Event) -> Set<String> {
        if let macros, !e.isInit, !e.isLockEvent, let p = Self.primitive(of: e),
           let tag = macros.tag(primitive: p, isFence: e.kind == .fence, isSRCU: e.kind == .syncSRCU) {
            return tag.map { [$0] } ?? []
        }
        return Self.defaultTag(e).map { [$0] } ?? []
    }

    func tags(of x: Execution) -> [Set<String>] { x.events.map(tags) }
}
