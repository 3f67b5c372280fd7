// The shim is header-only (static inline asm); SwiftPM wants one source file per C target.
#include "_BarriersShims.h"
