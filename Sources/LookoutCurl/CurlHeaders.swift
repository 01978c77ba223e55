@_exported import LookoutHTTPTypes

/// The header fields of a curl request or response: the shared ``HTTPHeaders`` (ordered,
/// case-insensitive lookup, repeated fields kept).
///
/// ```swift
/// let headers: CurlHeaders = ["Accept": "application/json"]
/// response.headers["content-type"]   // "application/json; charset=utf-8"
/// ```
public typealias CurlHeaders = HTTPHeaders

extension HTTPHeaders {
    /// Parses one raw header line as libcurl delivers it ("Name: value\r\n").
    /// Returns `nil` for the status line, the blank final line and malformed lines.
    static func parseLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Field? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = colon + 1
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<colon]), as: UTF8.self)
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return Field(name: name, value: value)
    }
}
