#ifndef _HARNESS_SHIMS_H
#define _HARNESS_SHIMS_H
// The harness's C shim: thread pinning syscalls, no logic.
#include "litmus_threads.h"
#endif
