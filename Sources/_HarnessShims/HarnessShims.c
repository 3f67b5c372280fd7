// Thread pinning and the cycle counter's fallback for the harness (syscalls, no barrier logic).
#define _GNU_SOURCE
#include "_HarnessShims.h"
#include <errno.h>
#include <time.h>

// The cycle counter's fallback where there is no counter instruction (litmus_cycles.h).
uint64_t _litmus_monotonic_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

int32_t _litmus_available_cpus(int32_t *cpus, int32_t capacity) {
    // Grow the set until the kernel's mask fits (machines with more than 1024 CPUs).
    for (int setSize = 1024; setSize <= (1 << 20); setSize *= 2) {
        cpu_set_t *set = CPU_ALLOC(setSize);
        if (set == NULL) return -ENOMEM;
        size_t bytes = CPU_ALLOC_SIZE(setSize);
        CPU_ZERO_S(bytes, set);
        if (sched_getaffinity(0, bytes, set) != 0) {
            int error = errno;
            CPU_FREE(set);
            if (error == EINVAL) continue;
            return -error;
        }
        int32_t count = 0;
        for (int cpu = 0; cpu < setSize; cpu++) {
            if (!CPU_ISSET_S(cpu, bytes, set)) continue;
            if (count < capacity) cpus[count] = cpu;
            count++;
        }
        CPU_FREE(set);
        return count;
    }
    return -EINVAL;
}

int32_t _litmus_pin_current_thread(int32_t cpu) {
    if (cpu < 0 || cpu >= (1 << 20)) return EINVAL;
    cpu_set_t *set = CPU_ALLOC(cpu + 1);
    if (set == NULL) return ENOMEM;
    size_t bytes = CPU_ALLOC_SIZE(cpu + 1);
    CPU_ZERO_S(bytes, set);
    CPU_SET_S(cpu, bytes, set);
    int error = pthread_setaffinity_np(pthread_self(), bytes, set);
    CPU_FREE(set);
    return error;
}

#else
#include <unistd.h>

int32_t _litmus_available_cpus(int32_t *cpus, int32_t capacity) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    if (online < 1) return -errno;
    for (int32_t cpu = 0; cpu < online && cpu < capacity; cpu++) cpus[cpu] = cpu;
    return (int32_t)online;
}

int32_t _litmus_pin_current_thread(int32_t cpu) {
    (void)cpu;
    return -1;
}
#endif
