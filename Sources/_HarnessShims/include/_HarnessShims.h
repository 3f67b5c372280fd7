#ifndef _HARNESS_SHIMS_H
#define _HARNESS_SHIMS_H
// The harness's C shim: thread pinning syscalls and the cycle counter, no logic.
#include "litmus_threads.h"
#include "litmus_cycles.h"
#endif
