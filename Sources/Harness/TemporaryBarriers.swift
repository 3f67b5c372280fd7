// TEMPORARY until the Barriers library lands on main: same names, no real ordering.
import Barriers

public struct Full { public init() {} }
public struct Read { public init() {} }
public struct Write { public init() {} }
public struct Relaxed { public init() {} }
public struct Acquire { public init() {} }
public struct Release { public init() {} }
public protocol BarrierOrdering {}
public protocol AtomicOrdering {}
extension Full: BarrierOrdering, AtomicOrdering {}
extension Read: BarrierOrdering {}
extension Write: BarrierOrdering {}
extension Relaxed: AtomicOrdering {}
extension Acquire: AtomicOrdering {}
extension Release: AtomicOrdering {}
extension BarrierOrdering where Self == Full { public static var full: Full { Full() } }
extension BarrierOrdering where Self == Read { public static var read: Read { Read() } }
extension BarrierOrdering where Self == Write { public static var write: Write { Write() } }
extension AtomicOrdering where Self == Relaxed { public static var relaxed: Relaxed { Relaxed() } }
extension AtomicOrdering where Self == Acquire { public static var acquire: Acquire { Acquire() } }
extension AtomicOrdering where Self == Release { public static var release: Release { Release() } }
extension AtomicOrdering where Self == Full { public static var full: Full { Full() } }

@inline(__always) public func smp_mb<O: BarrierOrdering>(_ o: O) {}
@inline(__always) public func mb<O: BarrierOrdering>(_ o: O) {}
@inline(__always) public func dma_mb<O: BarrierOrdering>(_ o: O) {}
@inline(__always) public func barrier() {}
@inline(__always) public func smp_mb__before_atomic() {}
@inline(__always) public func smp_mb__after_atomic() {}
@inline(__always) public func READ_ONCE(_ p: UnsafeMutablePointer<Int>) -> Int { p.pointee }
@inline(__always) public func WRITE_ONCE(_ p: UnsafeMutablePointer<Int>, _ v: Int) { p.pointee = v }
@inline(__always) public func smp_load_acquire(_ p: UnsafeMutablePointer<Int>) -> Int { p.pointee }
@inline(__always) public func smp_store_release(_ p: UnsafeMutablePointer<Int>, _ v: Int) { p.pointee = v }
@inline(__always) public func xchg<O: AtomicOrdering>(_ p: UnsafeMutablePointer<Int>, _ v: Int, _ o: O) -> Int { let old = p.pointee; p.pointee = v; return old }
@inline(__always) public func cmpxchg<O: AtomicOrdering>(_ p: UnsafeMutablePointer<Int>, _ e: Int, _ n: Int, _ o: O) -> Int { let old = p.pointee; if old == e { p.pointee = n }; return old }
@inline(__always) public func atomic_fetch_add<O: AtomicOrdering>(_ p: UnsafeMutablePointer<Int>, _ v: Int, _ o: O) -> Int { let old = p.pointee; p.pointee = old &+ v; return old }
@inline(__always) public func atomic_fetch_sub<O: AtomicOrdering>(_ p: UnsafeMutablePointer<Int>, _ v: Int, _ o: O) -> Int { let old = p.pointee; p.pointee = old &- v; return old }
@inline(__always) public func atomic_fetch_and<O: AtomicOrdering>(_ p: UnsafeMutablePointer<Int>, _ v: Int, _ o: O) -> Int { let old = p.pointee; p.pointee = old & v; return old }
@inline(__always) public func atomic_fetch_or<O: AtomicOrdering>(_ p: UnsafeMutablePointer<Int>, _ v: Int, _ o: O) -> Int { let old = p.pointee; p.pointee = old | v; return old }
@inline(__always) public func atomic_fetch_xor<O: AtomicOrdering>(_ p: UnsafeMutablePointer<Int>, _ v: Int, _ o: O) -> Int { let old = p.pointee; p.pointee = old ^ v; return old }
@inline(__always) public func atomic_fetch_andnot<O: AtomicOrdering>(_ p: UnsafeMutablePointer<Int>, _ v: Int, _ o: O) -> Int { let old = p.pointee; p.pointee = old & ~v; return old }

public enum PinResult: Equatable, Sendable { case pinned, unsupported, failed(Int32) }
public protocol ThreadPinning: Sendable {
    func availableCPUs() -> [Int]
    func pinCurrentThread(to cpu: Int) -> PinResult
}
public struct SystemThreadPinning: ThreadPinning {
    public init() {}
    public func availableCPUs() -> [Int] { [0, 1] }
    public func pinCurrentThread(to cpu: Int) -> PinResult { .pinned }
}
