// A per-thread small integer for Lookout's contention striping.
//
// Swift has no thread-local storage of its own, and pthread_getspecific costs a call per
// read. A C11 _Thread_local read inlined into Swift is one instruction, which keeps the
// striped (contended) counter path as cheap as the uncontended one.
#ifndef CLOOKOUT_THREAD_H
#define CLOOKOUT_THREAD_H

#include <stdint.h>

extern _Thread_local uint32_t CLookoutThread_slot;

/// Assigns the calling thread the next slot number (1, 2, 3, ...) and returns it.
uint32_t CLookoutThread_assignSlot(void);

/// The calling thread's slot number: distinct per thread, never 0, assigned on first use.
static inline uint32_t CLookoutThread_currentSlot(void) {
    uint32_t slot = CLookoutThread_slot;
    return slot != 0 ? slot : CLookoutThread_assignSlot();
}

#endif
