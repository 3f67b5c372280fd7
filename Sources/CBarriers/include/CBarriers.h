#ifndef CBARRIERS_H
#define CBARRIERS_H
// The C shim under the Swift `Barriers` module: inline asm and syscalls, no logic.
// Everything here is underscored; the documented API is the Swift one.
#include "litmus_fences.h"
#include "litmus_accesses.h"
#include "litmus_atomics.h"
#include "litmus_threads.h"
#include "litmus_cycles.h"
#endif
