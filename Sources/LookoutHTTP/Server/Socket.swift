import Glibc

/// Thin, typed wrappers over the socket system calls the server makes.
///
/// Every descriptor is non-blocking and close-on-exec. Sends use `MSG_NOSIGNAL`, so a
/// client that disconnects mid-response yields `EPIPE` instead of a process-killing
/// `SIGPIPE`, without the library touching process-wide signal dispositions.
enum Socket {
    /// The outcome of a read or write.
    enum IOResult: Equatable {
        /// This many bytes were transferred (more than zero).
        case transferred(Int)
        /// The peer closed its sending side (reads only).
        case endOfFile
        /// Nothing can be transferred now; wait for readiness.
        case wouldBlock
        /// The connection failed (reset, broken pipe); close it.
        case failed(Int32)
    }

    /// The outcome of an `accept`.
    enum AcceptResult {
        case accepted(Int32, SocketAddress)
        /// No pending connection.
        case wouldBlock
        /// Out of descriptors or memory: pause accepting for a moment.
        case exhausted
        /// A transient failure (the client gave up); try the next one.
        case retry
    }

    /// Creates, binds and listens on a socket for `address`, with `SO_REUSEADDR`
    /// (and, for IPv6, `IPV6_V6ONLY` off so `::` also accepts IPv4).
    static func listen(on address: SocketAddress, backlog: Int) throws(HTTPServerError) -> (fd: Int32, bound: SocketAddress) {
        let fd = socket(address.family, LinuxAPI.nonBlockingStreamType, 0)
        guard fd >= 0 else { throw systemError(.systemResources, "socket") }
        do throws(HTTPServerError) {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            if address.family == AF_INET6 { try setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 0) }
            let bindResult = withUnsafeBytes(of: address.storage) { raw in
                Glibc.bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), address.length)
            }
            guard bindResult == 0 else {
                let code = errno
                throw HTTPServerError(
                    code == EADDRINUSE ? .addressInUse : .bindFailed,
                    "cannot bind \(address.description): \(errorText(code))"
                        + (code == EADDRINUSE ? "; stop the other server or choose another port (0 picks a free one)" : ""))
            }
            guard Glibc.listen(fd, Int32(clamping: backlog)) == 0 else { throw systemError(.bindFailed, "listen on \(address.description)") }
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let nameResult = withUnsafeMutableBytes(of: &storage) { raw in
                getsockname(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
            }
            guard nameResult == 0 else { throw systemError(.bindFailed, "getsockname") }
            return (fd, SocketAddress(storage: storage, length: length))
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Accepts one pending connection, non-blocking, with `TCP_NODELAY` set.
    static func accept(_ listener: Int32) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutableBytes(of: &storage) { raw in
            LinuxAPI.accept(listener, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length)
        }
        guard fd >= 0 else {
            switch errno {
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted
            default: return .retry
            }
        }
        // Responses are written whole, so Nagle's algorithm would only add latency.
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return .accepted(fd, SocketAddress(storage: storage, length: length))
    }

    /// Reads up to `count` bytes into `buffer`.
    @inline(__always)
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> IOResult {
        while true {
            let result = recv(fd, buffer, count, 0)
            if result > 0 { return .transferred(result) }
            if result == 0 { return .endOfFile }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Writes up to `count` bytes from `buffer`.
    @inline(__always)
    static func send(_ fd: Int32, from buffer: UnsafeRawPointer, count: Int) -> IOResult {
        while true {
            let result = Glibc.send(fd, buffer, count, Int32(MSG_NOSIGNAL))
            if result >= 0 { return .transferred(result) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Stops sending (FIN) while still reading, for a lingering close.
    static func shutdownWrite(_ fd: Int32) { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Makes the next ``close(_:)`` of `fd` abort the connection with a TCP reset
    /// (`SO_LINGER` on with a zero timeout) instead of a graceful FIN.
    static func resetOnClose(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    /// Closes `fd`; errors are ignored because the descriptor is gone either way.
    static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    private static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(HTTPServerError) {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw systemError(.bindFailed, "setsockopt")
        }
    }

    /// An error for the failed call `operation`, with the current `errno` explained.
    static func systemError(_ code: HTTPServerError.Code, _ operation: String) -> HTTPServerError {
        HTTPServerError(code, "\(operation) failed: \(errorText(errno))")
    }

    /// The system's description of `code`, for example "Address already in use (errno 98)".
    static func errorText(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}
