#ifndef LITMUS_ATOMICS_H
#define LITMUS_ATOMICS_H
// Atomic read-modify-writes with the kernel's four orderings, emitted as Linux does:
// x86-64 uses locked instructions (every ordering is fully ordered there); arm64 uses LSE
// (swp/cas/ld<op> with a/l/al forms) when compiled for ARMv8.1+, else LL/SC loops
// (ldxr/ldaxr + stxr/stlxr, fully-ordered adds a trailing `dmb ish`). Other architectures
// use the __atomic builtins, fully-ordered bracketed by sequentially consistent fences.
// `order` and `op` are compile-time constants after inlining, so each call folds to one form.
#include <stdint.h>
#include "litmus_fences.h"

#define _LITMUS_RELAXED 0
#define _LITMUS_ACQUIRE 1
#define _LITMUS_RELEASE 2
#define _LITMUS_FULL 3

#define _LITMUS_OP_ADD 0
#define _LITMUS_OP_SUB 1
#define _LITMUS_OP_AND 2
#define _LITMUS_OP_OR 3
#define _LITMUS_OP_XOR 4
#define _LITMUS_OP_ANDNOT 5

#if defined(__x86_64__)
#define _LITMUS_RMW(bits)                                                                        \
    _LITMUS_INLINE uint##bits##_t _litmus_xchg_##bits(volatile uint##bits##_t *p, uint##bits##_t v, int order) { \
        (void)order;                                                                            \
        __asm__ __volatile__("xchg %0, %1" : "+r"(v), "+m"(*p) : : "memory");                   \
        return v;                                                                               \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_cmpxchg_##bits(volatile uint##bits##_t *p, uint##bits##_t old, \
                                                         uint##bits##_t new_, int order) {      \
        (void)order;                                                                            \
        uint##bits##_t prev;                                                                    \
        __asm__ __volatile__("lock; cmpxchg %2, %1"                                             \
                             : "=a"(prev), "+m"(*p) : "r"(new_), "0"(old) : "memory", "cc");    \
        return prev;                                                                            \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_xadd_##bits(volatile uint##bits##_t *p, uint##bits##_t v) { \
        __asm__ __volatile__("lock; xadd %0, %1" : "+r"(v), "+m"(*p) : : "memory", "cc");       \
        return v;                                                                               \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_fetch_op_##bits(volatile uint##bits##_t *p, uint##bits##_t v, \
                                                          int op, int order) {                  \
        if (op == _LITMUS_OP_ADD) return _litmus_xadd_##bits(p, v);                             \
        if (op == _LITMUS_OP_SUB) return _litmus_xadd_##bits(p, (uint##bits##_t)-v);           \
        /* No fetching form of and/or/xor: a lock cmpxchg loop, as Linux does. */               \
        uint##bits##_t old = *p;                                                                \
        for (;;) {                                                                              \
            uint##bits##_t new_ = op == _LITMUS_OP_AND ? (old & v)                              \
                                : op == _LITMUS_OP_OR ? (old | v)                               \
                                : op == _LITMUS_OP_XOR ? (old ^ v) : (old & ~v);                \
            uint##bits##_t prev = _litmus_cmpxchg_##bits(p, old, new_, order);                  \
            if (prev == old) return old;                                                        \
            old = prev;                                                                         \
        }                                                                                       \
    }
_LITMUS_RMW(8)
_LITMUS_RMW(16)
_LITMUS_RMW(32)
_LITMUS_RMW(64)

#elif defined(__aarch64__) && defined(__ARM_FEATURE_ATOMICS)
// LSE: one instruction; the fully-ordered form is the `al` variant (no trailing dmb).
#define _LITMUS_LSE_ASM(insn, r, sfx, ord, old, p, v)                                           \
    __asm__ __volatile__(insn ord sfx " %" r "[val], %" r "[old], %[mem]"                       \
                         : [old] "=r"(old), [mem] "+Q"(*(p)) : [val] "r"(v) : "memory")
#define _LITMUS_LSE_FUNCS(bits, r, sfx)                                                          \
    _LITMUS_INLINE uint##bits##_t _litmus_lse_##bits(volatile uint##bits##_t *p, uint##bits##_t v, \
                                                     int which, int order) {                    \
        uint##bits##_t old;                                                                     \
        _LITMUS_LSE_DISPATCH(bits, r, sfx, "swp", 0)                                            \
        _LITMUS_LSE_DISPATCH(bits, r, sfx, "ldadd", 1)                                          \
        _LITMUS_LSE_DISPATCH(bits, r, sfx, "ldclr", 2)                                          \
        _LITMUS_LSE_DISPATCH(bits, r, sfx, "ldset", 3)                                          \
        _LITMUS_LSE_DISPATCH(bits, r, sfx, "ldeor", 4)                                          \
        return old;                                                                             \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_xchg_##bits(volatile uint##bits##_t *p, uint##bits##_t v, int order) { \
        return _litmus_lse_##bits(p, v, 0, order);                                              \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_cmpxchg_##bits(volatile uint##bits##_t *p, uint##bits##_t old, \
                                                         uint##bits##_t new_, int order) {      \
        switch (order) {                                                                        \
        case _LITMUS_RELAXED: _LITMUS_LSE_CAS(r, sfx, ""); break;                               \
        case _LITMUS_ACQUIRE: _LITMUS_LSE_CAS(r, sfx, "a"); break;                              \
        case _LITMUS_RELEASE: _LITMUS_LSE_CAS(r, sfx, "l"); break;                              \
        default: _LITMUS_LSE_CAS(r, sfx, "al"); break;                                          \
        }                                                                                       \
        return old;                                                                             \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_fetch_op_##bits(volatile uint##bits##_t *p, uint##bits##_t v, \
                                                          int op, int order) {                  \
        switch (op) {                                                                           \
        case _LITMUS_OP_ADD: return _litmus_lse_##bits(p, v, 1, order);                         \
        case _LITMUS_OP_SUB: return _litmus_lse_##bits(p, (uint##bits##_t)-v, 1, order);        \
        case _LITMUS_OP_AND: return _litmus_lse_##bits(p, (uint##bits##_t)~v, 2, order);        \
        case _LITMUS_OP_OR: return _litmus_lse_##bits(p, v, 3, order);                          \
        case _LITMUS_OP_XOR: return _litmus_lse_##bits(p, v, 4, order);                         \
        default: return _litmus_lse_##bits(p, v, 2, order);                                     \
        }                                                                                       \
    }
#define _LITMUS_LSE_DISPATCH(bits, r, sfx, insn, code)                                          \
    if (which == code) {                                                                        \
        switch (order) {                                                                        \
        case _LITMUS_RELAXED: _LITMUS_LSE_ASM(insn, r, sfx, "", old, p, v); break;              \
        case _LITMUS_ACQUIRE: _LITMUS_LSE_ASM(insn, r, sfx, "a", old, p, v); break;             \
        case _LITMUS_RELEASE: _LITMUS_LSE_ASM(insn, r, sfx, "l", old, p, v); break;             \
        default: _LITMUS_LSE_ASM(insn, r, sfx, "al", old, p, v); break;                         \
        }                                                                                       \
    }
// cas Ws, Wt, [Xn]: compares Ws with memory, stores Wt when equal, Ws receives the old value.
#define _LITMUS_LSE_CAS(r, sfx, ord)                                                            \
    __asm__ __volatile__("cas" ord sfx " %" r "[old], %" r "[new], %[mem]"                      \
                         : [old] "+r"(old), [mem] "+Q"(*p) : [new] "r"(new_) : "memory")
_LITMUS_LSE_FUNCS(8, "w", "b")
_LITMUS_LSE_FUNCS(16, "w", "h")
_LITMUS_LSE_FUNCS(32, "w", "")
_LITMUS_LSE_FUNCS(64, "x", "")

#elif defined(__aarch64__)
// LL/SC as Linux's ll_sc.h: relaxed ldxr/stxr, acquire ldaxr/stxr, release ldxr/stlxr,
// fully-ordered ldxr/stlxr then `dmb ish`. A failed cmpxchg skips the barrier, as in Linux.
#define _LITMUS_LLSC_XCHG(r, sfx, acq, rel, mb)                                                  \
    __asm__ __volatile__("1: ld" acq "xr" sfx " %" r "[old], %[mem]\n"                          \
                         "   st" rel "xr" sfx " %w[status], %" r "[val], %[mem]\n"              \
                         "   cbnz %w[status], 1b\n"                                             \
                         "   " mb                                                               \
                         : [old] "=&r"(old), [status] "=&r"(status), [mem] "+Q"(*p)             \
                         : [val] "r"(v) : "memory")
#define _LITMUS_LLSC_CAS(r, sfx, acq, rel, mb)                                                   \
    __asm__ __volatile__("1: ld" acq "xr" sfx " %" r "[old], %[mem]\n"                          \
                         "   cmp %" r "[old], %" r "[expected]\n"                               \
                         "   b.ne 2f\n"                                                         \
                         "   st" rel "xr" sfx " %w[status], %" r "[new], %[mem]\n"              \
                         "   cbnz %w[status], 1b\n"                                             \
                         "   " mb "\n"                                                          \
                         "2:"                                                                   \
                         : [old] "=&r"(prev), [status] "=&r"(status), [mem] "+Q"(*p)            \
                         : [expected] "r"(expected), [new] "r"(new_) : "memory", "cc")
#define _LITMUS_LLSC_OP(insn, r, sfx, acq, rel, mb)                                             \
    __asm__ __volatile__("1: ld" acq "xr" sfx " %" r "[old], %[mem]\n"                          \
                         "   " insn " %" r "[result], %" r "[old], %" r "[val]\n"               \
                         "   st" rel "xr" sfx " %w[status], %" r "[result], %[mem]\n"           \
                         "   cbnz %w[status], 1b\n"                                             \
                         "   " mb                                                               \
                         : [old] "=&r"(old), [result] "=&r"(result), [status] "=&r"(status),    \
                           [mem] "+Q"(*p)                                                       \
                         : [val] "r"(v) : "memory")
#define _LITMUS_LLSC_SWITCH(order, ASM, ...)                                                    \
    switch (order) {                                                                            \
    case _LITMUS_RELAXED: ASM(__VA_ARGS__, "", "", ""); break;                                  \
    case _LITMUS_ACQUIRE: ASM(__VA_ARGS__, "a", "", ""); break;                                 \
    case _LITMUS_RELEASE: ASM(__VA_ARGS__, "", "l", ""); break;                                 \
    default: ASM(__VA_ARGS__, "", "l", "dmb ish"); break;                                       \
    }
#define _LITMUS_RMW(bits, r, sfx, wide_t)                                                        \
    _LITMUS_INLINE uint##bits##_t _litmus_xchg_##bits(volatile uint##bits##_t *p, uint##bits##_t v, int order) { \
        wide_t old;                                                                             \
        uint32_t status;                                                                        \
        _LITMUS_LLSC_SWITCH(order, _LITMUS_LLSC_XCHG, r, sfx)                                   \
        return (uint##bits##_t)old;                                                             \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_cmpxchg_##bits(volatile uint##bits##_t *p, uint##bits##_t old, \
                                                         uint##bits##_t new_, int order) {      \
        /* Widen so the comparison sees the zero-extended value ldxr{b,h} loads. */             \
        wide_t expected = old, prev;                                                            \
        uint32_t status;                                                                        \
        _LITMUS_LLSC_SWITCH(order, _LITMUS_LLSC_CAS, r, sfx)                                    \
        return (uint##bits##_t)prev;                                                            \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_fetch_op_##bits(volatile uint##bits##_t *p, uint##bits##_t v, \
                                                          int op, int order) {                  \
        wide_t old, result;                                                                     \
        uint32_t status;                                                                        \
        switch (op) {                                                                           \
        case _LITMUS_OP_ADD: _LITMUS_LLSC_SWITCH(order, _LITMUS_LLSC_OP, "add", r, sfx) break;  \
        case _LITMUS_OP_SUB: _LITMUS_LLSC_SWITCH(order, _LITMUS_LLSC_OP, "sub", r, sfx) break;  \
        case _LITMUS_OP_AND: _LITMUS_LLSC_SWITCH(order, _LITMUS_LLSC_OP, "and", r, sfx) break;  \
        case _LITMUS_OP_OR: _LITMUS_LLSC_SWITCH(order, _LITMUS_LLSC_OP, "orr", r, sfx) break;   \
        case _LITMUS_OP_XOR: _LITMUS_LLSC_SWITCH(order, _LITMUS_LLSC_OP, "eor", r, sfx) break;  \
        default: _LITMUS_LLSC_SWITCH(order, _LITMUS_LLSC_OP, "bic", r, sfx) break;              \
        }                                                                                       \
        return (uint##bits##_t)old;                                                             \
    }
_LITMUS_RMW(8, "w", "b", uint32_t)
_LITMUS_RMW(16, "w", "h", uint32_t)
_LITMUS_RMW(32, "w", "", uint32_t)
_LITMUS_RMW(64, "x", "", uint64_t)

#else
#define _LITMUS_MEMORDER(order)                                                                  \
    ((order) == _LITMUS_RELAXED ? __ATOMIC_RELAXED                                              \
     : (order) == _LITMUS_ACQUIRE ? __ATOMIC_ACQUIRE                                            \
     : (order) == _LITMUS_RELEASE ? __ATOMIC_RELEASE : __ATOMIC_SEQ_CST)
#define _LITMUS_FULL_FENCE(order) \
    if ((order) == _LITMUS_FULL) __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define _LITMUS_RMW(bits)                                                                        \
    _LITMUS_INLINE uint##bits##_t _litmus_xchg_##bits(volatile uint##bits##_t *p, uint##bits##_t v, int order) { \
        _LITMUS_FULL_FENCE(order);                                                              \
        uint##bits##_t old = __atomic_exchange_n(p, v, _LITMUS_MEMORDER(order));                \
        _LITMUS_FULL_FENCE(order);                                                              \
        return old;                                                                             \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_cmpxchg_##bits(volatile uint##bits##_t *p, uint##bits##_t old, \
                                                         uint##bits##_t new_, int order) {      \
        _LITMUS_FULL_FENCE(order);                                                              \
        int failure = order == _LITMUS_ACQUIRE || order == _LITMUS_FULL ? __ATOMIC_ACQUIRE      \
                                                                        : __ATOMIC_RELAXED;    \
        __atomic_compare_exchange_n(p, &old, new_, 0, _LITMUS_MEMORDER(order), failure);        \
        _LITMUS_FULL_FENCE(order);                                                              \
        return old;                                                                             \
    }                                                                                           \
    _LITMUS_INLINE uint##bits##_t _litmus_fetch_op_##bits(volatile uint##bits##_t *p, uint##bits##_t v, \
                                                          int op, int order) {                  \
        int memorder = _LITMUS_MEMORDER(order);                                                 \
        uint##bits##_t old;                                                                     \
        _LITMUS_FULL_FENCE(order);                                                              \
        switch (op) {                                                                           \
        case _LITMUS_OP_ADD: old = __atomic_fetch_add(p, v, memorder); break;                   \
        case _LITMUS_OP_SUB: old = __atomic_fetch_sub(p, v, memorder); break;                   \
        case _LITMUS_OP_AND: old = __atomic_fetch_and(p, v, memorder); break;                   \
        case _LITMUS_OP_OR: old = __atomic_fetch_or(p, v, memorder); break;                     \
        case _LITMUS_OP_XOR: old = __atomic_fetch_xor(p, v, memorder); break;                   \
        default: old = __atomic_fetch_and(p, (uint##bits##_t)~v, memorder); break;             \
        }                                                                                       \
        _LITMUS_FULL_FENCE(order);                                                              \
        return old;                                                                             \
    }
_LITMUS_RMW(8)
_LITMUS_RMW(16)
_LITMUS_RMW(32)
_LITMUS_RMW(64)
#endif

#endif
