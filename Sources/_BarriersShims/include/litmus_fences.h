#ifndef LITMUS_FENCES_H
#define LITMUS_FENCES_H
// Fences exactly as Linux emits them (arch/x86 and arch/arm64 asm/barrier.h);
// other architectures fall back to C11 fences (the builtins under atomic_thread_fence).
// Freestanding: compiles with `clang -ffreestanding` for any target.

#define _LITMUS_INLINE static inline __attribute__((always_inline))
#define _LITMUS_ASM(text) __asm__ __volatile__(text ::: "memory")

// barrier(): the compiler may not move memory accesses across it; no instruction.
_LITMUS_INLINE void _litmus_barrier(void) { _LITMUS_ASM(""); }

#if defined(__x86_64__)
_LITMUS_INLINE void _litmus_mb(void) { _LITMUS_ASM("mfence"); }
_LITMUS_INLINE void _litmus_rmb(void) { _LITMUS_ASM("lfence"); }
_LITMUS_INLINE void _litmus_wmb(void) { _LITMUS_ASM("sfence"); }
// A locked add to the stack is a full barrier and cheaper than mfence (Linux's __smp_mb).
_LITMUS_INLINE void _litmus_smp_mb(void) {
    __asm__ __volatile__("lock; addl $0,-4(%%rsp)" ::: "memory", "cc");
}
// TSO keeps loads and stores in order among themselves: the compiler is all that can reorder.
_LITMUS_INLINE void _litmus_smp_rmb(void) { _litmus_barrier(); }
_LITMUS_INLINE void _litmus_smp_wmb(void) { _litmus_barrier(); }
_LITMUS_INLINE void _litmus_dma_mb(void) { _litmus_mb(); }
_LITMUS_INLINE void _litmus_dma_rmb(void) { _litmus_barrier(); }
_LITMUS_INLINE void _litmus_dma_wmb(void) { _litmus_barrier(); }
// Locked instructions already order everything on x86.
_LITMUS_INLINE void _litmus_smp_mb__before_atomic(void) { _litmus_barrier(); }
_LITMUS_INLINE void _litmus_smp_mb__after_atomic(void) { _litmus_barrier(); }
// Taking a lock is already a full barrier on x86.
_LITMUS_INLINE void _litmus_smp_mb__after_spinlock(void) { _litmus_barrier(); }
// Spin-wait hint (Linux's cpu_relax: `rep; nop`).
_LITMUS_INLINE void _litmus_cpu_relax(void) { _LITMUS_ASM("pause"); }

#elif defined(__aarch64__)
_LITMUS_INLINE void _litmus_mb(void) { _LITMUS_ASM("dsb sy"); }
_LITMUS_INLINE void _litmus_rmb(void) { _LITMUS_ASM("dsb ld"); }
_LITMUS_INLINE void _litmus_wmb(void) { _LITMUS_ASM("dsb st"); }
_LITMUS_INLINE void _litmus_smp_mb(void) { _LITMUS_ASM("dmb ish"); }
_LITMUS_INLINE void _litmus_smp_rmb(void) { _LITMUS_ASM("dmb ishld"); }
_LITMUS_INLINE void _litmus_smp_wmb(void) { _LITMUS_ASM("dmb ishst"); }
_LITMUS_INLINE void _litmus_dma_mb(void) { _LITMUS_ASM("dmb osh"); }
_LITMUS_INLINE void _litmus_dma_rmb(void) { _LITMUS_ASM("dmb oshld"); }
_LITMUS_INLINE void _litmus_dma_wmb(void) { _LITMUS_ASM("dmb oshst"); }
// arm64 has no cheaper form: asm-generic makes these smp_mb().
_LITMUS_INLINE void _litmus_smp_mb__before_atomic(void) { _litmus_smp_mb(); }
_LITMUS_INLINE void _litmus_smp_mb__after_atomic(void) { _litmus_smp_mb(); }
_LITMUS_INLINE void _litmus_smp_mb__after_spinlock(void) { _litmus_smp_mb(); }
_LITMUS_INLINE void _litmus_cpu_relax(void) { _LITMUS_ASM("yield"); }

#else
// Fallback: C11 fences. Read/write barriers become acquire/release fences, which order
// at least what rmb/wmb order.
_LITMUS_INLINE void _litmus_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
_LITMUS_INLINE void _litmus_rmb(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
_LITMUS_INLINE void _litmus_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
_LITMUS_INLINE void _litmus_smp_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
_LITMUS_INLINE void _litmus_smp_rmb(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
_LITMUS_INLINE void _litmus_smp_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
_LITMUS_INLINE void _litmus_dma_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
_LITMUS_INLINE void _litmus_dma_rmb(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
_LITMUS_INLINE void _litmus_dma_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
_LITMUS_INLINE void _litmus_smp_mb__before_atomic(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
_LITMUS_INLINE void _litmus_smp_mb__after_atomic(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
_LITMUS_INLINE void _litmus_smp_mb__after_spinlock(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
_LITMUS_INLINE void _litmus_cpu_relax(void) { _litmus_barrier(); }
#endif

#endif
