/// The instructions Linux emits for each primitive: the table the disassembly tests check
/// (and the README shows). Keys are the probe names of Fixtures/ShimProbe.c; values are the
/// ordering-relevant instructions as `Disassembly.x86Ordering` / `arm64Ordering` reduce them.
/// An empty list means the function body must be empty: a compiler barrier only.
enum InstructionTable {
    static let fenceNames = [
        "barrier", "mb", "rmb", "wmb", "smp_mb", "smp_rmb", "smp_wmb",
        "dma_mb", "dma_rmb", "dma_wmb", "smp_mb__before_atomic", "smp_mb__after_atomic",
        "smp_mb__after_spinlock", "cpu_relax",
    ]

    static let x86Fences: [String: [String]] = [
        "barrier": [],
        "mb": ["mfence"], "rmb": ["lfence"], "wmb": ["sfence"],
        "smp_mb": ["lock addl $0,-4(%rsp)"], "smp_rmb": [], "smp_wmb": [],
        "dma_mb": ["mfence"], "dma_rmb": [], "dma_wmb": [],
        "smp_mb__before_atomic": [], "smp_mb__after_atomic": [],
        "smp_mb__after_spinlock": [], "cpu_relax": ["pause"],
    ]

    static let arm64Fences: [String: [String]] = [
        "barrier": [],
        "mb": ["dsb sy"], "rmb": ["dsb ld"], "wmb": ["dsb st"],
        "smp_mb": ["dmb ish"], "smp_rmb": ["dmb ishld"], "smp_wmb": ["dmb ishst"],
        "dma_mb": ["dmb osh"], "dma_rmb": ["dmb oshld"], "dma_wmb": ["dmb oshst"],
        "smp_mb__before_atomic": ["dmb ish"], "smp_mb__after_atomic": ["dmb ish"],
        "smp_mb__after_spinlock": ["dmb ish"], "cpu_relax": ["yield"],
    ]

    static let widths = [8, 16, 32, 64]
    static let orderings = ["relaxed", "acquire", "release", "full"]
    static let rmwOps = ["xchg", "cmpxchg", "add", "sub", "and", "or", "xor", "andnot"]

    /// Once and acquire/release accesses on x86-64: plain moves (TSO), nothing else.
    static func x86Access(_ kind: String) -> [String] { ["mov"] }

    /// Once and acquire/release accesses on arm64, by width.
    static func arm64Access(_ kind: String, bits: Int) -> [String] {
        let suffix = bits == 8 ? "b" : bits == 16 ? "h" : ""
        let register = bits == 64 ? "x" : "w"
        switch kind {
        case "read_once": return ["ldr\(suffix) \(register) [x]"]
        case "write_once": return ["str\(suffix) \(register) [x]"]
        case "load_acquire": return ["ldar\(suffix) \(register) [x]"]
        default: return ["stlr\(suffix) \(register) [x]"]
        }
    }

    /// x86-64 RMWs: the same locked instruction for every ordering.
    static func x86RMW(_ op: String) -> [String] {
        switch op {
        case "xchg": return ["xchg"]  // implicitly locked
        case "cmpxchg": return ["lock cmpxchg"]
        case "add", "sub": return ["lock xadd"]
        default: return ["mov", "lock cmpxchg"]  // load, then a cmpxchg loop
        }
    }

    /// arm64 LL/SC RMWs (Linux's ll_sc.h): the ordering picks ldaxr / stlxr / trailing dmb.
    static func arm64LLSC(_ op: String, bits: Int, ordering: String) -> [String] {
        let suffix = bits == 8 ? "b" : bits == 16 ? "h" : ""
        let r = bits == 64 ? "x" : "w"
        let load = (ordering == "acquire" ? "ldaxr" : "ldxr") + suffix
        let store = (ordering == "release" || ordering == "full" ? "stlxr" : "stxr") + suffix
        let alu = ["add": "add", "sub": "sub", "and": "and", "or": "orr", "xor": "eor", "andnot": "bic"][op]
        var result = ["\(load) \(r) [x]"]
        if let alu { result.append("\(alu) \(r) \(r) \(r)") }
        result.append("\(store) w \(r) [x]")
        if ordering == "full" { result.append("dmb ish") }
        return result
    }

    /// arm64 LSE RMWs (ARMv8.1): one instruction, the ordering picks the a/l/al form.
    static func arm64LSE(_ op: String, bits: Int, ordering: String) -> [String] {
        let suffix = bits == 8 ? "b" : bits == 16 ? "h" : ""
        let r = bits == 64 ? "x" : "w"
        let form = ["relaxed": "", "acquire": "a", "release": "l", "full": "al"][ordering]!
        let base = [
            "xchg": "swp", "cmpxchg": "cas", "add": "ldadd", "sub": "ldadd",
            "and": "ldclr", "or": "ldset", "xor": "ldeor", "andnot": "ldclr",
        ][op]!
        return ["\(base)\(form)\(suffix) \(r) \(r) [x]"]
    }
}
