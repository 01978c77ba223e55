/// One-shot compression helpers for callers that do not keep a ``Deflater``/``Inflater``.
///
/// Each call allocates zlib state (about 256 KiB for deflate); on hot paths keep a
/// reusable ``Deflater`` instead.
public enum Zlib {
    /// Compresses `bytes` into one complete stream of `format`.
    public static func compress(
        _ bytes: [UInt8],
        format: ZlibFormat = .gzip,
        level: CompressionLevel = .default
    ) throws(ZlibError) -> [UInt8] {
        var deflater = try Deflater(format: format, level: level)
        var output: [UInt8] = []
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(ZlibError) in try deflater.compress(raw, appendingTo: &output) }
        }
        try result.get()
        return output
    }

    /// Decompresses one complete stream of `format`, refusing to produce more than
    /// `maxOutputBytes` bytes (default 64 MiB).
    public static func decompress(
        _ bytes: [UInt8],
        format: ZlibFormat = .gzip,
        maxOutputBytes: Int = 64 << 20
    ) throws(ZlibError) -> [UInt8] {
        var inflater = try Inflater(format: format)
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(ZlibError) in try inflater.decompress(raw, maxOutputBytes: maxOutputBytes) }
        }
        return try result.get()
    }
}
