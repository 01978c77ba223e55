import LookoutBybit

/// The backend key of one chunk:
/// `<prefix>:v<format>:{<category>:<symbol>:<interval>}:<chunk size>:<chunk index>`.
///
/// The braces are a Redis Cluster hash tag: every chunk of one series lives on one slot,
/// so a range's chunks can be read in one pipeline. The version in the key
/// (``CandleChunkCodec/keyVersion``) changes only when the decoder stops reading older
/// values, so a new encoder never even reads values it could not decode.
struct ChunkKey: Sendable, Hashable {
    let category: BybitCategory
    let symbol: String
    let interval: KlineInterval
    let size: Int
    let index: Int64

    func render(prefix: String) -> String {
        "\(prefix):v\(CandleChunkCodec.keyVersion):{\(category.rawValue):\(symbol):\(interval.rawValue)}:\(size):\(index)"
    }
}
