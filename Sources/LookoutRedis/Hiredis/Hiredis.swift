internal import CHiredis

// The only file that touches hiredis: command formatting (redisFormatCommandArgv) and
// reply parsing (redisReader). Sockets are LookoutRedis's own (see RedisSocket), so no
// hiredis call here ever blocks.

/// Appends commands to an output buffer in RESP, formatted by hiredis.
enum RESPEncoder {
    /// Redis's `proto-max-bulk-len` default: the largest key or value a server accepts.
    static let maxArgumentBytes = 512 << 20

    /// Appends `arguments` (one command) to `buffer`.
    /// - Throws: ``RedisError/invalidRequest(_:)`` for an empty command,
    ///   ``RedisError/protocolViolation(_:)`` if hiredis cannot allocate.
    static func append(_ arguments: [[UInt8]], to buffer: inout [UInt8]) throws(RedisError) {
        guard !arguments.isEmpty else { throw RedisError.invalidRequest("a command needs at least its name") }
        guard arguments.count < Int(Int32.max) else { throw RedisError.invalidRequest("too many arguments (\(arguments.count))") }
        if let oversized = arguments.firstIndex(where: { $0.count > maxArgumentBytes }) {
            throw RedisError.invalidRequest("argument \(oversized) is \(arguments[oversized].count) bytes; Redis accepts at most 512 MiB per key or value")
        }
        // hiredis wants one pointer and one length per argument; lay the arguments out in one
        // contiguous scratch buffer (on the stack when small: no allocation per command) so
        // the pointers stay valid for the call.
        let total = arguments.reduce(0) { $0 + $1.count }
        var formatted: UnsafeMutablePointer<CChar>?
        let length: Int64 = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(total, 1)) { storage in
            withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: arguments.count) { pointers in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: arguments.count) { lengths in
                    let base = storage.baseAddress!
                    var offset = 0
                    for (index, argument) in arguments.enumerated() {
                        argument.withUnsafeBufferPointer { bytes in
                            if let source = bytes.baseAddress { (base + offset).initialize(from: source, count: bytes.count) }
                        }
                        pointers.initializeElement(at: index, to: UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self))
                        lengths.initializeElement(at: index, to: argument.count)
                        offset += argument.count
                    }
                    return CHiredis_format_argv(&formatted, Int32(arguments.count), pointers.baseAddress, lengths.baseAddress)
                }
            }
        }
        guard length >= 0, let formatted else { throw RedisError.protocolViolation("hiredis could not format the command (out of memory)") }
        defer { CHiredis_free_command(formatted) }
        formatted.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes in
            buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
    }
}

/// An incremental RESP2 reply parser (hiredis's redisReader) for one connection.
///
/// Not thread-safe by itself. `@unchecked Sendable` is sound because it is confined to one
/// thread: the only place that holds one is ``RedisConnection``'s state, where the event-loop
/// thread creates it (`startConnect`), feeds it and reads replies (`parse`) and drops it
/// (`fail`); callers on other threads never touch it.
final class RESPDecoder: @unchecked Sendable {
    private let reader: UnsafeMutablePointer<redisReader>

    /// - Throws: ``RedisError/protocolViolation(_:)`` if hiredis cannot allocate a reader.
    init() throws(RedisError) {
        guard let reader = CHiredis_reader_create() else { throw RedisError.protocolViolation("hiredis could not create a reply reader (out of memory)") }
        self.reader = reader
    }

    deinit { CHiredis_reader_free(reader) }

    /// Buffers bytes read from the socket.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(RedisError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if CHiredis_reader_feed(reader, base.assumingMemoryBound(to: CChar.self), bytes.count) != REDIS_OK {
            throw RedisError.protocolViolation(String(cString: CHiredis_reader_error(reader)))
        }
    }

    /// The next complete reply, or `nil` when more bytes are needed.
    /// - Throws: ``RedisError/protocolViolation(_:)`` when the bytes are not RESP2 (sticky).
    func next() throws(RedisError) -> RedisReply? {
        var reply: UnsafeMutablePointer<redisReply>?
        guard CHiredis_reader_get_reply(reader, &reply) == REDIS_OK else {
            throw RedisError.protocolViolation(String(cString: CHiredis_reader_error(reader)))
        }
        guard let reply else { return nil }
        defer { CHiredis_free_reply(reply) }
        return Self.convert(reply.pointee)
    }

    private static func convert(_ reply: redisReply) -> RedisReply {
        switch reply.type {
        case REDIS_REPLY_STRING:
            return .bulk(bytes(reply))
        case REDIS_REPLY_STATUS:
            return .status(String(decoding: bytes(reply), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(RedisServerError(reply: String(decoding: bytes(reply), as: UTF8.self)))
        case REDIS_REPLY_INTEGER:
            return .integer(Int64(reply.integer))
        case REDIS_REPLY_ARRAY:
            guard let elements = reply.element else { return .array([]) }
            return .array((0..<Int(reply.elements)).map { index in
                elements[index].map { convert($0.pointee) } ?? .null
            })
        default:
            return .null
        }
    }

    private static func bytes(_ reply: redisReply) -> [UInt8] {
        guard let text = reply.str, reply.len > 0 else { return [] }
        return text.withMemoryRebound(to: UInt8.self, capacity: Int(reply.len)) { Array(UnsafeBufferPointer(start: $0, count: Int(reply.len))) }
    }
}
