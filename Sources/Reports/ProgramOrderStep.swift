import Litmus
import Models

/// A program-order step of a cycle (`a` before `b` in one thread) and, per model, what keeps
/// the two in order or why nothing does. The classroom wording of each model's ordering rules.
struct ProgramOrderStep {
    let a: Int, b: Int
    let execution: Execution

    var first: Event { execution.events[a] }
    var second: Event { execution.events[b] }

    /// Fences between the two in program order.
    var fencesBetween: [Event] {
        (0 ..< execution.size).filter { execution.po.contains(a, $0) && execution.po.contains($0, b) }
            .map { execution.events[$0] }.filter { $0.kind == .fence }
    }

    private var pair: String { (first.isWrite ? "W" : "R") + (second.isWrite ? "W" : "R") }

    private func fence(_ kinds: Set<FenceKind>) -> Event? {
        fencesBetween.first { $0.fence.map(kinds.contains) ?? false }
    }

    private func text(_ event: Event) -> String { event.origin?.text ?? event.fence?.rawValue ?? "fence" }

    /// Why `model` keeps the two in order; nil when nothing does.
    func orderedBy(_ model: ModelKind) -> String? {
        let x = execution
        if first.location != nil && first.location == second.location { return "they access the same location (coherence)" }
        if model == .sc { return "SC keeps program order" }
        let acquireFirst = first.isRead && (first.annotation == .acquire || first.annotation == .mb || first.kind == .lockRead)
        let releaseSecond = second.isWrite && (second.annotation == .release || second.annotation == .mb || second.kind == .unlock)
        switch model {
        case .sc:
            return "SC keeps program order"
        case .tso:
            if let f = fence([.mb, .mandatoryMB, .dmaMB, .synchronizeRCU]) { return "\(text(f)) (mfence) between them" }
            if first.isRMW || second.isRMW || first.kind == .lockRead || second.kind == .lockWrite {
                return "a locked instruction orders them"
            }
            switch pair {
            case "WW": return "x86 makes stores visible in program order"
            case "RR": return "x86 keeps loads in order"
            case "RW": return "x86 never makes a store visible before an earlier load"
            default: return nil
            }
        case .armv8:
            if let f = fence([.mb, .mandatoryMB, .dmaMB, .beforeAtomic, .afterAtomic, .afterSpinlock, .synchronizeRCU]) {
                return "\(text(f)) (dmb ish) between them"
            }
            if first.isRead, let f = fence([.rmb, .mandatoryRMB, .dmaRMB]) { return "\(text(f)) (dmb ishld) orders the load before later accesses" }
            if pair == "WW", let f = fence([.wmb, .mandatoryWMB, .dmaWMB]) { return "\(text(f)) (dmb ishst) orders the stores" }
            if acquireFirst { return "\(text(first)) is an acquire load (ldar): later accesses wait for it" }
            if releaseSecond { return "\(text(second)) is a release store (stlr): earlier accesses complete first" }
            if x.addr.contains(a, b) { return "an address dependency" }
            if x.data.contains(a, b) { return "a data dependency" }
            if x.ctrl.contains(a, b) && second.isWrite { return "a control dependency to a store" }
            return nil
        case .lkmm:
            if let f = fence([.mb, .mandatoryMB, .dmaMB, .beforeAtomic, .afterAtomic, .afterSpinlock, .afterUnlockLock, .synchronizeRCU]) {
                return "\(text(f)) between them"
            }
            if pair == "RR", let f = fence([.rmb, .mandatoryRMB, .dmaRMB]) { return "\(text(f)) orders the loads" }
            if pair == "WW", let f = fence([.wmb, .mandatoryWMB, .dmaWMB]) { return "\(text(f)) orders the stores" }
            if acquireFirst { return "\(text(first)) is an acquire: later accesses wait for it" }
            if releaseSecond { return "\(text(second)) is a release: earlier accesses come first" }
            if first.annotation == .mb || second.annotation == .mb { return "a fully ordered atomic orders them" }
            if x.addr.contains(a, b) { return "an address dependency" }
            if x.data.contains(a, b) { return "a data dependency" }
            if x.ctrl.contains(a, b) && second.isWrite { return "a control dependency to a store" }
            return nil
        }
    }

    /// Why `model` lets the two go out of order (call when ``orderedBy(_:)`` is nil). Teaching
    /// text only: what would forbid the outcome is computed (``FixSearch``), never said here.
    func reorderingReason(_ model: ModelKind) -> String {
        switch (model, pair) {
        case (.tso, _):
            return "the load can complete while the store still waits in the CPU's store buffer"
        case (.armv8, "WW"):
            return "the two stores can become visible to other CPUs in either order"
        case (.armv8, "RR"):
            return "the second load can be satisfied before the first"
        case (.armv8, "RW"):
            return "the store can become visible before the earlier load is satisfied"
        case (.armv8, _):
            return "the load can be satisfied before the earlier store is visible to other CPUs"
        case (_, "WW"):
            return "nothing orders the two stores: other CPUs may see them in either order"
        case (_, "RR"):
            return "nothing orders the two loads: the second may read an older value than the first"
        case (_, "RW"):
            return "nothing orders the load before the store"
        default:
            return "nothing orders a store before a later load"
        }
    }
}
