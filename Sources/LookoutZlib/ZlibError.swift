/// A failure reported by zlib, with the library's own code and message.
///
/// `code` is bounded and stable, so it is safe to use as a metric label; `message` carries
/// zlib's detail (for example "incorrect header check") and the operation that failed.
public struct ZlibError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded classification of zlib failures.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String, Sendable { case corruptInput, truncatedInput, outputLimit, outOfMemory, internalError }
        fileprivate let kind: Kind

        /// The input is not valid data in the expected format (zlib's `Z_DATA_ERROR`).
        public static let corruptInput = Code(kind: .corruptInput)
        /// The input ended before the compressed stream did.
        public static let truncatedInput = Code(kind: .truncatedInput)
        /// Decompressing would exceed the caller's output limit (a guard against zip bombs).
        public static let outputLimit = Code(kind: .outputLimit)
        /// zlib could not allocate its state (`Z_MEM_ERROR`).
        public static let outOfMemory = Code(kind: .outOfMemory)
        /// zlib rejected its own state or parameters (`Z_STREAM_ERROR`, `Z_VERSION_ERROR`).
        public static let internalError = Code(kind: .internalError)

        public var description: String { kind.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// Human-readable detail: the operation and zlib's message.
    public let message: String

    /// Creates an error; normally only ``Zlib`` does this.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "zlib \(code): \(message)" }
}
