import Barriers

// Message passing: the writer publishes `data` before `ready`; a reader that sees the
// flag must see the data.
let data = UnsafeMutablePointer<Int>.allocate(capacity: 1)
let ready = UnsafeMutablePointer<Int>.allocate(capacity: 1)
WRITE_ONCE(data, 0)
WRITE_ONCE(ready, 0)

WRITE_ONCE(data, 42)
smp_mb(.full)
smp_store_release(ready, 1)

if smp_load_acquire(ready) == 1 {
    print("data =", READ_ONCE(data))
}
