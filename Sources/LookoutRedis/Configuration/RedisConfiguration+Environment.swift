extension RedisConfiguration {
    /// A configuration from a URL (see ``RedisURLParser``'s three forms):
    /// `redis://[[user]:password@]host[:port][/db]`,
    /// `redis+sentinel://[[user]:password@]host[:port][,host[:port]…]/masterName[/db]`,
    /// `redis+cluster://[[user]:password@]host[:port][,host[:port]…]`.
    /// Ports default to 6379 (26379 for sentinels); user name and password are percent-decoded.
    /// - Throws: ``RedisConfigurationError`` naming the part that is wrong.
    public init(url: String) throws(RedisConfigurationError) {
        self = try RedisURLParser.parse(url)
    }

    /// The configuration the environment asks for, or `nil` when it asks for none:
    /// - `LOOKOUT_REDIS_URL`: a URL in any of the three forms;
    /// - else, when `BYBIT_REDIS_ENABLED` is `true` (or `1`, `yes`): a standalone server at
    ///   `BYBIT_REDIS_HOST` (default `127.0.0.1`), `BYBIT_REDIS_PORT` (6379), database
    ///   `BYBIT_REDIS_DB` (0), password `BYBIT_REDIS_PASSWORD` (none).
    ///
    /// Optional tuning in either case: `LOOKOUT_REDIS_CONNECT_TIMEOUT_MS`,
    /// `LOOKOUT_REDIS_COMMAND_TIMEOUT_MS`, `LOOKOUT_REDIS_POOL_SIZE`.
    /// - Throws: ``RedisConfigurationError`` naming the variable that is wrong.
    public static func fromEnvironment(_ environment: [String: String]) throws(RedisConfigurationError) -> RedisConfiguration? {
        var configuration: RedisConfiguration
        if let url = environment["LOOKOUT_REDIS_URL"], !url.isEmpty {
            do {
                configuration = try RedisConfiguration(url: url)
            } catch {
                throw RedisConfigurationError(part: "LOOKOUT_REDIS_URL", reason: "\(error.part): \(error.reason)")
            }
        } else {
            switch environment["BYBIT_REDIS_ENABLED"]?.lowercased() {
            case nil, "", "false", "0", "no": return nil
            case "true", "1", "yes": break
            case let other?:
                throw RedisConfigurationError(part: "BYBIT_REDIS_ENABLED", reason: "'\(other)' is not true or false")
            }
            let host = environment["BYBIT_REDIS_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
            let port = try integer(environment, "BYBIT_REDIS_PORT", default: 6379, range: 1...65535)
            let database = try integer(environment, "BYBIT_REDIS_DB", default: 0, range: 0...65535)
            guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else {
                throw RedisConfigurationError(part: "BYBIT_REDIS_HOST", reason: "'\(host)' is not a host name or IP address")
            }
            configuration = RedisConfiguration(topology: .standalone(RedisEndpoint(host: host, port: port)), database: database)
            if let password = environment["BYBIT_REDIS_PASSWORD"], !password.isEmpty { configuration.password = password }
        }
        if environment["LOOKOUT_REDIS_CONNECT_TIMEOUT_MS"] != nil {
            configuration.connectTimeout = .milliseconds(try integer(environment, "LOOKOUT_REDIS_CONNECT_TIMEOUT_MS", default: 1000, range: 1...600_000))
        }
        if environment["LOOKOUT_REDIS_COMMAND_TIMEOUT_MS"] != nil {
            configuration.commandTimeout = .milliseconds(try integer(environment, "LOOKOUT_REDIS_COMMAND_TIMEOUT_MS", default: 500, range: 1...600_000))
        }
        configuration.poolSize = try integer(environment, "LOOKOUT_REDIS_POOL_SIZE", default: configuration.poolSize, range: 1...1024)
        return configuration
    }

    private static func integer(_ environment: [String: String], _ name: String, default fallback: Int,
                                range: ClosedRange<Int>) throws(RedisConfigurationError) -> Int {
        guard let text = environment[name], !text.isEmpty else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw RedisConfigurationError(part: name, reason: "'\(text)' is not an integer \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }
}
