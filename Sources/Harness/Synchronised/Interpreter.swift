import Barriers
import Litmus

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
        case .unary: r[Int(op.a)] = op.unaryOperator.apply(r[Int(op.b)])
        case .binary: r[Int(op.a)] = op.binaryOperator.apply(r[Int(op.b)], r[Int(op.c)])
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
            spin_unlock(p)
        case .tryLock:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            r[Int(op.a)] = spin_trylock(p) ? 1 : 0
        case .isLocked:
            guard let p = context.resolve(op.b) else { return context.fault(at: pc &- 1, operand: op.b) }
            r[Int(op.a)] = spin_is_locked(p) ? 1 : 0
        case .fence: HardwareFence(rawValue: UInt8(truncatingIfNeeded: op.a)).unsafelyUnwrapped.run()
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
