#ifndef _BARRIERS_SHIMS_H
#define _BARRIERS_SHIMS_H
// The C shim under the Swift `Barriers` module: inline asm and syscalls, no logic.
// Everything here is underscored; the documented API is the Swift one. Thread pinning
// (syscalls) is the harness's, in _HarnessShims.
#include "litmus_fences.h"
#include "litmus_accesses.h"
#include "litmus_atomics.h"
#endif
