// The only Swift file that touches zlib's C API (CZlib). Everything else in Lookout
// compresses through `Deflater`, `Inflater` or the one-shot `Zlib` helpers below.
internal import CZlib

/// A reusable deflate compressor that owns one zlib stream.
///
/// Reusing a `Deflater` avoids zlib's ~256 KiB state allocation per body: `compress`
/// resets the stream and reuses it. It is `~Copyable` because it owns C memory, and it is
/// not thread-safe: keep one per thread or task (it is `Sendable`, so it can be moved).
public struct Deflater: ~Copyable, @unchecked Sendable {
    // @unchecked Sendable: the stream pointer is owned uniquely by this non-copyable value
    // and only used through `mutating`/`consuming` access, so no two threads can reach it
    // at once; moving the owner between threads is safe.
    private let stream: UnsafeMutablePointer<z_stream>
    /// The container this deflater writes.
    public let format: ZlibFormat

    /// Creates a compressor for `format` at `level`.
    /// - Throws: ``ZlibError`` if zlib cannot allocate its state.
    public init(format: ZlibFormat = .gzip, level: CompressionLevel = .default) throws(ZlibError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.format = format
        // memLevel 8 and the default strategy are zlib's own defaults.
        let rc = CZlib_deflateInit2(stream, level.rawValue, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY)
        guard rc == Z_OK else {
            let error = Self.error(rc, stream, "deflateInit2")
            stream.deallocate()
            throw error
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses `input` as one complete stream and appends it to `output`.
    ///
    /// - Throws: ``ZlibError`` if zlib fails, or if `input` is 4 GiB or more.
    public mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(ZlibError) {
        guard input.count < Int(UInt32.max) else {
            throw ZlibError(code: .internalError, message: "deflate: input of \(input.count) bytes is 4 GiB or more")
        }
        var rc = deflateReset(stream)
        guard rc == Z_OK else { throw Self.error(rc, stream, "deflateReset") }
        // deflateBound is an upper bound for one Z_FINISH call over the whole input,
        // header and trailer included, so a single call always completes.
        let bound = Int(deflateBound(stream, uLong(input.count)))
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        output.withUnsafeMutableBufferPointer { buffer in
            stream.pointee.next_out = buffer.baseAddress! + start
            stream.pointee.avail_out = uInt(bound)
            rc = CZlib.deflate(stream, Z_FINISH)
        }
        output.removeLast(Int(stream.pointee.avail_out))
        guard rc == Z_STREAM_END else {
            output.removeLast(output.count - start)
            throw Self.error(rc, stream, "deflate")
        }
    }

    /// Compresses `input` as one complete stream.
    public mutating func compress(_ input: UnsafeRawBufferPointer) throws(ZlibError) -> [UInt8] {
        var output: [UInt8] = []
        try compress(input, appendingTo: &output)
        return output
    }

    fileprivate static func error(_ rc: Int32, _ stream: UnsafeMutablePointer<z_stream>, _ operation: String) -> ZlibError {
        let detail = stream.pointee.msg.map { String(cString: $0) } ?? "code \(rc)"
        let code: ZlibError.Code
        switch rc {
        case Z_DATA_ERROR, Z_NEED_DICT: code = .corruptInput
        case Z_MEM_ERROR: code = .outOfMemory
        default: code = .internalError
        }
        return ZlibError(code: code, message: "\(operation): \(detail)")
    }
}

/// A reusable inflate decompressor that owns one zlib stream.
///
/// Same ownership and threading rules as ``Deflater``.
public struct Inflater: ~Copyable, @unchecked Sendable {
    // @unchecked Sendable: see Deflater; the stream is uniquely owned by this value.
    private let stream: UnsafeMutablePointer<z_stream>
    /// The container this inflater reads.
    public let format: ZlibFormat

    /// Creates a decompressor for `format`.
    public init(format: ZlibFormat = .gzip) throws(ZlibError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.format = format
        let rc = CZlib_inflateInit2(stream, format.windowBits)
        guard rc == Z_OK else {
            let error = Deflater.error(rc, stream, "inflateInit2")
            stream.deallocate()
            throw error
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Decompresses one complete stream.
    ///
    /// - Parameter maxOutputBytes: refuse to produce more than this many bytes (a guard
    ///   against decompression bombs); exceeding it throws ``ZlibError/Code/outputLimit``.
    /// - Throws: ``ZlibError`` for corrupt or truncated input, or when the limit is hit.
    public mutating func decompress(_ input: UnsafeRawBufferPointer, maxOutputBytes: Int) throws(ZlibError) -> [UInt8] {
        let rc = inflateReset(stream)
        guard rc == Z_OK else { throw Deflater.error(rc, stream, "inflateReset") }
        guard input.count <= Int(UInt32.max) else {
            throw ZlibError(code: .internalError, message: "inflate: input of \(input.count) bytes is over 4 GiB")
        }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        var output: [UInt8] = []
        var room = min(max(input.count * 4, 4096), maxOutputBytes + 1)
        while true {
            let before = output.count
            output.append(contentsOf: repeatElement(0, count: room))
            var code: Int32 = Z_OK
            output.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_out = buffer.baseAddress! + before
                stream.pointee.avail_out = uInt(room)
                code = inflate(stream, Z_NO_FLUSH)
            }
            output.removeLast(Int(stream.pointee.avail_out))
            if output.count > maxOutputBytes {
                throw ZlibError(code: .outputLimit, message: "inflate: output exceeds the limit of \(maxOutputBytes) bytes")
            }
            switch code {
            case Z_STREAM_END:
                return output
            case Z_OK:
                room = min(max(output.count, 4096), maxOutputBytes + 1 - output.count)
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                throw ZlibError(code: .truncatedInput, message: "inflate: input ended after \(input.count) bytes, before the end of the stream")
            default:
                throw Deflater.error(code, stream, "inflate")
            }
            if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                throw ZlibError(code: .truncatedInput, message: "inflate: input ended after \(input.count) bytes, before the end of the stream")
            }
        }
    }
}
