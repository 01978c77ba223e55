/// One Redis command: its arguments (the command name first) and where its keys are, so
/// the client can route it in a cluster.
///
/// ```swift
/// let set = RedisCommand("SET", "user:1", "Ada", "PX", "1000")
/// let raw = RedisCommand(arguments: [Array("GET".utf8), keyBytes])
/// ```
/// Keys of common commands are found from the command name (see ``keyPositions``); for any
/// other keyed command give them with ``init(arguments:keyPositions:)``.
public struct RedisCommand: Sendable, Hashable {
    /// The arguments, binary-safe; the first is the command name.
    public let arguments: [[UInt8]]
    /// Indexes into ``arguments`` of the command's keys (empty for keyless commands such as
    /// `PING` or `INFO`).
    public let keyPositions: [Int]

    /// A command from text arguments, e.g. `RedisCommand("SET", key, "v", "PX", "1000")`.
    public init(_ arguments: String...) {
        self.init(arguments: arguments.map { Array($0.utf8) })
    }

    /// A command from text arguments given as an array.
    public init(strings arguments: [String]) {
        self.init(arguments: arguments.map { Array($0.utf8) })
    }

    /// A command from binary-safe arguments; key positions are those known for its name.
    public init(arguments: [[UInt8]]) {
        self.arguments = arguments
        keyPositions = RedisCommandKeys.positions(in: arguments)
    }

    /// A command whose keys are at `keyPositions` (indexes into `arguments`).
    public init(arguments: [[UInt8]], keyPositions: [Int]) {
        self.arguments = arguments
        self.keyPositions = keyPositions.filter { $0 > 0 && $0 < arguments.count }
    }

    /// The command name in upper case (`GET`), or `""` for an empty command.
    public var name: String {
        guard let first = arguments.first else { return "" }
        return String(decoding: first, as: UTF8.self).uppercased()
    }

    /// The key arguments, in order.
    public var keys: [[UInt8]] { keyPositions.map { arguments[$0] } }

    /// The command name for metric labels: the name when it is a command this client knows,
    /// else `OTHER` (so label values stay bounded whatever callers send).
    var metricName: String {
        let name = self.name
        return RedisCommandKeys.isKnown(name) ? name : "OTHER"
    }
}
