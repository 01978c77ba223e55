// Allocation counting for benchmarks. The executable defines malloc and friends, which
// takes precedence over libc's for the whole process (the Swift runtime included), and
// forwards to glibc's __libc_* entry points.
#ifndef CMALLOC_COUNTER_H
#define CMALLOC_COUNTER_H
#include <stdint.h>
#include <stddef.h>

/// Starts or stops counting (off at start).
void CMallocCounter_enable(int enabled);
/// Allocations (malloc, calloc, realloc, aligned variants) counted so far.
uint64_t CMallocCounter_count(void);
/// Resets the count to zero.
void CMallocCounter_reset(void);
/// Bytes currently allocated, from mallinfo2 (for memory-per-series figures).
size_t CMallocCounter_bytesInUse(void);
#endif
