// The kernel's other spellings of this library's primitives, as unavailable stubs: a kernel
// developer who writes `smp_wmb()` or `xchg_acquire(p, v)` gets a compile error with the
// spelling to use (for the fences, a fix-it to the generic function; `renamed:` cannot carry the
// argument, so the message names it). One generic function per
// primitive with the ordering as an argument replaces the kernel's name-per-ordering families.


@available(*, unavailable, renamed: "smp_mb(_:)", message: "the ordering is an argument: smp_mb(.full)")
public func smp_mb() { fatalError("unavailable") }

@available(*, unavailable, renamed: "smp_mb(_:)", message: "the ordering is an argument: smp_mb(.read)")
public func smp_rmb() { fatalError("unavailable") }

@available(*, unavailable, renamed: "smp_mb(_:)", message: "the ordering is an argument: smp_mb(.write)")
public func smp_wmb() { fatalError("unavailable") }

@available(*, unavailable, renamed: "mb(_:)", message: "the ordering is an argument: mb(.full)")
public func mb() { fatalError("unavailable") }

@available(*, unavailable, renamed: "mb(_:)", message: "the ordering is an argument: mb(.read)")
public func rmb() { fatalError("unavailable") }

@available(*, unavailable, renamed: "mb(_:)", message: "the ordering is an argument: mb(.write)")
public func wmb() { fatalError("unavailable") }

@available(*, unavailable, renamed: "dma_mb(_:)", message: "the ordering is an argument: dma_mb(.full)")
public func dma_mb() { fatalError("unavailable") }

@available(*, unavailable, renamed: "dma_mb(_:)", message: "the ordering is an argument: dma_mb(.read)")
public func dma_rmb() { fatalError("unavailable") }

@available(*, unavailable, renamed: "dma_mb(_:)", message: "the ordering is an argument: dma_mb(.write)")
public func dma_wmb() { fatalError("unavailable") }


@available(*, unavailable, message: "use xchg(p, new, .relaxed)")
public func xchg_relaxed<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ new: Scalar) -> Scalar { fatalError("unavailable") }
@available(*, unavailable, message: "use cmpxchg(p, expected, new, .relaxed)")
public func cmpxchg_relaxed<Scalar: AtomicScalar>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ expected: Scalar, _ new: Scalar
) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use xchg(p, new, .acquire)")
public func xchg_acquire<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ new: Scalar) -> Scalar { fatalError("unavailable") }
@available(*, unavailable, message: "use cmpxchg(p, expected, new, .acquire)")
public func cmpxchg_acquire<Scalar: AtomicScalar>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ expected: Scalar, _ new: Scalar
) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use xchg(p, new, .release)")
public func xchg_release<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ new: Scalar) -> Scalar { fatalError("unavailable") }
@available(*, unavailable, message: "use cmpxchg(p, expected, new, .release)")
public func cmpxchg_release<Scalar: AtomicScalar>(
    _ pointer: UnsafeMutablePointer<Scalar>, _ expected: Scalar, _ new: Scalar
) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_add(p, value, .relaxed) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_add_relaxed<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_add(p, value, .acquire) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_add_acquire<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_add(p, value, .release) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_add_release<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_sub(p, value, .relaxed) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_sub_relaxed<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_sub(p, value, .acquire) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_sub_acquire<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_sub(p, value, .release) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_sub_release<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_and(p, value, .relaxed) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_and_relaxed<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_and(p, value, .acquire) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_and_acquire<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_and(p, value, .release) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_and_release<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_or(p, value, .relaxed) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_or_relaxed<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_or(p, value, .acquire) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_or_acquire<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_or(p, value, .release) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_or_release<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_xor(p, value, .relaxed) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_xor_relaxed<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_xor(p, value, .acquire) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_xor_acquire<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_xor(p, value, .release) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_xor_release<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_andnot(p, value, .relaxed) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_andnot_relaxed<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_andnot(p, value, .acquire) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_andnot_acquire<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }

@available(*, unavailable, message: "use atomic_fetch_andnot(p, value, .release) (pointer first, unlike the kernel's (i, v))")
public func atomic_fetch_andnot_release<Scalar: AtomicScalar>(_ pointer: UnsafeMutablePointer<Scalar>, _ value: Scalar) -> Scalar { fatalError("unavailable") }
