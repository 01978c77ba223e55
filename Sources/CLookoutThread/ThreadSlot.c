#include "CLookoutThread.h"
#include <stdatomic.h>

_Thread_local uint32_t CLookoutThread_slot;
static _Atomic uint32_t CLookoutThread_nextSlot;

uint32_t CLookoutThread_assignSlot(void) {
    uint32_t slot = atomic_fetch_add_explicit(&CLookoutThread_nextSlot, 1, memory_order_relaxed) + 1;
    if (slot == 0) { // wrapped after 2^32 threads: skip the "unassigned" value
        slot = atomic_fetch_add_explicit(&CLookoutThread_nextSlot, 1, memory_order_relaxed) + 1;
    }
    CLookoutThread_slot = slot;
    return slot;
}
