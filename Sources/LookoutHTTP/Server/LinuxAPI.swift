// The only Swift file that uses CLookoutHTTP: epoll, eventfd, accept4, SIOCOUTQ and thread names.
internal import CLookoutHTTP
import Glibc

/// An epoll instance, level-triggered, with its own buffer of ready events. Owned and
/// used by one event loop thread; ``close()`` releases it.
///
/// Level-triggered keeps the loop simple and fair: a connection that still has input
/// after one read is reported again on the next wait, so no connection starves others by
/// being drained in a loop, and no readiness is lost while a connection pauses reading
/// because its handler is still working.
struct Epoll {
    let fd: Int32
    private let events: UnsafeMutableBufferPointer<epoll_event>

    /// Readable.
    static let input = EPOLLIN.rawValue
    /// Writable.
    static let output = EPOLLOUT.rawValue
    /// Error or hang-up (always reported, never requested).
    static let failure = EPOLLERR.rawValue | EPOLLHUP.rawValue

    static func create(capacity: Int = 256) throws(HTTPServerError) -> Epoll {
        let fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw Socket.systemError(.systemResources, "epoll_create1") }
        return Epoll(fd: fd, events: .allocate(capacity: capacity))
    }

    /// Starts watching `target` for `events`; the event's data is the descriptor itself.
    @discardableResult
    func add(_ target: Int32, events: UInt32) -> Bool { control(EPOLL_CTL_ADD, target, events) }

    /// Changes the events watched for `target`.
    @discardableResult
    func modify(_ target: Int32, events: UInt32) -> Bool { control(EPOLL_CTL_MOD, target, events) }

    /// Stops watching `target`.
    func remove(_ target: Int32) { _ = epoll_ctl(fd, EPOLL_CTL_DEL, target, nil) }

    /// Waits up to `timeout` milliseconds (`-1`: forever); returns how many events are ready.
    func wait(timeout: Int32) -> Int {
        let count = epoll_wait(fd, events.baseAddress, Int32(events.count), timeout)
        return count < 0 ? 0 : Int(count)
    }

    /// The descriptor and event flags of ready event `index` from the last ``wait(timeout:)``.
    @inline(__always)
    func event(_ index: Int) -> (fd: Int32, events: UInt32) {
        (events[index].data.fd, events[index].events)
    }

    /// Closes the instance and frees the event buffer.
    func close() {
        Socket.close(fd)
        events.deallocate()
    }

    private func control(_ operation: Int32, _ target: Int32, _ flags: UInt32) -> Bool {
        var event = epoll_event()
        event.events = flags
        event.data.fd = target
        return epoll_ctl(fd, operation, target, &event) == 0
    }
}

/// The other Linux-only calls.
enum LinuxAPI {
    /// A non-blocking, close-on-exec eventfd, or `-1` with `errno` set.
    static func makeEventFD() -> Int32 {
        eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
    }

    /// `SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC`, for `socket(2)`.
    static let nonBlockingStreamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)

    /// `accept4` with `SOCK_NONBLOCK | SOCK_CLOEXEC`.
    static func accept(_ listener: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>) -> Int32 {
        CLookoutHTTP_accept4(listener, address, length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
    }

    /// Bytes written to the TCP socket `fd` that the peer has not acknowledged yet
    /// (`SIOCOUTQ`), or `0` if the kernel cannot tell.
    static func unacknowledgedBytes(_ fd: Int32) -> Int {
        Int(max(0, CLookoutHTTP_unacknowledged_bytes(fd)))
    }

    /// Names the calling thread (at most 15 characters are kept).
    static func setThreadName(_ name: String) {
        _ = CLookoutHTTP_set_thread_name(String(name.prefix(15)))
    }
}
