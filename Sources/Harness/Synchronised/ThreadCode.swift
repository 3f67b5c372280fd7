import Litmus

/// One step of compiled thread code: a flat, trivially copyable instruction the interpreter
/// dispatches on with a single switch, so the inner loop touches no references.
///
/// Memory operands (`address`): a value `>= 0` is a variable whose slot for this iteration is
/// used directly; a value `< 0` names register `-(address + 1)` holding a computed address,
/// which is checked against this iteration's slots before use.
@usableFromInline
struct Op: Sendable {
    @usableFromInline var code: OpCode
    /// Destination register, or the register tested by a jump.
    @usableFromInline var a: Int32
    /// First source register, memory operand, or jump target.
    @usableFromInline var b: Int32
    /// Second source register.
    @usableFromInline var c: Int32
    /// Constant, or packed RMW details (see ``RMWDetails``).
    @usableFromInline var immediate: Int
    /// `.unary` and `.binary`: the IR's operator, applied by its own `apply` (one semantics).
    @usableFromInline var unaryOperator: UnaryOperator = .negate
    @usableFromInline var binaryOperator: BinaryOperator = .add

    @usableFromInline
    init(_ code: OpCode, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, immediate: Int = 0) {
        self.code = code
        self.a = a
        self.b = b
        self.c = c
        self.immediate = immediate
    }
}

@usableFromInline
enum OpCode: UInt8, Sendable {
    // Registers.
    case constant          // r[a] = immediate
    case address           // r[a] = address of variable b in this iteration
    case move              // r[a] = r[b]
    case unary             // r[a] = unaryOperator r[b]
    case binary            // r[a] = r[b] binaryOperator r[c]
    // Memory: loads r[a] = *b, stores *b = r[c].
    case loadOnce, loadAcquire
    case storeOnce, storeRelease
    /// r[a] = rmw(*b, r[c], ...) with the details packed in `immediate`.
    case rmw
    case lock, unlock, tryLock, isLocked  // r[a] receives tryLock/isLocked results
    /// The barrier ``HardwareFence`` raw value `a` (the mapping both modes share).
    case fence
    // Control.
    case jumpIfZero        // if r[a] == 0 goto b
    case jump              // goto b; a backward jump spends loop budget
    /// output[b] = r[a]: a register the final state observes.
    case output
    case end
}

/// What an `.rmw` op does, packed into ``Op/immediate``.
@usableFromInline
struct RMWDetails: Sendable {
    @usableFromInline enum Kind: Int, Sendable {
        case exchange, compareExchange, fetchOp, opReturn, op, addUnless
    }
    @usableFromInline enum Ordering: Int, Sendable {
        case relaxed, acquire, release, full
    }

    @usableFromInline var kind: Kind
    @usableFromInline var ordering: Ordering
    @usableFromInline var arithmetic: RMWArithmetic
    /// Second operand register (cmpxchg's new value, add_unless's `unless`).
    @usableFromInline var secondOperand: Int32

    @usableFromInline static let arithmetics: [RMWArithmetic] = [.add, .sub, .and, .or, .xor, .andNot]

    init(kind: Kind, ordering: Ordering, arithmetic: RMWArithmetic = .add, secondOperand: Int32 = 0) {
        self.kind = kind
        self.ordering = ordering
        self.arithmetic = arithmetic
        self.secondOperand = secondOperand
    }

    @usableFromInline
    init(packed: Int) {
        kind = Kind(rawValue: packed & 0xF)!
        ordering = Ordering(rawValue: (packed >> 4) & 0x3)!
        arithmetic = Self.arithmetics[(packed >> 8) & 0xF]
        secondOperand = Int32(truncatingIfNeeded: packed >> 16)
    }

    var packed: Int {
        kind.rawValue | ordering.rawValue << 4
            | Self.arithmetics.firstIndex(of: arithmetic)! << 8 | Int(secondOperand) << 16
    }
}

/// Why a thread gave up on an iteration; the iteration is then left out of the histogram.
@usableFromInline
enum IterationStatus: Int, Sendable {
    case completed = 0
    /// A `while` loop, spin lock or cmpxchg loop exceeded its budget.
    case loopBudgetExceeded = 1
    /// A computed address was not one of the test's variables.
    case badAddress = 2
}

/// A compiled thread: its code and the register file it needs.
struct CompiledThread: Sendable {
    var index: Int
    var code: [Op]
    var registerCount: Int
    /// Registers written by `.output` ops, in output-slot order.
    var outputs: [RegisterIndex]
    /// The source of each memory op, by position in `code`.
    var origins: [Int: Origin] = [:]
}
