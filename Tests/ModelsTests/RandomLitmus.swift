/// A seeded generator of small random C litmus tests for the model invariants
/// (``ModelInvariantTests``). Every test is valid input for `Program.parse`, so the whole
/// pipeline (parser, lowering, dependencies, enumeration, models) is exercised.
///
/// What it draws, per thread (2 or 3 threads, variables x, y, z, an optional lock l):
/// marked, acquire and plain reads and writes, address dependencies (`*(y + (r0 & 0))`),
/// data dependencies (`WRITE_ONCE(*y, r0)`, `(r0 & 0) + 1`), dependencies through memory
/// (a register written, then read back), `if`s on a register or directly on a read with
/// statements after them, `else` branches, nested `if`s, conditional register assignments
/// (`r1 = 1; if (...) r1 = 0;`), fences (`smp_mb`, `smp_rmb`, `smp_wmb`, `barrier`,
/// `smp_mb__before_atomic`/`after_atomic`), value-returning and void RMWs of every ordering,
/// successful and failing `cmpxchg`, `spin_lock`/`spin_unlock` critical sections and
/// `spin_trylock`, and (optionally) RCU read-side critical sections and `synchronize_rcu()`.
///
/// Restrictions, each for a reason:
/// - No loops: they add nothing the branch shapes lack, and unrolling cuts make results partial.
/// - A register is read only where it is assigned on every path (herd7 reads an unassigned
///   register as 0, which would blur what the test means, not what the models do).
/// - Written values are 1, 2 or derived from a register without growing (`r`, `(r & 0) + 1`),
///   so value domains stay small and each test checks in milliseconds.
/// - Locks are always released on the path that took them (lock.cat's unmatched-unlock and
///   deadlock cases are the LKMM's flags, not ordering).
struct RandomLitmus {
    var rng: Xorshift
    let seed: UInt64
    /// Draw RCU read-side critical sections and grace periods too.
    var rcu: Bool

    init(seed: UInt64, rcu: Bool = true) {
        self.seed = seed
        rng = Xorshift(seed: seed)
        self.rcu = rcu
    }

    private static let variables = ["x", "y", "z"]

    /// Per-thread state while drawing its body.
    private struct Thread {
        var registers = 0
        /// Registers assigned on every path so far.
        var assigned: [String] = []
        var usesLock = false
        var holdsLock = false
        var inRCU = false
        /// Statements still to draw (a branch's and a critical section's count too).
        var budget = 0
    }

    /// Three tests in four are cycles (below); the rest are free sequences of statements.
    mutating func next() -> String {
        rng.below(4) == 0 ? free() : cycle()
    }

    private func render(_ bodies: [(lines: [String], thread: Thread)], observing conditions: [String]) -> String {
        var text = "C random-\(seed)\n\n{}\n\n"
        for (t, body) in bodies.enumerated() {
            let parameters = Self.variables.map { "int *\($0)" } + (body.thread.usesLock ? ["spinlock_t *l"] : [])
            let declarations = (0 ..< body.thread.registers).map { "\tint r\($0);" }
            text += "P\(t)(\(parameters.joined(separator: ", ")))\n{\n" + (declarations + body.lines).joined(separator: "\n") + "\n}\n\n"
        }
        return text + "exists (" + conditions.joined(separator: " /\\ ") + ")\n"
    }

    /// Every register and variable, so the states compared are whole final states.
    private mutating func conditions(_ bodies: [(lines: [String], thread: Thread)]) -> [String] {
        var result: [String] = []
        for (t, body) in bodies.enumerated() {
            for r in 0 ..< body.thread.registers { result.append("\(t):r\(r)=\(rng.below(3))") }
        }
        return result + Self.variables.map { "\($0)=\(rng.below(3))" }
    }

    /// Statements drawn one by one (2 to 4 per thread, branches and sections included).
    private mutating func free() -> String {
        let threadCount = rng.below(5) == 0 ? 3 : 2
        var bodies: [(lines: [String], thread: Thread)] = []
        for _ in 0 ..< threadCount {
            var thread = Thread()
            var lines: [String] = []
            thread.budget = 2 + rng.below(3)
            while thread.budget > 0 { lines += statement(&thread, depth: 0) }
            bodies.append((lines, thread))
        }
        return render(bodies, observing: conditions(bodies))
    }

    /// A critical cycle as diy7 builds them: thread i accesses variable i, then variable i+1
    /// (mod the thread count), each access a read or a write of some flavour, with an
    /// ordering device between the two (nothing, a fence, a dependency of any shape, a
    /// critical section, a grace period...). SB, MP, LB, S, R, 2+2W and their three-thread
    /// relatives come out, which is where models disagree.
    private mutating func cycle() -> String {
        let threadCount = rng.below(3) == 0 ? 3 : 2
        var bodies: [(lines: [String], thread: Thread)] = []
        for i in 0 ..< threadCount {
            var t = Thread()
            let first = Self.variables[i], second = Self.variables[(i + 1) % threadCount]
            var lines: [String] = []
            if rng.below(6) == 0 { t.budget = 1; lines += statement(&t, depth: 0) }  // noise before
            let value = i + 1
            let firstIsRead = rng.below(2) == 0
            let firstLine: String
            var source: String?
            if firstIsRead {
                let r = newRegister(&t)
                t.assigned.append(r)
                source = r
                switch rng.below(7) {
                case 0: firstLine = "\(r) = smp_load_acquire(\(first));"
                case 1: firstLine = "\(r) = *\(first);"
                case 2: firstLine = "\(r) = xchg_relaxed(\(first), \(value));"
                case 3: firstLine = "\(r) = cmpxchg(\(first), 0, \(value));"
                case 4: firstLine = "\(r) = atomic_fetch_add_acquire(\(value), \(first));"
                default: firstLine = "\(r) = READ_ONCE(*\(first));"
                }
            } else {
                switch rng.below(6) {
                case 0: firstLine = "smp_store_release(\(first), \(value));"
                case 1: firstLine = "*\(first) = \(value);"
                case 2: firstLine = "atomic_add(\(value), \(first));"
                case 3: firstLine = "\(newRegister(&t)) = xchg_release(\(first), \(value));"
                default: firstLine = "WRITE_ONCE(*\(first), \(value));"
                }
            }
            let secondIsRead = rng.below(2) == 0
            func access(_ t: inout Thread, address: String? = nil, data: String? = nil) -> String {
                let pointer = address.map { "(\(second) + (\($0) & 0))" } ?? second
                if secondIsRead {
                    let r = newRegister(&t)
                    t.assigned.append(r)
                    switch rng.below(5) {
                    case 0: return "\(r) = smp_load_acquire(\(pointer));"
                    case 1: return "\(r) = *\(pointer);"
                    case 2: return "\(r) = xchg_acquire(\(pointer), \(value));"
                    default: return "\(r) = READ_ONCE(*\(pointer));"
                    }
                }
                let v = data.map { rng.below(2) == 0 ? $0 : "(\($0) & 0) + \(value)" } ?? "\(value)"
                switch rng.below(5) {
                case 0: return "smp_store_release(\(pointer), \(v));"
                case 1: return "*\(pointer) = \(v);"
                case 2: return "\(newRegister(&t)) = xchg(\(pointer), \(v));"
                default: return "WRITE_ONCE(*\(pointer), \(v));"
                }
            }
            lines.append("\t" + firstLine)
            let device = rng.below(source == nil ? 6 : 16)
            switch device {
            case 0: lines.append("\t" + access(&t))
            case 1, 2: lines += ["\t" + fence(), "\t" + access(&t)]
            case 3:
                t.usesLock = true
                lines = ["\tspin_lock(l);"] + lines + ["\t" + access(&t), "\tspin_unlock(l);"]
            case 4:
                lines = ["\trcu_read_lock();"] + lines + ["\t" + access(&t), "\trcu_read_unlock();"]
            case 5: lines += ["\tsynchronize_rcu();", "\t" + access(&t)]
            case 6: lines.append("\t" + access(&t, address: source))                            // addr
            case 7: lines.append("\t" + access(&t, data: source))                               // data (a read: none)
            case 8: lines += ["\tif (\(source!) == \(value % 2)) {", "\t\t" + access(&t), "\t}"]       // ctrl
            case 9: lines += ["\tif (\(source!)) {", "\t\t" + noiseWrite(), "\t} else {", "\t\t" + access(&t), "\t}"]  // else
            case 10: lines += ["\tif (\(source!)) {", "\t\t" + noiseWrite(), "\t}", "\t" + access(&t)]  // after the if
            case 11:                                                                               // conditional assignment
                let r = newRegister(&t)
                lines += ["\t\(r) = 1;", "\tif (\(source!) == 0)", "\t\t\(r) = 0;", "\t" + access(&t, data: r)]
            case 12:                                                                               // through memory
                let r = newRegister(&t)
                lines += ["\tWRITE_ONCE(*z, \(source!));", "\t\(r) = READ_ONCE(*z);", "\t" + access(&t, address: r)]
            case 13:                                                                               // nested ifs
                lines += ["\tif (\(source!)) {", "\t\tif (READ_ONCE(*z) == 0) {", "\t\t\t" + access(&t), "\t\t}", "\t}"]
            case 14: lines += ["\tif (\(source!)) {", "\t\tsmp_mb();", "\t}", "\t" + access(&t)]  // fence in a branch
            default: lines += ["\tsmp_mb__after_atomic();", "\t" + access(&t)]
            }
            bodies.append((lines, t))
        }
        return render(bodies, observing: conditions(bodies))
    }

    /// A write to z, the variable no cycle uses, for branches that must hold something.
    private mutating func noiseWrite() -> String { "WRITE_ONCE(*z, \(1 + rng.below(2)));" }

    // MARK: - Statements

    private mutating func statement(_ t: inout Thread, depth: Int) -> [String] {
        let indent = String(repeating: "\t", count: depth + 1)
        t.budget -= 1
        let compound = t.budget >= 1
        switch rng.below(20) {
        case 0 ..< 4: return [indent + read(&t)]
        case 4 ..< 8: return [indent + write(&t)]
        case 8 ..< 11: return [indent + fence()]
        case 11 ..< 13: return [indent + rmw(&t)]
        case 13 ..< 16 where depth < 2 && compound: return branch(&t, depth: depth)
        case 16 where !t.assigned.isEmpty: return conditionalAssignment(&t, depth: depth)
        case 17 where !t.holdsLock && depth == 0 && compound: return criticalSection(&t, depth: depth)
        case 18 where rcu && !t.inRCU && depth == 0 && compound: return readSideCriticalSection(&t, depth: depth)
        case 19 where rcu && !t.inRCU && !t.holdsLock: return [indent + "synchronize_rcu();"]
        default: return [indent + read(&t)]
        }
    }

    /// x and y most of the time: two threads then often form a cycle through both.
    private mutating func variable() -> String { rng.below(8) == 0 ? "z" : Self.variables[rng.below(2)] }

    private mutating func newRegister(_ t: inout Thread) -> String {
        t.registers += 1
        return "r\(t.registers - 1)"
    }

    private mutating func assignedRegister(_ t: Thread) -> String? {
        t.assigned.isEmpty ? nil : t.assigned[rng.below(t.assigned.count)]
    }

    /// `x`, or `(x + (r & 0))` for an address dependency on an assigned register.
    private mutating func address(_ t: Thread) -> (pointer: String, location: String) {
        let v = variable()
        if rng.below(4) == 0, let r = assignedRegister(t) { return ("(\(v) + (\(r) & 0))", "*(\(v) + (\(r) & 0))") }
        return (v, "*\(v)")
    }

    /// A written value: a constant, a register (data dependency) or a constant computed from one.
    private mutating func value(_ t: Thread) -> String {
        switch rng.below(5) {
        case 0: if let r = assignedRegister(t) { return r }
        case 1: if let r = assignedRegister(t) { return "(\(r) & 0) + \(1 + rng.below(2))" }
        default: break
        }
        return "\(1 + rng.below(2))"
    }

    private mutating func read(_ t: inout Thread) -> String {
        let (pointer, location) = address(t)
        let r = newRegister(&t)
        let text: String
        switch rng.below(6) {
        case 0: text = "\(r) = smp_load_acquire(\(pointer));"
        case 1: text = "\(r) = \(location);"
        default: text = "\(r) = READ_ONCE(\(location));"
        }
        t.assigned.append(r)
        return text
    }

    private mutating func write(_ t: inout Thread) -> String {
        let (pointer, location) = address(t)
        let v = value(t)
        switch rng.below(6) {
        case 0: return "smp_store_release(\(pointer), \(v));"
        case 1: return "\(location) = \(v);"
        default: return "WRITE_ONCE(\(location), \(v));"
        }
    }

    private mutating func fence() -> String {
        ["smp_mb();", "smp_mb();", "smp_rmb();", "smp_wmb();", "barrier();", "smp_mb__before_atomic();",
         "smp_mb__after_atomic();"][rng.below(7)]
    }

    private mutating func rmw(_ t: inout Thread) -> String {
        let v = variable()
        let order = ["", "_relaxed", "_acquire", "_release"][rng.below(4)]
        let operand = 1 + rng.below(2)
        switch rng.below(4) {
        case 0:
            let r = newRegister(&t)
            t.assigned.append(r)
            return "\(r) = xchg\(order)(\(v), \(operand));"
        case 1:
            let r = newRegister(&t)
            t.assigned.append(r)
            return "\(r) = cmpxchg\(order)(\(v), \(rng.below(2)), \(operand));"
        case 2:
            let r = newRegister(&t)
            t.assigned.append(r)
            return "\(r) = atomic_fetch_add\(order)(\(operand), \(v));"
        default:
            return ["atomic_inc(\(v));", "atomic_add(\(operand), \(v));"][rng.below(2)]
        }
    }

    /// `if (r == c)` or `if (READ_ONCE(*x) == c)` with a then branch, maybe an else branch.
    private mutating func branch(_ t: inout Thread, depth: Int) -> [String] {
        let indent = String(repeating: "\t", count: depth + 1)
        let condition: String
        if rng.below(3) > 0, let r = assignedRegister(t) {
            condition = ["\(r)", "\(r) == \(rng.below(3))", "\(r) != \(rng.below(2))"][rng.below(3)]
        } else {
            let (_, location) = address(t)
            condition = "READ_ONCE(\(location)) == \(rng.below(2))"
        }
        let outer = t.assigned
        var lines = [indent + "if (\(condition)) {"]
        lines += statement(&t, depth: depth + 1)
        t.assigned = outer  // what a branch assigns is not assigned on every path
        if t.budget > 0 && rng.below(2) == 0 {
            lines.append(indent + "} else {")
            lines += statement(&t, depth: depth + 1)
            t.assigned = outer
        }
        lines.append(indent + "}")
        return lines
    }

    /// `r1 = 1; if (cond) r1 = 0;`, then a write of `r1` (the value depends on the path).
    private mutating func conditionalAssignment(_ t: inout Thread, depth: Int) -> [String] {
        let indent = String(repeating: "\t", count: depth + 1)
        let r = newRegister(&t)
        let source = assignedRegister(t)!
        let lines = [indent + "\(r) = 1;", indent + "if (\(source) == \(rng.below(2)))", indent + "\t\(r) = 0;"]
        t.assigned.append(r)
        let v = variable()
        return lines + [indent + (rng.below(2) == 0 ? "WRITE_ONCE(*\(v), \(r));" : "smp_store_release(\(v), \(r));")]
    }

    /// `spin_lock(l); ...; spin_unlock(l);`, or a `spin_trylock` that unlocks when it succeeded.
    private mutating func criticalSection(_ t: inout Thread, depth: Int) -> [String] {
        let indent = String(repeating: "\t", count: depth + 1)
        t.usesLock = true
        t.holdsLock = true
        defer { t.holdsLock = false }
        if rng.below(4) == 0 {
            let r = newRegister(&t)
            t.assigned.append(r)
            let outer = t.assigned
            var lines = [indent + "\(r) = spin_trylock(l);", indent + "if (\(r)) {"]
            lines += statement(&t, depth: depth + 1)
            t.assigned = outer
            return lines + [indent + "\tspin_unlock(l);", indent + "}"]
        }
        var lines = [indent + "spin_lock(l);"]
        lines += statement(&t, depth: depth)
        return lines + [indent + "spin_unlock(l);"]
    }

    private mutating func readSideCriticalSection(_ t: inout Thread, depth: Int) -> [String] {
        let indent = String(repeating: "\t", count: depth + 1)
        t.inRCU = true
        defer { t.inRCU = false }
        var lines = [indent + "rcu_read_lock();"]
        lines += statement(&t, depth: depth)
        return lines + [indent + "rcu_read_unlock();"]
    }
}

/// xorshift64* (Vigna): small, seeded, the same sequence on every platform.
struct Xorshift: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
