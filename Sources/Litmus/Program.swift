import LitmusSyntax

/// A litmus test lowered to the small annotated core that the harness and the models share.
///
/// Kernel primitives (`READ_ONCE`, `smp_store_release`, `atomic_fetch_add_acquire`, ...) are
/// gone at this level: every thread is a list of ``Instruction``s over loads, stores, fences,
/// read-modify-writes and lock operations, each carrying an ``Annotation`` (the LKMM's tags).
public struct Program: Hashable, Sendable {
    /// The test's name, from the `C NAME` header.
    public var name: String
    /// The optional quoted doc string after the header.
    public var docString: String?
    /// The word after `Result:` in the test's comments (`Never`, `Sometimes`, `DEADLOCK`...).
    public var expectedResult: String?
    /// Shared variables, in the order they were first declared or used.
    public var variables: [Variable]
    /// One entry per `Pn(...)` process: the parser guarantees P0…Pn in order, so `threads[t]`
    /// is `Pt` (`threads[t].index == t`) and code everywhere uses positions as thread numbers.
    public var threads: [ThreadProgram]
    /// The final condition (`exists`, `~exists`, `forall`).
    public var condition: FinalCondition
    /// `filter (...)`: executions whose final state fails it are discarded.
    public var filter: Proposition?
    /// `locations [...]`: extra state locations to show besides the condition's.
    public var extraLocations: [StateLocation]
    /// Warnings about the source, rendered with their line and caret (`FILE:L:C: warning:
    /// P1 never assigns r5; it is always 0`): for stderr, never part of a result.
    public var warnings: [String] = []

    public init(
        name: String, docString: String? = nil, expectedResult: String? = nil,
        variables: [Variable], threads: [ThreadProgram], condition: FinalCondition,
        filter: Proposition? = nil, extraLocations: [StateLocation] = []
    ) {
        self.name = name
        self.docString = docString
        self.expectedResult = expectedResult
        self.variables = variables
        self.threads = threads
        self.condition = condition
        self.filter = filter
        self.extraLocations = extraLocations
    }

    /// The verdict the `Result:` comment claims; `DEADLOCK` (no execution completes) is `Never`.
    public var expectedVerdict: Verdict? {
        guard let word = expectedResult?.lowercased() else { return nil }
        if word == "deadlock" { return .never }
        return Verdict.allCases.first { $0.rawValue.lowercased() == word }
    }

    /// The index of the shared variable called `name`.
    public func variableIndex(named name: String) -> VariableIndex? {
        variables.firstIndex { $0.name == name }
    }
}

/// Index into ``Program/variables``.
public typealias VariableIndex = Int
/// Index into ``ThreadProgram/registers``.
public typealias RegisterIndex = Int

/// herd7's words for how often a condition holds: never, in some executions, in all.
public enum Verdict: String, Hashable, Sendable, CaseIterable {
    case never = "Never"
    case sometimes = "Sometimes"
    case always = "Always"
}

/// A value held by a register or a memory location: an integer or the address of a variable.
public enum Value: Hashable, Sendable, Comparable, CustomStringConvertible {
    case integer(Int)
    case address(VariableIndex)

    /// Integers compare by value and sort before addresses, which compare by variable index.
    public static func < (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case let (.integer(a), .integer(b)): return a < b
        case let (.address(a), .address(b)): return a < b
        case (.integer, .address): return true
        case (.address, .integer): return false
        }
    }

    public var description: String {
        switch self {
        case let .integer(n): return String(n)
        case let .address(v): return "&v\(v)"
        }
    }
}

/// What a shared variable was declared as; it decides what the harness allocates for it.
public enum VariableKind: String, Hashable, Sendable {
    case int, pointer, spinlock, atomic, srcu
}

/// A shared memory location of the test.
public struct Variable: Hashable, Sendable {
    public var name: String
    public var kind: VariableKind
    /// Initial value; memory not mentioned in the init block starts at 0.
    public var initialValue: Value

    public init(name: String, kind: VariableKind = .int, initialValue: Value = .integer(0)) {
        self.name = name
        self.kind = kind
        self.initialValue = initialValue
    }
}

/// The code of one process `Pn`.
public struct ThreadProgram: Hashable, Sendable {
    /// `n` in `Pn`.
    public var index: Int
    /// Register names; user registers first (`r0`, `r1`, ...), then temporaries the lowering
    /// introduced, whose names start with `$` so they can never clash or be printed as state.
    public var registers: [String]
    /// Initial register values (from `int r0 = 1;` in the body or `0:r0=1;` in the init block).
    /// Registers not listed start at 0.
    public var initialRegisters: [RegisterIndex: Value]
    /// Parameters (`int *x`) bound to the variable they name.
    public var parameters: [String: VariableIndex]
    public var body: [Instruction]

    public init(
        index: Int, registers: [String], initialRegisters: [RegisterIndex: Value] = [:],
        parameters: [String: VariableIndex] = [:], body: [Instruction]
    ) {
        self.index = index
        self.registers = registers
        self.initialRegisters = initialRegisters
        self.parameters = parameters
        self.body = body
    }

    /// The index of register `name`.
    public func registerIndex(named name: String) -> RegisterIndex? {
        registers.firstIndex(of: name)
    }
}

/// Where an instruction came from, for reports and explanations ("P0: smp_mb()").
public struct Origin: Hashable, Sendable {
    /// The primitive or statement as written, e.g. `smp_store_release(y, 1)`.
    public var text: String
    public var location: SourceLocation
    /// The annotation tags a `.def` expansion gave this instruction's events (`__load{ACQUIRE}`
    /// gives `["ACQUIRE"]`); nil when our primitive table lowered it (its tags follow from the
    /// annotation or fence kind) and for plain accesses.
    public var macroTags: [String]?

    public init(text: String, location: SourceLocation, macroTags: [String]? = nil) {
        self.text = text
        self.location = location
        self.macroTags = macroTags
    }
}

/// One step of a thread. Expressions are pure: any memory access the source nested inside an
/// expression was hoisted into its own instruction writing a temporary register.
public indirect enum Instruction: Hashable, Sendable {
    /// `register = load(address)`.
    case load(Load)
    /// `store(address, value)`.
    case store(Store)
    /// A fence; `rcu_read_lock()` and friends are fences too, as in the LKMM.
    case fence(Fence)
    /// An atomic read-modify-write (xchg, cmpxchg, atomic_*).
    case rmw(ReadModifyWrite)
    /// spin_lock, spin_unlock, spin_trylock, spin_is_locked.
    case lock(LockOperation)
    /// `synchronize_srcu(address)`: an SRCU grace period on one srcu_struct.
    case synchronizeSRCU(address: Expression, origin: Origin)
    /// `register = expression`, no memory access.
    case assign(register: RegisterIndex, value: Expression)
    /// `if (condition) { then } else { otherwise }`; the condition reads only registers, so
    /// the loads it depends on carry a control dependency to everything inside.
    case branch(condition: Expression, then: [Instruction], otherwise: [Instruction])
    /// `while (condition) { body }`.
    case loop(condition: Expression, body: [Instruction])
}

/// The LKMM's access tags (linux-kernel.def): the ordering an access carries.
public enum Annotation: String, Hashable, Sendable {
    /// A plain C access (`r0 = *x`, `*x = 1`): may race, the compiler may play tricks.
    case plain
    /// READ_ONCE / WRITE_ONCE, `_relaxed` RMWs: single-copy atomic, no ordering.
    case once
    /// smp_load_acquire, `_acquire` RMWs.
    case acquire
    /// smp_store_release, rcu_assign_pointer, `_release` RMWs.
    case release
    /// Fully ordered RMWs (`xchg`, `cmpxchg`, `atomic_*_return`, `atomic_fetch_*`).
    case mb
    /// Non-value-returning atomics (`atomic_inc`): unordered, like once.
    case noReturn
    /// srcu_read_lock (a load of the srcu_struct).
    case srcuLock
    /// srcu_read_unlock (a store of the srcu_struct).
    case srcuUnlock
}

public struct Load: Hashable, Sendable {
    public var destination: RegisterIndex
    /// Evaluates to `.address(v)`; address dependencies come from the registers it reads.
    public var address: Expression
    public var annotation: Annotation
    public var origin: Origin

    public init(destination: RegisterIndex, address: Expression, annotation: Annotation, origin: Origin) {
        self.destination = destination
        self.address = address
        self.annotation = annotation
        self.origin = origin
    }
}

public struct Store: Hashable, Sendable {
    public var address: Expression
    /// Data dependencies come from the registers it reads.
    public var value: Expression
    public var annotation: Annotation
    public var origin: Origin

    public init(address: Expression, value: Expression, annotation: Annotation, origin: Origin) {
        self.address = address
        self.value = value
        self.annotation = annotation
        self.origin = origin
    }
}

/// Fence kinds. The first group are the LKMM's fence tags; the seed's mandatory (`mb()`) and
/// DMA (`dma_mb()`) barriers are not in the LKMM, which sees them as their `smp_` counterparts.
public enum FenceKind: String, Hashable, Sendable, CaseIterable {
    case mb, rmb, wmb                       // smp_mb(), smp_rmb(), smp_wmb()
    case beforeAtomic, afterAtomic          // smp_mb__before_atomic(), smp_mb__after_atomic()
    case afterSpinlock                      // smp_mb__after_spinlock()
    case afterUnlockLock                    // smp_mb__after_unlock_lock()
    case afterSRCUReadUnlock                // smp_mb__after_srcu_read_unlock()
    case compilerBarrier                    // barrier()
    case rcuReadLock, rcuReadUnlock         // rcu_read_lock(), rcu_read_unlock()
    case synchronizeRCU                     // synchronize_rcu()
    case mandatoryMB, mandatoryRMB, mandatoryWMB  // mb(), rmb(), wmb()
    case dmaMB, dmaRMB, dmaWMB              // dma_mb(), dma_rmb(), dma_wmb()

    /// The LKMM fence this one is modelled as (mandatory and DMA barriers are at least as
    /// strong as their SMP counterparts between CPUs).
    public var lkmmKind: FenceKind {
        switch self {
        case .mandatoryMB, .dmaMB: return .mb
        case .mandatoryRMB, .dmaRMB: return .rmb
        case .mandatoryWMB, .dmaWMB: return .wmb
        default: return self
        }
    }
}

public struct Fence: Hashable, Sendable {
    public var kind: FenceKind
    public var origin: Origin

    public init(kind: FenceKind, origin: Origin) {
        self.kind = kind
        self.origin = origin
    }
}

/// The arithmetic an atomic RMW applies (linux-kernel.def's `+ - & | ^ &~`).
public enum RMWArithmetic: String, Hashable, Sendable {
    case add = "+", sub = "-", and = "&", or = "|", xor = "^", andNot = "&~"

    public func apply(_ old: Int, _ operand: Int) -> Int {
        switch self {
        case .add: return old &+ operand
        case .sub: return old &- operand
        case .and: return old & operand
        case .or: return old | operand
        case .xor: return old ^ operand
        case .andNot: return old & ~operand
        }
    }
}

/// What an RMW computes and what it returns.
public enum RMWOperation: Hashable, Sendable {
    /// xchg: store `value`, return the old value.
    case exchange(value: Expression)
    /// cmpxchg: if old == expected store `new`; return old. A failed cmpxchg is only a read
    /// and carries no ordering (LKMM).
    case compareExchange(expected: Expression, new: Expression)
    /// atomic_fetch_OP: store old OP operand, return old.
    case fetchOp(RMWArithmetic, operand: Expression)
    /// atomic_OP_return: store old OP operand, return the new value.
    case opReturn(RMWArithmetic, operand: Expression)
    /// atomic_OP (no return value; annotation `.noReturn`).
    case op(RMWArithmetic, operand: Expression)
    /// atomic_add_unless(x, a, u): if old != u store old + a; return whether it stored (0/1).
    case addUnless(operand: Expression, unless: Expression)
}

public struct ReadModifyWrite: Hashable, Sendable {
    /// Register receiving the returned value, nil when the result is discarded.
    public var destination: RegisterIndex?
    public var address: Expression
    public var operation: RMWOperation
    /// `.once` for `_relaxed`, `.acquire`, `.release`, `.mb` for the fully ordered forms,
    /// `.noReturn` for `atomic_inc` and friends.
    public var annotation: Annotation
    public var origin: Origin

    public init(
        destination: RegisterIndex?, address: Expression, operation: RMWOperation,
        annotation: Annotation, origin: Origin
    ) {
        self.destination = destination
        self.address = address
        self.operation = operation
        self.annotation = annotation
        self.origin = origin
    }
}

/// Spin-lock primitives (the LKMM's lock.cat).
public struct LockOperation: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case lock, unlock
        /// Returns 1 and takes the lock, or returns 0.
        case tryLock
        /// Returns 1 when the lock is held, else 0.
        case isLocked
    }

    public var kind: Kind
    /// For `.tryLock` and `.isLocked`.
    public var destination: RegisterIndex?
    public var address: Expression
    public var origin: Origin

    public init(kind: Kind, destination: RegisterIndex? = nil, address: Expression, origin: Origin) {
        self.kind = kind
        self.destination = destination
        self.address = address
        self.origin = origin
    }
}

/// A pure expression over a thread's registers and constants.
public indirect enum Expression: Hashable, Sendable {
    case constant(Value)
    case register(RegisterIndex)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)

    /// The registers this expression reads (the source of address, data and control dependencies).
    public var registers: Set<RegisterIndex> {
        switch self {
        case .constant: return []
        case let .register(r): return [r]
        case let .unary(_, e): return e.registers
        case let .binary(_, l, r): return l.registers.union(r.registers)
        }
    }
}

public enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-", logicalNot = "!", bitwiseNot = "~"

    /// The operator on an integer: the one definition the models and the harness share.
    @inlinable @inline(__always)
    public func apply(_ x: Int) -> Int {
        switch self {
        case .negate: return 0 &- x
        case .logicalNot: return x == 0 ? 1 : 0
        case .bitwiseNot: return ~x
        }
    }
}

public enum BinaryOperator: String, Hashable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case bitwiseAnd = "&", bitwiseOr = "|", bitwiseXor = "^", shiftLeft = "<<", shiftRight = ">>"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case logicalAnd = "&&", logicalOr = "||"

    /// The operator on integers: the one definition the models and the harness share.
    /// Wrapping arithmetic; `x / 0`, `x % 0` and the overflowing `.min / -1` are 0, never a
    /// trap (as arm64's `sdiv` behaves); comparisons and logic give 0 or 1.
    @inlinable @inline(__always)
    public func apply(_ x: Int, _ y: Int) -> Int {
        switch self {
        case .add: return x &+ y
        case .subtract: return x &- y
        case .multiply: return x &* y
        case .divide: return y == 0 || (y == -1 && x == .min) ? 0 : x / y
        case .remainder: return y == 0 || y == -1 ? 0 : x % y
        case .bitwiseAnd: return x & y
        case .bitwiseOr: return x | y
        case .bitwiseXor: return x ^ y
        case .shiftLeft: return x &<< y
        case .shiftRight: return x &>> y
        case .equal: return x == y ? 1 : 0
        case .notEqual: return x != y ? 1 : 0
        case .less: return x < y ? 1 : 0
        case .lessOrEqual: return x <= y ? 1 : 0
        case .greater: return x > y ? 1 : 0
        case .greaterOrEqual: return x >= y ? 1 : 0
        case .logicalAnd: return x != 0 && y != 0 ? 1 : 0
        case .logicalOr: return x != 0 || y != 0 ? 1 : 0
        }
    }
}

/// A location whose final value a condition can name: `0:r0` or `x`.
public enum StateLocation: Hashable, Sendable, Comparable {
    case register(thread: Int, name: String)
    case variable(name: String)

    /// herd7's order: registers by thread then name, then memory by name.
    public static func < (lhs: StateLocation, rhs: StateLocation) -> Bool {
        switch (lhs, rhs) {
        case let (.register(t1, n1), .register(t2, n2)): return (t1, n1) < (t2, n2)
        case let (.variable(a), .variable(b)): return a < b
        case (.register, .variable): return true
        case (.variable, .register): return false
        }
    }
}

/// The right-hand side of a condition atom: a value or another location (`0:r0=1:r0`).
public enum StateOperand: Hashable, Sendable {
    case value(Value)
    case location(StateLocation)
}

/// A proposition over the final state, in the condition or the filter.
public indirect enum Proposition: Hashable, Sendable {
    case constant(Bool)
    /// `location = operand`.
    case equals(StateLocation, StateOperand)
    case not(Proposition)
    case and(Proposition, Proposition)
    case or(Proposition, Proposition)
    /// `a ==> b`.
    case implies(Proposition, Proposition)

    /// Every location the proposition mentions, in order of first mention.
    public var locations: [StateLocation] {
        var seen: [StateLocation] = []
        func visit(_ p: Proposition) {
            switch p {
            case .constant: break
            case let .equals(l, r):
                if !seen.contains(l) { seen.append(l) }
                if case let .location(l2) = r, !seen.contains(l2) { seen.append(l2) }
            case let .not(a): visit(a)
            case let .and(a, b), let .or(a, b), let .implies(a, b): visit(a); visit(b)
            }
        }
        visit(self)
        return seen
    }
}

public struct FinalCondition: Hashable, Sendable {
    public enum Quantifier: String, Hashable, Sendable {
        case exists = "exists"
        case notExists = "~exists"
        case forall = "forall"
    }

    public var quantifier: Quantifier
    public var proposition: Proposition

    public init(quantifier: Quantifier, proposition: Proposition) {
        self.quantifier = quantifier
        self.proposition = proposition
    }
}
