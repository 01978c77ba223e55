/// Why a stored value could not be read as the chunk it was expected to be. Every case is
/// a cache miss (counted under the `corrupt` reason), never a crash and never a wrong
/// candle: the caller refetches the chunk and overwrites the value.
public enum ChunkDecodingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value does not start with the chunk magic: someone else's data under our key.
    case foreign
    /// Written by another format version of this encoder.
    case unsupportedVersion(UInt8)
    /// An unknown compression codec byte.
    case unsupportedCodec(UInt8)
    /// Shorter than its header says.
    case truncated
    /// The payload's checksum does not match the header.
    case checksumMismatch
    /// A well-formed chunk of another series, interval or start time than the key names.
    case wrongChunk
    /// Decompression or field decoding failed; the message says where.
    case malformed(String)

    public var description: String {
        switch self {
        case .foreign: "not a Lookout candle chunk (wrong magic)"
        case .unsupportedVersion(let version): "candle chunk format version \(version) is not supported (expected \(CandleChunkCodec.formatVersion))"
        case .unsupportedCodec(let codec): "candle chunk codec \(codec) is unknown"
        case .truncated: "candle chunk is truncated"
        case .checksumMismatch: "candle chunk checksum does not match its payload"
        case .wrongChunk: "candle chunk describes another interval, start or size than its key"
        case .malformed(let detail): "candle chunk is malformed: \(detail)"
        }
    }
}
