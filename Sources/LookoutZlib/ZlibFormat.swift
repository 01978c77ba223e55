/// The container around a deflate stream.
public enum ZlibFormat: Sendable, Hashable {
    /// RFC 1952 gzip (what HTTP `Content-Encoding: gzip` means).
    case gzip
    /// RFC 1950 zlib (2-byte header, Adler-32 trailer): compact, for stored blobs.
    case zlib
    /// RFC 1951 raw deflate, no header or checksum.
    case raw

    /// The `windowBits` zlib expects for this container with a 32 KiB window.
    var windowBits: Int32 {
        switch self {
        case .gzip: return 15 + 16
        case .zlib: return 15
        case .raw: return -15
        }
    }
}

/// A deflate compression level: higher is smaller and slower.
public struct CompressionLevel: Sendable, Hashable {
    /// zlib's level, 0 (store) through 9 (best).
    public let rawValue: Int32

    /// A level between 0 and 9; values outside are clamped.
    public init(_ level: Int) {
        rawValue = Int32(max(0, min(9, level)))
    }

    /// Level 1: fastest, for large bodies on hot paths.
    public static let fastest = CompressionLevel(1)
    /// Level 6: zlib's default balance.
    public static let `default` = CompressionLevel(6)
    /// Level 9: smallest output.
    public static let best = CompressionLevel(9)
}
