// Linux APIs the HTTP server needs that Swift's Glibc module does not expose.
// Only Sources/LookoutHTTP/Server/LinuxAPI.swift imports this module.
#ifndef CLOOKOUTHTTP_SHIM_H
#define CLOOKOUTHTTP_SHIM_H

// Glibc's module map does not include these headers at all.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>

// accept4 is a GNU extension that <sys/socket.h> declares only under _GNU_SOURCE, which
// Swift's Glibc module is built without; declare it (glibc's own prototype) and wrap it.
extern int accept4(int fd, struct sockaddr *addr, socklen_t *addr_len, int flags);
static inline int CLookoutHTTP_accept4(int fd, struct sockaddr *addr, socklen_t *addr_len, int flags) {
    return accept4(fd, addr, addr_len, flags);
}

// pthread_setname_np is a GNU extension too; naming loop threads makes them visible in
// top -H, gdb and perf.
extern int pthread_setname_np(pthread_t thread, const char *name);
static inline int CLookoutHTTP_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}

// ioctl is variadic, which Swift cannot call. SIOCOUTQ gives the bytes of a TCP socket's
// send queue the peer has not acknowledged; the server waits for it to reach zero before
// an injected reset, because a reset discards whatever is still queued.
static inline int CLookoutHTTP_unacknowledged_bytes(int fd) {
    int bytes = 0;
    return ioctl(fd, SIOCOUTQ, &bytes) == 0 ? bytes : -1;
}

#endif
