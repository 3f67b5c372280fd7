#ifndef LITMUS_ACCESSES_H
#define LITMUS_ACCESSES_H
// Once-accesses (READ_ONCE/WRITE_ONCE: one volatile access of the full width) and
// acquire/release accesses as Linux emits them. Freestanding.
#include <stdint.h>
#include "litmus_fences.h"

#define _LITMUS_ONCE(bits)                                                                  \
    _LITMUS_INLINE uint##bits##_t _litmus_read_once_##bits(const volatile uint##bits##_t *p) { \
        return *p;                                                                         \
    }                                                                                      \
    _LITMUS_INLINE void _litmus_write_once_##bits(volatile uint##bits##_t *p, uint##bits##_t v) { \
        *p = v;                                                                            \
    }
_LITMUS_ONCE(8)
_LITMUS_ONCE(16)
_LITMUS_ONCE(32)
_LITMUS_ONCE(64)

#if defined(__x86_64__)
// TSO: a plain move already has acquire/release semantics; only the compiler must be held.
#define _LITMUS_ACQ_REL(bits)                                                                 \
    _LITMUS_INLINE uint##bits##_t _litmus_load_acquire_##bits(const volatile uint##bits##_t *p) { \
        uint##bits##_t v = *p;                                                               \
        _litmus_barrier();                                                                   \
        return v;                                                                            \
    }                                                                                        \
    _LITMUS_INLINE void _litmus_store_release_##bits(volatile uint##bits##_t *p, uint##bits##_t v) { \
        _litmus_barrier();                                                                   \
        *p = v;                                                                              \
    }
_LITMUS_ACQ_REL(8)
_LITMUS_ACQ_REL(16)
_LITMUS_ACQ_REL(32)
_LITMUS_ACQ_REL(64)

#elif defined(__aarch64__)
// LDAR/STLR in the width-specific forms; w registers below 64 bits, x registers at 64.
#define _LITMUS_ACQ_REL(bits, reg, sfx)                                                       \
    _LITMUS_INLINE uint##bits##_t _litmus_load_acquire_##bits(const volatile uint##bits##_t *p) { \
        uint##bits##_t v;                                                                    \
        __asm__ __volatile__("ldar" sfx " %" reg "0, %1" : "=r"(v) : "Q"(*p) : "memory");    \
        return v;                                                                            \
    }                                                                                        \
    _LITMUS_INLINE void _litmus_store_release_##bits(volatile uint##bits##_t *p, uint##bits##_t v) { \
        __asm__ __volatile__("stlr" sfx " %" reg "1, %0" : "=Q"(*p) : "r"(v) : "memory");    \
    }
_LITMUS_ACQ_REL(8, "w", "b")
_LITMUS_ACQ_REL(16, "w", "h")
_LITMUS_ACQ_REL(32, "w", "")
_LITMUS_ACQ_REL(64, "x", "")

#else
#define _LITMUS_ACQ_REL(bits)                                                                 \
    _LITMUS_INLINE uint##bits##_t _litmus_load_acquire_##bits(const volatile uint##bits##_t *p) { \
        return __atomic_load_n(p, __ATOMIC_ACQUIRE);                                         \
    }                                                                                        \
    _LITMUS_INLINE void _litmus_store_release_##bits(volatile uint##bits##_t *p, uint##bits##_t v) { \
        __atomic_store_n(p, v, __ATOMIC_RELEASE);                                            \
    }
_LITMUS_ACQ_REL(8)
_LITMUS_ACQ_REL(16)
_LITMUS_ACQ_REL(32)
_LITMUS_ACQ_REL(64)
#endif

#endif
