#ifndef LITMUS_THREADS_H
#define LITMUS_THREADS_H
// Thread pinning and the CPUs this process may use (implemented in HarnessShims.c).
#include <stdint.h>

// Writes up to `capacity` CPU numbers the calling thread may run on into `cpus`;
// returns how many there are (may exceed capacity), or -errno.
int32_t _litmus_available_cpus(int32_t *cpus, int32_t capacity);

// Pins the calling thread to `cpu`: 0 on success, an errno value on failure,
// -1 where the system has no pinning (macOS).
int32_t _litmus_pin_current_thread(int32_t cpu);

#endif
