/// How important a log line is; a logger writes lines at its level and above.
enum LogLevel: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Detail for debugging: timeouts, connection events.
    case debug
    /// Normal operation: startup, shutdown, one access-log line per request.
    case info
    /// Something unexpected that the service survived.
    case warning
    /// A failure: a handler error, a server that cannot start.
    case error

    /// The name written in log lines and accepted by `--log-level`.
    var name: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    /// The level named `text` (`debug`, `info`, `warning` or `warn`, `error`; any case).
    init?(name text: String) {
        switch text.lowercased() {
        case "debug": self = .debug
        case "info": self = .info
        case "warning", "warn": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How log lines are written.
enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// `key=value` pairs, values quoted when needed: easy to read and to grep.
    case logfmt
    /// One JSON object per line, keys in a fixed order: for log shippers.
    case json
}
