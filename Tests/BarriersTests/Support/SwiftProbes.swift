/// Swift entry points that call the Barriers API, compiled with -O against the module so
/// the disassembly shows what a client of the library really gets after inlining.
/// Each is `@inline(never)` so it survives as a function of its own.
enum SwiftProbes {
    static let scalarTypes = ["Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Int", "UInt"]

    /// Fence probes: name and the call it makes.
    static let fences: [(name: String, call: String)] = [
        ("mb_read", "mb(.read)"), ("mb_write", "mb(.write)"), ("mb_full", "mb(.full)"), ("mb_Full", "mb(Full())"),
        ("smp_mb_read", "smp_mb(.read)"), ("smp_mb_write", "smp_mb(.write)"),
        ("smp_mb_full", "smp_mb(.full)"), ("smp_mb_Full", "smp_mb(Full())"),
        ("dma_mb_read", "dma_mb(.read)"), ("dma_mb_write", "dma_mb(.write)"), ("dma_mb_full", "dma_mb(.full)"),
        ("barrier", "barrier()"),
        ("smp_mb__before_atomic", "smp_mb__before_atomic()"), ("smp_mb__after_atomic", "smp_mb__after_atomic()"),
        ("smp_mb__after_spinlock", "smp_mb__after_spinlock()"), ("cpu_relax", "cpu_relax()"),
    ]

    /// What each fence probe emits on x86-64, in an SMP or a uniprocessor build.
    static func x86Fences(uniprocessor: Bool) -> [String: [String]] {
        let smpFull = uniprocessor ? [] : ["lock addl $0,-4(%rsp)"]
        return [
            "mb_read": ["lfence"], "mb_write": ["sfence"], "mb_full": ["mfence"], "mb_Full": ["mfence"],
            "smp_mb_read": [], "smp_mb_write": [], "smp_mb_full": smpFull, "smp_mb_Full": smpFull,
            "dma_mb_read": [], "dma_mb_write": [], "dma_mb_full": ["mfence"],
            "barrier": [], "smp_mb__before_atomic": [], "smp_mb__after_atomic": [],
            "smp_mb__after_spinlock": [], "cpu_relax": ["pause"], "spin_unlock": ["mov"],
            "spin_trylock": ["lock cmpxchg"],
        ]
    }

    static let rmwCalls = [
        "xchg": "xchg(p, v, %@)", "cmpxchg": "cmpxchg(p, 7, v, %@)",
        "add": "atomic_fetch_add(p, v, %@)", "sub": "atomic_fetch_sub(p, v, %@)",
        "and": "atomic_fetch_and(p, v, %@)", "or": "atomic_fetch_or(p, v, %@)",
        "xor": "atomic_fetch_xor(p, v, %@)", "andnot": "atomic_fetch_andnot(p, v, %@)",
    ]

    /// Every probe's expected x86-64 instructions.
    static func x86Expectations(uniprocessor: Bool) -> [String: [String]] {
        var expected = x86Fences(uniprocessor: uniprocessor)
        for type in scalarTypes {
            for access in ["read_once", "write_once", "load_acquire", "store_release"] {
                expected["\(access)_\(type)"] = ["mov"]
            }
            expected["xchg_full_\(type)"] = ["xchg"]
        }
        for op in InstructionTable.rmwOps {
            for ordering in InstructionTable.orderings {
                expected["\(op)_Int32_\(ordering)"] = InstructionTable.x86RMW(op)
            }
        }
        return expected
    }

    /// The probe source file.
    static var source: String {
        var lines = ["import Barriers", ""]
        for (name, call) in fences {
            lines.append("@inline(never) public func probe_\(name)() { \(call) }")
        }
        lines.append("@inline(never) public func probe_spin_unlock(_ p: UnsafeMutablePointer<Int32>) { spin_unlock(p) }")
        lines.append("@inline(never) public func probe_spin_trylock(_ p: UnsafeMutablePointer<Int32>) -> Bool { spin_trylock(p) }")
        for type in scalarTypes {
            lines.append("@inline(never) public func probe_read_once_\(type)(_ p: UnsafePointer<\(type)>) -> \(type) { READ_ONCE(p) }")
            lines.append("@inline(never) public func probe_write_once_\(type)(_ p: UnsafeMutablePointer<\(type)>, _ v: \(type)) { WRITE_ONCE(p, v) }")
            lines.append("@inline(never) public func probe_load_acquire_\(type)(_ p: UnsafePointer<\(type)>) -> \(type) { smp_load_acquire(p) }")
            lines.append("@inline(never) public func probe_store_release_\(type)(_ p: UnsafeMutablePointer<\(type)>, _ v: \(type)) { smp_store_release(p, v) }")
            lines.append("@inline(never) public func probe_xchg_full_\(type)(_ p: UnsafeMutablePointer<\(type)>, _ v: \(type)) -> \(type) { xchg(p, v, .full) }")
        }
        for op in InstructionTable.rmwOps {
            for ordering in InstructionTable.orderings {
                let call = rmwCalls[op]!.replacingOccurrences(of: "%@", with: ".\(ordering)")
                lines.append("@inline(never) public func probe_\(op)_Int32_\(ordering)(_ p: UnsafeMutablePointer<Int32>, _ v: Int32) -> Int32 { \(call) }")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
