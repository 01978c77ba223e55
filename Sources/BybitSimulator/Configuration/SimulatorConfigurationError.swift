/// Why the simulator refused an instrument, a universe or a behaviour setting.
///
/// Every error names what it is about and how to fix it, for example
/// `instrument linear/BTCUSDT: tickSize must be positive; use a value such as "0.10"`.
/// `code` is bounded, so it is safe to count errors by it.
public struct SimulatorConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded classification of configuration errors.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String, Sendable {
            case invalidDecimal, invalidInstrument, duplicateInstrument, emptyUniverse, invalidBehavior
        }
        fileprivate let kind: Kind

        /// Text that is not a plain decimal number such as `"0.10"` or `"17071"`.
        public static let invalidDecimal = Code(kind: .invalidDecimal)
        /// An instrument with an impossible field (lower-case symbol, zero tick size, …).
        public static let invalidInstrument = Code(kind: .invalidInstrument)
        /// Two instruments with the same category and symbol.
        public static let duplicateInstrument = Code(kind: .duplicateInstrument)
        /// A universe without any instrument.
        public static let emptyUniverse = Code(kind: .emptyUniverse)
        /// A rate limit, latency, fault rule or header setting outside its valid range.
        public static let invalidBehavior = Code(kind: .invalidBehavior)

        /// The code's name, e.g. `invalidInstrument`.
        public var description: String { kind.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// What the problem is about, e.g. `instrument linear/BTCUSDT` or `faults[2]`.
    public let subject: String
    /// What was wrong and how to fix it.
    public let message: String

    /// Creates an error about `subject`.
    public init(_ code: Code, subject: String, _ message: String) {
        self.code = code
        self.subject = subject
        self.message = message
    }

    /// `subject: message`.
    public var description: String { "\(subject): \(message)" }
}
