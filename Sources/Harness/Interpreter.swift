import Barriers

/// Everything one test thread needs to run one iteration; plain values and raw pointers only.
@usableFromInline
struct IterationContext {
    /// Base address of each variable's slot array.
    @usableFromInline var bases: UnsafePointer<Int>
    @usableFromInline var variableCount: Int
    /// Byte offset of this iteration's slots from the bases.
    @usableFromInline var offset: Int
    @usableFromInline var registers: UnsafeMutablePointer<Int>
    @usableFromInline var registerCount: Int
    /// This thread's output slots for this iteration.
    @usableFromInline var outputs: UnsafeMutablePointer<Int>
    /// Backward jumps and spin retries this thread may still spend in this iteration.
    @usableFromInline var loopBudget: Int

    @inline(__always) @usableFromInline
    func slot(_ variable: Int) -> UnsafeMutablePointer<Int> {
        UnsafeMutablePointer(bitPattern: bases[variable] &+ offset).unsafelyUnwrapped
    }

    /// Where the last bad address was met: op position, and the value used as an address.
    @usableFromInline var faultPC = -1
    @usableFromInline var faultValue = 0

    /// Notes a memory operand that is no variable's address; the iteration ends there.
    @inline(never) @usableFromInline
    mutating func fault(at pc: Int, operand: Int32) -> IterationStatus {
        faultPC = pc
        faultValue = registers[Int(-(operand + 1))]
        return .badAddress
    }

    /// The slot a memory operand designates, or nil for an address that is none of them.
    @inline(__always) @usableFromInline
    func resolve(_ operand: Int32) -> UnsafeMutablePointer<Int>? {
        if operand >= 0 { return slot(Int(operand)) }
        let address = registers[Int(-(operand + 1))]
        for v in 0..<variableCount where bases[v] &+ offset == address {
            return slot(v)
        }
        return nil
    }
}

/// Runs compiled thread code for one iteration. Every shared access and fence goes through
/// the `Barriers` library, with the kind the test asked for.
@inline(__always) @usableFromInline
func interpret(_ code: UnsafePointer<Op>, _ context: inout IterationContext) -> IterationStatus {
    let r = context.registers
    for k in 0..<context.registerCount { r[k] = 0 }
    var pc = 0
    while true {
        let op = code[pc]
        pc &+= 1
        switch op.code {
        case .constant: r[Int(op.a)] = op.immediate
        case .address: r[Int(op.a)] = Int(bitPattern: context.slot(Int(op.b)))
        case .move: r[Int(op.a)] = r[Int(op.b)]
        case .negate: r[Int(op.a)] = 0 &- r[Int(op.b)]
        case .logicalNot: r[Int(op.a)] = r[Int(op.b)] == 0 ? 1 : 0
        case .bitwiseNot: r[Int(op.a)] = ~r[Int(op.b)]
        case .add: r[Int(op.a)] = r[Int(op.b)] &+ r[Int(op.c)]
        case .subtract: r[Int(op.a)] = r[Int(op.b)] &- r[Int(op.c)]
        case .multiply: r[Int(op.a)] = r[Int(op.b)] &* r[Int(op.c)]
        case .divide:
            let d = r[Int(op.c)]
            r[Int(op.a)] = d == 0 || (d == -1 && r[Int(op.b)] == .min) ? 0 : r[Int(op.b)] / d
        case .remainder:
            let d = r[Int(op.c)]
            r[Int(op.a)] = d == 0 || d == -1 ? 0 : r[Int(op.b)] % d
        case .bitwiseAnd: r[Int(op.a)] = r[Int(op.b)] & r[Int(op.c)]
        case .bitwiseOr: r[Int(op.a)] = r[Int(op.b)] | r[Int(op.c)]
        case .bitwiseXor: r[Int(op.a)] = r[Int(op.b)] ^ r[Int(op.c)]
        case .shiftLeft: r[Int(op.a)] = r[Int(op.b)] &<< r[Int(op.c)]
        case .shiftRight: r[Int(op.a)] = r[Int(op.b)] &>> r[Int(op.c)]
        case .equal: r[Int(op.a)] = r[Int(op.b)] == r[Int(op.c)] ? 1 : 0
        case .notEqual: r[Int(op.a)] = r[Int(op.b)] != r[Int(op.c)] ? 1 : 0
        case .less: r[Int(op.a)] = r[Int(op.b)] < r[Int(op.c)] ? 1 : 0
        case .lessOrEqual: r[Int(op.a)] = r[Int(op.b)] <= r[Int(op.c)] ? 1 : 0
        case .greater: r[Int(op.a)] = r[Int(op.b)] > r[Int(op.c)] ? 1 : 0
        case .greaterOrEqual: r[Int(op.a)] = r[Int(op.b)] >= r[Int(op.c)] ? 1 : 0
        case .logicalAnd: r[Int(op.a)] = r[Int(op.b)] != 0 && r[Int(op.c)] != 0 ? 1 : 0
        case .logicalOr: r[Int(op.a)] = r[Int(op.b)] != 0 || r[Int(op.c)] != 0 ? 1 : 0
        case .loadOnce:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            r[Int(op.a)] = Shared.readOnce(p)
        case .loadAcquire:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            r[Int(op.a)] = Shared.loadAcquire(p)
        case .storeOnce:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            Shared.writeOnce(p, r[Int(op.c)])
        case .storeRelease:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            Shared.storeRelease(p, r[Int(op.c)])
        case .rmw:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            let details = RMWDetails(packed: op.immediate)
            guard let result = Shared.readModifyWrite(
                p, details, operand: r[Int(op.c)], second: r[Int(details.secondOperand)], budget: &context.loopBudget)
            else { return .loopBudgetExceeded }
            r[Int(op.a)] = result
        case .lock:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            guard Shared.spinLock(p, budget: &context.loopBudget) else { return .loopBudgetExceeded }
        case .unlock:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            Shared.spinUnlock(p)
        case .tryLock:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            r[Int(op.a)] = Shared.spinTryLock(p) ? 1 : 0
        case .isLocked:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            r[Int(op.a)] = Shared.readOnce(p) != 0 ? 1 : 0
        case .smpMB: smp_mb(.full)
        case .smpRMB: smp_mb(.read)
        case .smpWMB: smp_mb(.write)
        case .mandatoryMB: mb(.full)
        case .mandatoryRMB: mb(.read)
        case .mandatoryWMB: mb(.write)
        case .dmaMB: dma_mb(.full)
        case .dmaRMB: dma_mb(.read)
        case .dmaWMB: dma_mb(.write)
        case .beforeAtomic: smp_mb__before_atomic()
        case .afterAtomic: smp_mb__after_atomic()
        case .afterSpinlock: smp_mb__after_spinlock()
        // Only powerpc needs more than unlock+lock here; a full barrier is right everywhere.
        case .afterUnlockLock: smp_mb(.full)
        case .compilerBarrier: barrier()
        case .jumpIfZero:
            if r[Int(op.a)] == 0 { pc = Int(op.b) }
        case .jump:
            let target = Int(op.b)
            if target < pc {
                context.loopBudget &-= 1
                if context.loopBudget < 0 { return .loopBudgetExceeded }
            }
            pc = target
        case .output: context.outputs[Int(op.b)] = r[Int(op.a)]
        case .end: return .completed
        }
    }
}
