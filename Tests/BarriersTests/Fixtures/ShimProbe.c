// One non-inline function per shim primitive, so the disassembly shows what each emits.
// Compiled by DisassemblyTests for x86-64 and arm64 (LL/SC and LSE), freestanding.
#include "_BarriersShims.h"

#define T(bits) uint##bits##_t

#define PROBE_FENCE(name) void probe_##name(void) { _litmus_##name(); }
PROBE_FENCE(barrier)
PROBE_FENCE(mb)
PROBE_FENCE(rmb)
PROBE_FENCE(wmb)
PROBE_FENCE(smp_mb)
PROBE_FENCE(smp_rmb)
PROBE_FENCE(smp_wmb)
PROBE_FENCE(dma_mb)
PROBE_FENCE(dma_rmb)
PROBE_FENCE(dma_wmb)
PROBE_FENCE(smp_mb__before_atomic)
PROBE_FENCE(smp_mb__after_atomic)
PROBE_FENCE(smp_mb__after_spinlock)
PROBE_FENCE(cpu_relax)

#define PROBE_ACCESSES(bits)                                                                   \
    T(bits) probe_read_once_##bits(const volatile T(bits) *p) { return _litmus_read_once_##bits(p); } \
    void probe_write_once_##bits(volatile T(bits) *p, T(bits) v) { _litmus_write_once_##bits(p, v); } \
    T(bits) probe_load_acquire_##bits(const volatile T(bits) *p) { return _litmus_load_acquire_##bits(p); } \
    void probe_store_release_##bits(volatile T(bits) *p, T(bits) v) { _litmus_store_release_##bits(p, v); }
PROBE_ACCESSES(8)
PROBE_ACCESSES(16)
PROBE_ACCESSES(32)
PROBE_ACCESSES(64)

#define PROBE_OP(bits, op, OP, order, ORDER)                                                   \
    T(bits) probe_##op##_##bits##_##order(volatile T(bits) *p, T(bits) v) {                    \
        return _litmus_fetch_op_##bits(p, v, OP, ORDER);                                       \
    }
#define PROBE_RMW_ORDER(bits, order, ORDER)                                                    \
    T(bits) probe_xchg_##bits##_##order(volatile T(bits) *p, T(bits) v) {                      \
        return _litmus_xchg_##bits(p, v, ORDER);                                               \
    }                                                                                          \
    T(bits) probe_cmpxchg_##bits##_##order(volatile T(bits) *p, T(bits) o, T(bits) n) {        \
        return _litmus_cmpxchg_##bits(p, o, n, ORDER);                                         \
    }                                                                                          \
    PROBE_OP(bits, add, _LITMUS_OP_ADD, order, ORDER)                                          \
    PROBE_OP(bits, sub, _LITMUS_OP_SUB, order, ORDER)                                          \
    PROBE_OP(bits, and, _LITMUS_OP_AND, order, ORDER)                                          \
    PROBE_OP(bits, or, _LITMUS_OP_OR, order, ORDER)                                            \
    PROBE_OP(bits, xor, _LITMUS_OP_XOR, order, ORDER)                                          \
    PROBE_OP(bits, andnot, _LITMUS_OP_ANDNOT, order, ORDER)
#define PROBE_RMW(bits)                                                                        \
    PROBE_RMW_ORDER(bits, relaxed, _LITMUS_RELAXED)                                            \
    PROBE_RMW_ORDER(bits, acquire, _LITMUS_ACQUIRE)                                            \
    PROBE_RMW_ORDER(bits, release, _LITMUS_RELEASE)                                            \
    PROBE_RMW_ORDER(bits, full, _LITMUS_FULL)
PROBE_RMW(8)
PROBE_RMW(16)
PROBE_RMW(32)
PROBE_RMW(64)
