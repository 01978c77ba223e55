// A per-thread small integer for Lookout's contention striping.
//
// Swift has no thread-local storage of its own, and pthread_getspecific costs a call per
// read. A C11 _Thread_local read inlined into Swift is one instruction, which keeps the
// striped (contended) counter path as cheap as the uncontended one.
#ifndef CLOOKOUT_THREAD_H
#define CLOOKOUT_THREAD_H

#include <stdint.h>

/// The value of a thread's slot before it is assigned one: never a real slot number,
/// and never equal to 0, the "no owner yet" mark metrics keep, so comparing an owner
/// with CLookoutThread_peekSlot() needs no separate "assigned?" test.
#define CLOOKOUT_THREAD_UNASSIGNED UINT32_MAX

extern _Thread_local uint32_t CLookoutThread_slot;

/// Assigns the calling thread the next slot number (1, 2, 3, ...; never 0 or
/// CLOOKOUT_THREAD_UNASSIGNED) and returns it.
uint32_t CLookoutThread_assignSlot(void);

/// The calling thread's slot number: distinct per thread, never 0, assigned on first use.
static inline uint32_t CLookoutThread_currentSlot(void) {
    uint32_t slot = CLookoutThread_slot;
    return slot != CLOOKOUT_THREAD_UNASSIGNED ? slot : CLookoutThread_assignSlot();
}

/// The calling thread's slot number, or CLOOKOUT_THREAD_UNASSIGNED if it has none yet:
/// one load, no call, for fast paths that only compare it with an owner.
static inline uint32_t CLookoutThread_peekSlot(void) {
    return CLookoutThread_slot;
}

#endif
