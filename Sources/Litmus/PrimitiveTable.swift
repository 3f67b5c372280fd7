/// How one kernel primitive lowers onto the core, following herd7's `linux-kernel.def`
/// (ARCHITECTURE.md, "primitives are a table, not grammar").
enum Primitive: Hashable, Sendable {
    /// How an access names its memory: `READ_ONCE(*x)` takes a location, `smp_load_acquire(x)` a pointer.
    enum AddressForm: Hashable, Sendable { case location, pointer }
    /// Where an atomic's operand comes from: the first argument (`atomic_add(V, X)`) or a constant (`atomic_inc(X)`).
    enum Operand: Hashable, Sendable { case argument, constant(Int) }

    case load(Annotation, AddressForm)
    case store(Annotation, AddressForm)
    /// `smp_store_mb`: a once store followed by a full fence.
    case storeThenFence(Annotation, FenceKind)
    case fence(FenceKind)
    case exchange(Annotation)
    case compareExchange(Annotation)
    /// `atomic_add(V, X)`: no return value.
    case atomicOp(RMWArithmetic, Operand)
    case opReturn(RMWArithmetic, Annotation, Operand)
    case fetchOp(RMWArithmetic, Annotation, Operand)
    /// `atomic_dec_and_test`, `atomic_add_negative`: an op-return whose result is compared with 0.
    case opReturnTest(RMWArithmetic, Annotation, Operand, BinaryOperator)
    case addUnless(Annotation)
    case lock(LockOperation.Kind)
    case synchronizeSRCU

    /// How many arguments the call takes.
    var arity: Int {
        switch self {
        case .fence: return 0
        case .load, .lock, .synchronizeSRCU: return 1
        case .store, .storeThenFence, .exchange: return 2
        case .compareExchange, .addUnless: return 3
        case let .atomicOp(_, operand), let .opReturn(_, _, operand), let .fetchOp(_, _, operand),
             let .opReturnTest(_, _, operand, _):
            return operand == .argument ? 2 : 1
        }
    }

    var returnsValue: Bool {
        switch self {
        case .load, .exchange, .compareExchange, .opReturn, .fetchOp, .opReturnTest, .addUnless: return true
        case let .lock(kind): return kind == .tryLock || kind == .isLocked
        case .store, .storeThenFence, .fence, .atomicOp, .synchronizeSRCU: return false
        }
    }
}

/// The table itself: every primitive name a test may call.
enum PrimitiveTable {
    static func primitive(named name: String) -> Primitive? { table[name] }

    /// herd7's C11 atomics: valid herd7 C, but outside the LKMM this tool lowers.
    static func isC11Atomic(_ name: String) -> Bool {
        name == "atomic_thread_fence" || name == "atomic_signal_fence"
            || (name.hasPrefix("atomic_") && (name.hasSuffix("_explicit") || c11Plain.contains(name)))
    }

    private static let c11Plain: Set<String> = [
        "atomic_load", "atomic_store", "atomic_exchange", "atomic_compare_exchange_strong",
        "atomic_compare_exchange_weak", "atomic_init",
    ]

    /// The known name closest to `name` (edit distance), for "did you mean" diagnostics.
    static func closestName(to name: String) -> String? {
        closest(to: name, among: table.keys.sorted())
    }

    /// The candidate closest to `name`, when close enough to be a plausible typo.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.utf8)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let d = editDistance(target, Array(candidate.utf8))
            if d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        guard let best, best.distance < target.count, best.distance <= max(1, target.count / 3) else { return nil }
        return best.name
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    private static let orderings: [(suffix: String, annotation: Annotation)] = [
        ("", .mb), ("_relaxed", .once), ("_acquire", .acquire), ("_release", .release),
    ]

    static let table: [String: Primitive] = {
        var t: [String: Primitive] = [
            "READ_ONCE": .load(.once, .location),
            "WRITE_ONCE": .store(.once, .location),
            "smp_load_acquire": .load(.acquire, .pointer),
            "smp_store_release": .store(.release, .pointer),
            "rcu_dereference": .load(.once, .location),
            "rcu_assign_pointer": .store(.release, .location),
            "smp_store_mb": .storeThenFence(.once, .mb),
            "smp_mb": .fence(.mb),
            "smp_rmb": .fence(.rmb),
            "smp_wmb": .fence(.wmb),
            "smp_mb__before_atomic": .fence(.beforeAtomic),
            "smp_mb__after_atomic": .fence(.afterAtomic),
            "smp_mb__after_spinlock": .fence(.afterSpinlock),
            "smp_mb__after_unlock_lock": .fence(.afterUnlockLock),
            "smp_mb__after_srcu_read_unlock": .fence(.afterSRCUReadUnlock),
            "barrier": .fence(.compilerBarrier),
            "mb": .fence(.mandatoryMB),
            "rmb": .fence(.mandatoryRMB),
            "wmb": .fence(.mandatoryWMB),
            "dma_mb": .fence(.dmaMB),
            "dma_rmb": .fence(.dmaRMB),
            "dma_wmb": .fence(.dmaWMB),
            "spin_lock": .lock(.lock),
            "spin_unlock": .lock(.unlock),
            "spin_trylock": .lock(.tryLock),
            "spin_is_locked": .lock(.isLocked),
            "rcu_read_lock": .fence(.rcuReadLock),
            "rcu_read_unlock": .fence(.rcuReadUnlock),
            "synchronize_rcu": .fence(.synchronizeRCU),
            "synchronize_rcu_expedited": .fence(.synchronizeRCU),
            "srcu_read_lock": .load(.srcuLock, .pointer),
            "srcu_read_unlock": .store(.srcuUnlock, .pointer),
            "srcu_down_read": .load(.srcuLock, .pointer),
            "srcu_up_read": .store(.srcuUnlock, .pointer),
            "synchronize_srcu": .synchronizeSRCU,
            "synchronize_srcu_expedited": .synchronizeSRCU,
        ]
        for (suffix, annotation) in orderings {
            t["xchg" + suffix] = .exchange(annotation)
            t["cmpxchg" + suffix] = .compareExchange(annotation)
        }
        var atomics: [String: Primitive] = [
            "atomic_read": .load(.once, .pointer),
            "atomic_set": .store(.once, .pointer),
            "atomic_read_acquire": .load(.acquire, .pointer),
            "atomic_set_release": .store(.release, .pointer),
            "atomic_inc": .atomicOp(.add, .constant(1)),
            "atomic_dec": .atomicOp(.sub, .constant(1)),
            "atomic_sub_and_test": .opReturnTest(.sub, .mb, .argument, .equal),
            "atomic_dec_and_test": .opReturnTest(.sub, .mb, .constant(1), .equal),
            "atomic_inc_and_test": .opReturnTest(.add, .mb, .constant(1), .equal),
            "atomic_add_unless": .addUnless(.mb),
        ]
        let arithmetic: [(String, RMWArithmetic)] = [
            ("add", .add), ("sub", .sub), ("and", .and), ("or", .or), ("xor", .xor), ("andnot", .andNot),
        ]
        for (name, op) in arithmetic { atomics["atomic_" + name] = .atomicOp(op, .argument) }
        for (suffix, annotation) in orderings {
            for (name, op) in arithmetic {
                atomics["atomic_fetch_\(name)\(suffix)"] = .fetchOp(op, annotation, .argument)
            }
            for (name, op) in arithmetic.prefix(2) {
                atomics["atomic_\(name)_return\(suffix)"] = .opReturn(op, annotation, .argument)
            }
            atomics["atomic_inc_return" + suffix] = .opReturn(.add, annotation, .constant(1))
            atomics["atomic_dec_return" + suffix] = .opReturn(.sub, annotation, .constant(1))
            atomics["atomic_fetch_inc" + suffix] = .fetchOp(.add, annotation, .constant(1))
            atomics["atomic_fetch_dec" + suffix] = .fetchOp(.sub, annotation, .constant(1))
            atomics["atomic_xchg" + suffix] = .exchange(annotation)
            atomics["atomic_cmpxchg" + suffix] = .compareExchange(annotation)
            atomics["atomic_add_negative" + suffix] = .opReturnTest(.add, annotation, .argument, .less)
        }
        // atomic_long_t has the same operations under the atomic_long_ prefix.
        for (name, primitive) in atomics {
            t[name] = primitive
            t["atomic_long_" + name.dropFirst("atomic_".count)] = primitive
        }
        return t
    }()
}
