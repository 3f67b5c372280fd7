// The harness's timestamp (_HarnessShims' litmus_cycles.h), as a non-inline function so the
// disassembly shows what it emits. Compiled by ShimDisassemblyTests, freestanding.
#include "litmus_cycles.h"

uint64_t probe_get_cycles(void) { return _litmus_get_cycles(); }
