/// One barrier of a test: a fence, or an access or RMW whose annotation orders it.
///
/// Barrier ablation ("what does each barrier buy?") removes these one at a time: a fence is
/// deleted, an acquire/release/fully-ordered access is weakened to a once access. It is a
/// Program transformation, so the harness and the models see the same variant.
public struct BarrierSite: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case fence(FenceKind)
        /// A load, store or RMW carrying this ordering annotation (acquire, release, mb).
        case orderedAccess(Annotation)
    }

    /// `n` of `Pn`.
    public var thread: Int
    /// Where the instruction sits: indices into the thread body, with an arm selector before
    /// each nested index (0 = `then` or loop body, 1 = `else`).
    public var path: [Int]
    public var kind: Kind
    public var origin: Origin
    /// `P0: smp_mb()`, with the line added when the same text occurs twice in a thread.
    public var description: String
    /// What ablating it does, in the kernel's words: `P0: smp_wmb() removed`,
    /// `P0: xchg() weakened to xchg_relaxed()`, `P1: smp_store_release() weakened to WRITE_ONCE()`.
    public var change: String {
        let name = Self.callName(origin.text)
        let line = description.hasSuffix(")") && description.contains(" (line ") ? " (line \(origin.location.line))" : ""
        let what: String
        switch kind {
        case let .fence(fenceKind):
            // smp_store_mb() lowers to a store and a fence: dropping the fence leaves WRITE_ONCE().
            what = name == "smp_store_mb" ? "smp_store_mb()\(line) weakened to WRITE_ONCE()"
                : "\(name.isEmpty ? fenceKind.rawValue : name)()\(line) removed"
        case .orderedAccess:
            let weaker = Self.relaxedForm(of: name).map { "\($0)()" } ?? "its relaxed form"
            what = "\(name)()\(line) weakened to \(weaker)"
        }
        return "P\(thread): \(what)"
    }

    public init(thread: Int, path: [Int], kind: Kind, origin: Origin, description: String) {
        self.thread = thread
        self.path = path
        self.kind = kind
        self.origin = origin
        self.description = description
    }
}

extension BarrierSite {
    /// A variant's name in reports: `as written`, `all 3 barriers removed`, or what was done to
    /// each barrier (`P0: smp_wmb() removed, P1: xchg() weakened to xchg_relaxed()`).
    public static func label(removing removed: [BarrierSite], of total: Int) -> String {
        if removed.isEmpty { return "as written" }
        if removed.count > 1 && removed.count == total { return "all \(total) barriers removed" }
        return removed.map(\.change).joined(separator: ", ")
    }

    /// `smp_store_release` from `smp_store_release(y, 1)`.
    static func callName(_ text: String) -> String {
        String(text.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
    }

    /// The primitive an ordered access becomes once its ordering is taken away (what
    /// ``Program/removing(_:)`` models: a once access or a relaxed RMW); nil when the kernel
    /// has no such spelling (`atomic_dec_and_test` has no relaxed form).
    static func relaxedForm(of name: String) -> String? {
        let fixed = [
            "smp_load_acquire": "READ_ONCE", "smp_store_release": "WRITE_ONCE", "rcu_assign_pointer": "WRITE_ONCE",
            "atomic_read_acquire": "atomic_read", "atomic_set_release": "atomic_set",
            "atomic_long_read_acquire": "atomic_long_read", "atomic_long_set_release": "atomic_long_set",
        ]
        if let weaker = fixed[name] { return weaker }
        for suffix in ["_acquire", "_release"] where name.hasSuffix(suffix) {
            let relaxed = String(name.dropLast(suffix.count)) + "_relaxed"
            return PrimitiveTable.primitive(named: relaxed) != nil ? relaxed : nil
        }
        let relaxed = name + "_relaxed"
        return PrimitiveTable.primitive(named: relaxed) != nil ? relaxed : nil
    }
}

/// A test with some of its barriers removed.
public struct BarrierVariant: Hashable, Sendable {
    /// Empty for the test as written.
    public var removed: [BarrierSite]
    public var program: Program

    public init(removed: [BarrierSite], program: Program) {
        self.removed = removed
        self.program = program
    }
}

extension Program {
    /// Every barrier of the test, thread by thread in program order.
    ///
    /// RCU read-side markers and grace periods are not barriers to ablate; neither are lock
    /// operations, whose ordering is part of what a lock is.
    public var barriers: [BarrierSite] {
        var sites: [BarrierSite] = []
        for thread in threads {
            var found: [BarrierSite] = []
            collectBarriers(in: thread.body, thread: thread.index, prefix: [], into: &found)
            var seen: [String: Int] = [:]
            for site in found { seen["P\(site.thread): \(site.origin.text)", default: 0] += 1 }
            for var site in found {
                let plain = "P\(site.thread): \(site.origin.text)"
                site.description = seen[plain, default: 0] > 1 ? "\(plain) (line \(site.origin.location.line))" : plain
                sites.append(site)
            }
        }
        return sites
    }

    /// The test without the given barriers: fences deleted, ordered accesses weakened to once.
    public func removing(_ sites: [BarrierSite]) -> Program {
        var copy = self
        for site in sites where copy.threads.indices.contains(site.thread) {
            copy.threads[site.thread].body = Self.applyRemoval(copy.threads[site.thread].body, path: site.path[...])
        }
        // Deleting a fence shifts later indices; deletions were addressed before any shift,
        // so fences are only marked above and dropped here.
        for t in copy.threads.indices {
            copy.threads[t].body = Self.dropRemovedFences(copy.threads[t].body)
        }
        return copy
    }

    /// The ablation set: the test as written, each barrier removed alone, and (when there are
    /// two or more) all of them removed.
    public var barrierVariants: [BarrierVariant] {
        let all = barriers
        var variants = [BarrierVariant(removed: [], program: self)]
        for site in all { variants.append(BarrierVariant(removed: [site], program: removing([site]))) }
        if all.count > 1 { variants.append(BarrierVariant(removed: all, program: removing(all))) }
        return variants
    }

    private func collectBarriers(
        in body: [Instruction], thread: Int, prefix: [Int], into sites: inout [BarrierSite]
    ) {
        for (index, instruction) in body.enumerated() {
            let path = prefix + [index]
            func add(_ kind: BarrierSite.Kind, _ origin: Origin) {
                sites.append(BarrierSite(thread: thread, path: path, kind: kind, origin: origin, description: ""))
            }
            switch instruction {
            case let .fence(fence) where Self.isAblatable(fence.kind):
                add(.fence(fence.kind), fence.origin)
            case let .load(load) where load.annotation == .acquire:
                add(.orderedAccess(.acquire), load.origin)
            case let .store(store) where store.annotation == .release:
                add(.orderedAccess(.release), store.origin)
            case let .rmw(rmw) where [.acquire, .release, .mb].contains(rmw.annotation):
                add(.orderedAccess(rmw.annotation), rmw.origin)
            case let .branch(_, then, otherwise):
                collectBarriers(in: then, thread: thread, prefix: path + [0], into: &sites)
                collectBarriers(in: otherwise, thread: thread, prefix: path + [1], into: &sites)
            case let .loop(_, loopBody):
                collectBarriers(in: loopBody, thread: thread, prefix: path + [0], into: &sites)
            default:
                break
            }
        }
    }

    private static func isAblatable(_ kind: FenceKind) -> Bool {
        switch kind {
        case .rcuReadLock, .rcuReadUnlock, .synchronizeRCU: return false
        default: return true
        }
    }

    /// Marks a fence for deletion (as a compiler barrier with an empty origin sentinel) or
    /// weakens an access in place.
    private static func applyRemoval(_ body: [Instruction], path: ArraySlice<Int>) -> [Instruction] {
        guard let index = path.first, body.indices.contains(index) else { return body }
        var body = body
        let rest = path.dropFirst()
        switch body[index] {
        case let .branch(condition, then, otherwise) where !rest.isEmpty:
            let arm = rest.first!
            let inner = rest.dropFirst()
            body[index] = arm == 0
                ? .branch(condition: condition, then: applyRemoval(then, path: inner), otherwise: otherwise)
                : .branch(condition: condition, then: then, otherwise: applyRemoval(otherwise, path: inner))
        case let .loop(condition, loopBody) where !rest.isEmpty:
            body[index] = .loop(condition: condition, body: applyRemoval(loopBody, path: rest.dropFirst()))
        case let .fence(fence):
            body[index] = .fence(Fence(kind: fence.kind, origin: Origin(text: removedMarker, location: fence.origin.location)))
        case var .load(load):
            load.annotation = .once
            load.origin.text += weakenedSuffix
            if load.origin.macroTags != nil { load.origin.macroTags = ["ONCE"] }  // a .def's tag goes too
            body[index] = .load(load)
        case var .store(store):
            store.annotation = .once
            store.origin.text += weakenedSuffix
            if store.origin.macroTags != nil { store.origin.macroTags = ["ONCE"] }  // a .def's tag goes too
            body[index] = .store(store)
        case var .rmw(rmw):
            rmw.annotation = .once
            rmw.origin.text += weakenedSuffix
            if rmw.origin.macroTags != nil { rmw.origin.macroTags = ["ONCE"] }  // a .def's tag goes too
            body[index] = .rmw(rmw)
        default:
            break
        }
        return body
    }

    private static func dropRemovedFences(_ body: [Instruction]) -> [Instruction] {
        body.compactMap { instruction in
            switch instruction {
            case let .fence(fence) where fence.origin.text == removedMarker:
                return nil
            case let .branch(condition, then, otherwise):
                return .branch(condition: condition, then: dropRemovedFences(then), otherwise: dropRemovedFences(otherwise))
            case let .loop(condition, loopBody):
                return .loop(condition: condition, body: dropRemovedFences(loopBody))
            default:
                return instruction
            }
        }
    }

    /// Origin text of a fence about to be deleted; no source text can produce it.
    private static let removedMarker = "\u{0}removed"
    /// Appended to a weakened access's origin so explanations do not claim its old ordering.
    static let weakenedSuffix = " (weakened to once)"
}
