#include "CLookoutThread.h"
#include <stdatomic.h>

_Thread_local uint32_t CLookoutThread_slot = CLOOKOUT_THREAD_UNASSIGNED;
static _Atomic uint32_t CLookoutThread_nextSlot;

uint32_t CLookoutThread_assignSlot(void) {
    uint32_t slot;
    do { // after 2^32 threads the numbers wrap: skip the two values that are not slots
        slot = atomic_fetch_add_explicit(&CLookoutThread_nextSlot, 1, memory_order_relaxed) + 1;
    } while (slot == 0 || slot == CLOOKOUT_THREAD_UNASSIGNED);
    CLookoutThread_slot = slot;
    return slot;
}
