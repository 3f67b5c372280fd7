#ifndef LITMUS_CYCLES_H
#define LITMUS_CYCLES_H
// A cheap timestamp for the harness to tell whether threads' iterations overlapped in time
// (the kernel's get_cycles()). Not ordered against memory accesses on purpose: no fence, no
// "memory" clobber, so it never orders the accesses under test. Freestanding, like the fences.
#include <stdint.h>

#define _LITMUS_CYCLES_INLINE static inline __attribute__((always_inline))

#if defined(__x86_64__)
// The TSC: constant-rate and synchronised across cores on current x86-64 (constant_tsc).
_LITMUS_CYCLES_INLINE uint64_t _litmus_get_cycles(void) {
    uint32_t lo, hi;
    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}
#elif defined(__aarch64__)
// The virtual counter: system-wide, readable from EL0 under Linux (arch_timer_read_counter).
_LITMUS_CYCLES_INLINE uint64_t _litmus_get_cycles(void) {
    uint64_t value;
    __asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(value));
    return value;
}
#else
// Elsewhere: the monotonic clock in nanoseconds (HarnessShims.c; a vDSO call on Linux).
uint64_t _litmus_monotonic_nanoseconds(void);
_LITMUS_CYCLES_INLINE uint64_t _litmus_get_cycles(void) { return _litmus_monotonic_nanoseconds(); }
#endif

#endif
