import Glibc
import Testing

/// A deliberately low-level HTTP client for tests: it sends exactly the bytes given and
/// parses responses itself, so malformed requests reach the server unmodified.
///
/// The socket is non-blocking and waits by sleeping the task, never by blocking a thread,
/// so tests running in parallel never starve the cooperative pool that async handlers use.
final class RawClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (IPv4 or IPv6 loopback).
    init(port: Int, host: String = "127.0.0.1", receiveBuffer: Int32? = nil) throws {
        let ipv6 = host.contains(":")
        fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed: errno \(errno)") }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        let result: Int32
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = Self.connect(fd, to: address)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            result = Self.connect(fd, to: address)
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure(description: "connect to \(host):\(port) failed: errno \(code)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { Glibc.close(fd) }

    /// `connect(2)` of `fd` to `address` (a `sockaddr_in` or `sockaddr_in6`).
    private static func connect<Address>(_ fd: Int32, to address: Address) -> Int32 {
        withUnsafePointer(to: address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<Address>.size)) }
        }
    }

    /// Sends `text` as UTF-8.
    func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    /// Sends all of `bytes`, waiting while the socket is full (up to `timeout`).
    func send(_ bytes: [UInt8], timeout: Duration = .seconds(5)) async throws {
        var offset = 0
        let deadline = ContinuousClock.now + timeout
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                guard ContinuousClock.now < deadline else { throw Failure(description: "send timed out") }
                try await Task.sleep(for: .milliseconds(1))
            } else {
                throw Failure(description: "send failed: errno \(errno)")
            }
        }
    }

    /// Reads the next response. For a `HEAD` request pass `head: true` (no body follows).
    func readResponse(head: Bool = false, timeout: Duration = .seconds(5)) async throws -> RawResponse {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let response = try takeResponse(head: head) { return response }
            guard try await fill(until: deadline) else {
                throw Failure(description: "connection closed before a complete response; got \(String(decoding: buffer, as: UTF8.self).debugDescription)")
            }
        }
    }

    /// Reads until the server closes the connection; returns what arrived after any
    /// buffered bytes. Throws if it stays open past `timeout`.
    func readUntilClosed(timeout: Duration = .seconds(5)) async throws -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        while try await fill(until: deadline) {}
        defer { buffer = [] }
        return buffer
    }

    /// Whether the server closes the connection (EOF or reset) within `timeout`, reading
    /// and discarding anything it sends.
    func closesWithin(_ timeout: Duration) async throws -> Bool {
        do {
            _ = try await readUntilClosed(timeout: timeout)
            return true
        } catch let failure as Failure where failure.description == "read timed out" {
            return false
        }
    }

    /// How a connection ended, as ``readToEnd(timeout:)`` saw it.
    enum Ending: Equatable {
        /// An orderly close (FIN): `recv` returned 0.
        case closed
        /// An abort (RST): `recv` failed with `ECONNRESET`.
        case reset
    }

    /// Reads raw bytes until the server closes or resets the connection, including any
    /// bytes already buffered. Throws if it stays open past `timeout`.
    func readToEnd(timeout: Duration = .seconds(5)) async throws -> (bytes: [UInt8], ending: Ending) {
        let deadline = ContinuousClock.now + timeout
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                continue
            }
            let ending: Ending
            if count == 0 {
                ending = .closed
            } else if errno == ECONNRESET {
                ending = .reset
            } else {
                guard errno == EAGAIN || errno == EWOULDBLOCK else { throw Failure(description: "recv failed: errno \(errno)") }
                guard ContinuousClock.now < deadline else { throw Failure(description: "read timed out") }
                try await Task.sleep(for: .milliseconds(1))
                continue
            }
            defer { buffer = [] }
            return (buffer, ending)
        }
    }

    /// Half-closes: the server sees end of input but can still answer.
    func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Closes abruptly with a reset (SO_LINGER 0), as a crashing client would.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Reads what is available into the buffer; returns `false` on EOF or reset.
    private func fill(until deadline: ContinuousClock.Instant) async throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count == 0 { return false }
            if errno == ECONNRESET { return false }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { throw Failure(description: "recv failed: errno \(errno)") }
            guard ContinuousClock.now < deadline else { throw Failure(description: "read timed out") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    private func takeResponse(head: Bool) throws -> RawResponse? {
        guard let end = buffer.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound else { return nil }
        let lines = String(decoding: buffer[0..<(end - 4)], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusParts = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(lines[0].debugDescription)")
        }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header line \(line.debugDescription)") }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: [" "])))
        }
        var response = RawResponse(status: status, reason: statusParts.count > 2 ? String(statusParts[2]) : "", headers: headers, body: [])
        var bodyLength = 0
        if !head, !(100..<200).contains(status), status != 204, status != 304 {
            guard let length = response.header("Content-Length").flatMap({ Int($0) }) else {
                throw Failure(description: "response without Content-Length")
            }
            bodyLength = length
        }
        guard buffer.count - end >= bodyLength else { return nil }
        response.body = Array(buffer[end..<(end + bodyLength)])
        buffer.removeFirst(end + bodyLength)
        return response
    }
}

/// A response as the raw client parsed it.
struct RawResponse {
    var status: Int
    var reason: String
    var headers: [(String, String)]
    var body: [UInt8]

    /// The first value of header `name`, ignoring case.
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
