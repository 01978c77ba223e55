import LookoutBybit

/// Everything `lookout serve` can be configured with, after resolving flags, environment
/// variables, the config file and defaults (in that order of precedence).
struct ServeSettings: Sendable, Equatable {
    /// The numeric address to listen on.
    var host = "127.0.0.1"
    /// The TCP port (`0` picks a free one).
    var port = 9180
    /// The least important log level written.
    var logLevel = LogLevel.info
    /// The log line format.
    var logFormat = LogFormat.logfmt
    /// How long in-flight requests may take to finish after SIGTERM or SIGINT, in seconds.
    var shutdownGraceSeconds = 10.0
    /// The most connections served at once.
    var maxConnections = 1024
    /// Event loop threads; `nil` is one per core.
    var eventLoops: Int?
    /// Synthetic counter series registered for benchmarks and demos.
    var syntheticSeries = 0
    /// The config file read, if any.
    var configFile: String?
    /// Rate limiting (`rate_limit`, `--rate-limit`); `nil` is off.
    var rateLimit: RateLimitSettings?
    /// Where the klines API fetches candles (`--bybit-base-url`, else `BYBIT_BASE_URL`).
    var bybitBaseURL = BybitBaseURL.mainnet
    /// Seconds one upstream request may take.
    var bybitTimeoutSeconds = 10.0
    /// How many times an upstream request is tried before its error is answered.
    var bybitAttempts = 5
    /// Seconds every upstream request fails fast after Bybit answered HTTP 403 (an IP ban).
    var bybitBanCooldownSeconds = 600

    /// The grace period as a duration.
    var shutdownGrace: Duration { .milliseconds(Int((shutdownGraceSeconds * 1000).rounded())) }
}

/// One setting: its name in each source, what a value must look like, and how it applies.
///
/// The config file key is `snake_case` (`max_connections`), the flag the same with dashes
/// (`--max-connections`), the environment variable upper-case with a `LOOKOUT_` prefix
/// (`LOOKOUT_MAX_CONNECTIONS`).
struct SettingSpec: Sendable {
    /// The JSON type a config file value must have.
    enum JSONType: Sendable {
        case integer, number, string
    }

    let key: String
    let jsonType: JSONType
    /// What a valid value is, for error messages: "a whole number from 0 to 65535".
    let expectation: String
    /// The line `--help` shows.
    let help: String
    /// Parses `text` into the settings; returns `false` if it is not valid.
    let apply: @Sendable (inout ServeSettings, String) -> Bool

    /// The command-line flag without its dashes.
    var flag: String { key.replacing("_", with: "-") }
    /// The environment variable.
    var environmentVariable: String { "LOOKOUT_" + key.uppercased() }

    /// Every setting, in the order `--help` lists them.
    static let all: [SettingSpec] = [
        SettingSpec(key: "host", jsonType: .string, expectation: "a numeric IPv4 or IPv6 address, or localhost",
                    help: "address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface)") { settings, text in
            guard SocketAddressCheck.isNumericHost(text) else { return false }
            settings.host = text
            return true
        },
        integer("port", 0...65535, help: "TCP port; 0 picks a free one (default 9180)") { $0.port = $1 },
        SettingSpec(key: "log_level", jsonType: .string, expectation: "one of debug, info, warning, error",
                    help: "debug, info (one access-log line per request), warning or error (default info)") { settings, text in
            guard let level = LogLevel(name: text) else { return false }
            settings.logLevel = level
            return true
        },
        SettingSpec(key: "log_format", jsonType: .string, expectation: "logfmt or json",
                    help: "log line format: logfmt or json (default logfmt)") { settings, text in
            guard let format = LogFormat(rawValue: text.lowercased()) else { return false }
            settings.logFormat = format
            return true
        },
        SettingSpec(key: "shutdown_grace", jsonType: .number, expectation: "a number of seconds from 0 to 3600",
                    help: "seconds in-flight requests get to finish on SIGTERM/SIGINT (default 10)") { settings, text in
            guard let seconds = Double(text), seconds.isFinite, (0...3600).contains(seconds) else { return false }
            settings.shutdownGraceSeconds = seconds
            return true
        },
        integer("max_connections", 1...1_000_000, help: "connections served at once; more are answered 503 (default 1024)") {
            $0.maxConnections = $1
        },
        integer("event_loops", 1...256, help: "event loop threads (default: one per core)") { $0.eventLoops = $1 },
        integer("synthetic_series", 0...1_000_000,
                help: "register N synthetic counter series, for benchmarks and demos (default 0)") { $0.syntheticSeries = $1 },
        // MARK: Klines API upstream
        SettingSpec(key: "bybit_base_url", jsonType: .string, expectation: "an http:// or https:// URL such as http://127.0.0.1:9000",
                    help: "Bybit (or bybit-sim) the klines API fetches from (default $BYBIT_BASE_URL, else https://api.bybit.com)") { settings, text in
            guard let url = try? BybitBaseURL(text) else { return false }
            settings.bybitBaseURL = url
            return true
        },
        SettingSpec(key: "bybit_timeout", jsonType: .number, expectation: "a number of seconds from 0.1 to 120",
                    help: "seconds one Bybit request may take (default 10)") { settings, text in
            guard let seconds = Double(text), seconds.isFinite, (0.1...120).contains(seconds) else { return false }
            settings.bybitTimeoutSeconds = seconds
            return true
        },
        integer("bybit_attempts", 1...10, help: "tries per Bybit request before answering its error (default 5)") { $0.bybitAttempts = $1 },
        integer("bybit_ban_cooldown", 1...86_400,
                help: "seconds Bybit calls fail fast (503) after an HTTP 403 IP ban (default 600, as Bybit asks)") { $0.bybitBanCooldownSeconds = $1 },
    ]

    private static func integer(_ key: String, _ range: ClosedRange<Int>, help: String,
                                _ set: @escaping @Sendable (inout ServeSettings, Int) -> Void) -> SettingSpec
    {
        SettingSpec(key: key, jsonType: .integer, expectation: "a whole number from \(range.lowerBound) to \(range.upperBound)",
                    help: help) { settings, text in
            guard let number = Int(text), range.contains(number) else { return false }
            set(&settings, number)
            return true
        }
    }
}
