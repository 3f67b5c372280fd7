import Litmus
import Models

/// What a fix may do at one place of a thread: put a fence in a gap between two accesses, or
/// give an access (or RMW) a stronger ordering.
public enum FixOption: Hashable, Sendable {
    case fence(FenceKind)
    /// `READ_ONCE` → `smp_load_acquire`, `atomic_read` → `atomic_read_acquire`.
    case acquire
    /// `WRITE_ONCE` → `smp_store_release`, `atomic_set` → `atomic_set_release`.
    case release
    /// A relaxed, acquire or release RMW → its fully ordered form (`xchg_relaxed` → `xchg`).
    case fullyOrdered

    /// Whether this option orders at least what `other` orders at the same place, under every
    /// model we have (a full fence subsumes the read and write fences; mandatory and DMA
    /// barriers are modelled as their SMP counterparts).
    func subsumes(_ other: FixOption) -> Bool {
        if self == other { return true }
        guard case let .fence(a) = self, case let .fence(b) = other else { return false }
        return a.lkmmKind == .mb || a.lkmmKind == b.lkmmKind
    }
}

/// The price of each option on one architecture, as Linux compiles it there. Costs are ranks,
/// not cycles: the order is what the search uses ("stop at the cheapest level that works").
///
/// arm64 (arch/arm64/include/asm/barrier.h, atomic_ll_sc.h / atomic_lse.h):
///   1  `smp_rmb()` = `dmb ishld`, `smp_wmb()` = `dmb ishst`, `dma_rmb()` = `dmb oshld`,
///      `dma_wmb()` = `dmb oshst`
///   2  `smp_load_acquire()` = `ldar`, `smp_store_release()` = `stlr`, an acquire or release RMW
///      (`ldaxr`/`stlxr`, `swpa`/`swpl`)
///   3  `smp_mb()` = `dmb ish`, `dma_mb()` = `dmb osh`, a fully ordered RMW (`...al` forms, or
///      LL/SC followed by `dmb ish`), `smp_mb__after_spinlock()`, `smp_mb__before_atomic()`,
///      `smp_mb__after_atomic()` (each `dmb ish`)
///   4  `rmb()` = `dsb ld`, `wmb()` = `dsb st`
///   5  `mb()` = `dsb sy`
/// x86-64 (arch/x86/include/asm/barrier.h): only a full fence costs anything.
///   0  `smp_rmb()`, `smp_wmb()`, `dma_rmb()`, `dma_wmb()` (compiler barriers), acquire loads and
///      release stores (plain `mov`), every RMW (already `lock`-prefixed), and the
///      `smp_mb__after_spinlock()` / `smp_mb__{before,after}_atomic()` next to one
///   1  `smp_mb()` = `lock; addl $0,-4(%rsp)`, `dma_mb()` (the same)
///   2  `rmb()` = `lfence`, `wmb()` = `sfence`, `mb()` = `mfence`
public enum CostModel: String, CaseIterable, Sendable {
    case arm64
    case x86_64 = "x86-64"

    /// The architecture whose cost a model's advice is priced in by default: the model's own
    /// machine, and arm64 for the LKMM (where barriers cost most, so the ranking matters).
    public static func natural(for model: ModelKind) -> CostModel { model == .tso ? .x86_64 : .arm64 }

    public func cost(_ option: FixOption) -> Int {
        switch (self, option) {
        case (.arm64, .fence(let kind)):
            switch kind {
            case .rmb, .wmb, .dmaRMB, .dmaWMB: return 1
            case .mb, .dmaMB: return 3
            case .mandatoryRMB, .mandatoryWMB: return 4
            case .mandatoryMB: return 5
            default: return 3
            }
        case (.arm64, .acquire), (.arm64, .release): return 2
        case (.arm64, .fullyOrdered): return 3
        case (.x86_64, .fence(let kind)):
            switch kind {
            case .mb, .dmaMB: return 1
            case .afterSpinlock, .beforeAtomic, .afterAtomic: return 0
            case .mandatoryMB, .mandatoryRMB, .mandatoryWMB: return 2
            default: return 0
            }
        case (.x86_64, _): return 0
        }
    }

    /// What the option compiles to here, for the report (`dmb ishld`).
    public func instruction(_ option: FixOption) -> String {
        switch (self, option) {
        case (.arm64, .fence(let kind)):
            switch kind {
            case .rmb: return "dmb ishld"
            case .wmb: return "dmb ishst"
            case .mb: return "dmb ish"
            case .dmaRMB: return "dmb oshld"
            case .dmaWMB: return "dmb oshst"
            case .dmaMB: return "dmb osh"
            case .mandatoryRMB: return "dsb ld"
            case .mandatoryWMB: return "dsb st"
            case .mandatoryMB: return "dsb sy"
            default: return "dmb ish"
            }
        case (.arm64, .acquire): return "ldar"
        case (.arm64, .release): return "stlr"
        case (.arm64, .fullyOrdered): return "a fully ordered RMW (ldaxr/stlxr; dmb ish)"
        case (.x86_64, .fence(let kind)):
            switch kind {
            case .mb, .dmaMB: return "lock addl"
            case .mandatoryMB: return "mfence"
            case .mandatoryRMB: return "lfence"
            case .mandatoryWMB: return "sfence"
            case .afterSpinlock, .beforeAtomic, .afterAtomic: return "nothing (the locked instruction orders)"
            default: return "compiler barrier"
            }
        case (.x86_64, .acquire): return "mov"
        case (.x86_64, .release): return "mov"
        case (.x86_64, .fullyOrdered): return "a locked RMW, as before"
        }
    }
}
