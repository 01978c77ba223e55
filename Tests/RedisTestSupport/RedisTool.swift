import Foundation

/// Finds and runs the Redis binaries tests use (`redis-server`, `redis-cli`), failing with
/// the command that installs a missing one.
public enum RedisTool {
    /// The absolute path of `name` on `PATH`.
    /// - Throws: ``RedisTestError`` naming the Debian packages to install.
    public static func path(_ name: String) throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw RedisTestError("'\(name)' is not installed; install it with: apt-get install -y redis-server redis-tools (or run `make test`)")
    }

    /// Runs `redis-cli` with `arguments` to completion (at most `timeout`) and returns its
    /// standard output, trimmed.
    @discardableResult
    public static func cli(_ arguments: [String], timeout: Duration = .seconds(20)) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path("redis-cli"))
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let done = DispatchSemaphore(value: 0)
        let collected = LockedData()
        DispatchQueue.global().async {
            collected.set(output.fileHandleForReading.readDataToEndOfFile())
            done.signal()
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if done.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            throw RedisTestError("redis-cli \(arguments.joined(separator: " ")) did not finish within \(seconds) s")
        }
        process.waitUntilExit()
        let text = String(decoding: collected.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            throw RedisTestError("redis-cli \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
        }
        return text
    }

    /// A port in 20000…29999 that is free on 127.0.0.1 together with the port 10000 above it
    /// (a cluster node's bus port; kernel-picked ports may lie above 55535).
    public static func freeClusterPort() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20000...29999)
            if canBind(port), canBind(port + 10000) { return port }
        }
        throw RedisTestError("no free port pair (P, P+10000) found in 20000…29999")
    }

    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picked it).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RedisTestError("socket() failed: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw RedisTestError("bind() failed: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A failure of the Redis test support (missing binary, server that did not start…).
public struct RedisTestError: Error, CustomStringConvertible {
    /// What went wrong and how to fix it.
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Bytes handed from a reader thread to the waiting one.
final class LockedData: @unchecked Sendable {
    // @unchecked Sendable: `data` is only touched under `lock`.
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
