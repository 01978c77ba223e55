#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Non-blocking TCP sockets for Redis connections: the few POSIX calls LookoutRedis makes
/// itself (hiredis only formats and parses). Every call returns at once.
enum RedisSocket {
    /// Outcome of a non-blocking read or write.
    enum Transfer {
        /// This many bytes moved (never 0 for a read: that is ``closed``).
        case bytes(Int)
        /// The socket is not ready (`EAGAIN`); poll and try again.
        case wouldBlock
        /// The peer closed the connection (a read returned 0).
        case closed
        /// The call failed with this `errno` text.
        case failed(String)
    }

    /// Starts connecting to `endpoint`: resolves it (IPv4 first, like hiredis), creates a
    /// non-blocking socket with `TCP_NODELAY` and `FD_CLOEXEC`, and calls `connect`.
    /// Returns the socket, connected or still connecting (poll for writability, then ``connectResult(_:)``).
    static func startConnect(to endpoint: RedisEndpoint) throws(RedisError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let list else {
            throw RedisError.connection(endpoint: endpoint.description, reason: "cannot resolve '\(endpoint.host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var candidates: [UnsafeMutablePointer<addrinfo>] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = list
        while let entry = cursor { candidates.append(entry); cursor = entry.pointee.ai_next }
        candidates.sort { ($0.pointee.ai_family == AF_INET ? 0 : 1) < ($1.pointee.ai_family == AF_INET ? 0 : 1) }
        var lastError = "no address"
        for entry in candidates {
            let fd = socket(entry.pointee.ai_family, entry.pointee.ai_socktype, entry.pointee.ai_protocol)
            guard fd >= 0 else { lastError = errnoText(); continue }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if connect(fd, entry.pointee.ai_addr, entry.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                return fd
            }
            lastError = errnoText()
            close(fd)
        }
        throw RedisError.connection(endpoint: endpoint.description, reason: lastError)
    }

    /// After a connecting socket polled writable: `nil` when connected, else the error text.
    static func connectResult(_ fd: Int32) -> String? {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return errnoText() }
        return error == 0 ? nil : String(cString: strerror(error))
    }

    /// Writes as much of `bytes` as the socket takes now, without `SIGPIPE`.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Transfer {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .bytes(0) }
        while true {
            #if canImport(Darwin)
            let sent = Darwin.send(fd, base, bytes.count, 0)
            #else
            let sent = send(fd, base, bytes.count, Int32(MSG_NOSIGNAL))
            #endif
            if sent >= 0 { return .bytes(sent) }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
            return .failed(errnoText())
        }
    }

    /// Reads what is available into `buffer`.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Transfer {
        while true {
            let received = recv(fd, buffer.baseAddress, buffer.count, 0)
            if received > 0 { return .bytes(received) }
            if received == 0 { return .closed }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
            return .failed(errnoText())
        }
    }

    /// Closes a socket.
    static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #elseif canImport(Musl)
        _ = Musl.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
