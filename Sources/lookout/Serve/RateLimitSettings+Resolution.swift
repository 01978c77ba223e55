import Foundation
import LookoutRateLimit
import LookoutRedis

extension RateLimitSettings {
    /// The settings from every source, or `nil` when rate limiting is off: the config
    /// file's `rate_limit` object, then `LOOKOUT_RATE_LIMIT_REQUESTS_PER_MINUTE`, then
    /// `--rate-limit` (a value of `0` turns limiting off).
    ///
    /// - Throws: ``CommandLineError`` naming the first invalid key or value.
    static func resolve(file: [UInt8]?, path: String?, options: CommandLineOptions,
                        environment: [String: String]) throws(CommandLineError) -> RateLimitSettings?
    {
        var settings: RateLimitSettings?
        if let file, let path { settings = try parse(file, path: path) }
        let override: (text: String, source: String)? =
            options.value(flag).map { ($0, "option '--\(flag)'") }
            ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : ($0, "environment variable \(environmentVariable)") }
        if let override {
            guard let count = Int(override.text), (0...1_000_000).contains(count) else {
                throw CommandLineError("\(override.source) must be a whole number of requests per minute from 0 (off) to 1000000, got '\(override.text)'")
            }
            guard count > 0 else { return nil }
            var updated = settings ?? RateLimitSettings()
            updated.requestsPerMinute = count
            settings = updated
        }
        if let settings {
            do {
                _ = try settings.policies()
            } catch {
                throw CommandLineError(error.message)
            }
        }
        return settings
    }

    /// The `rate_limit` object of the config file at `path`, or `nil` if it has none.
    static func parse(_ bytes: [UInt8], path: String) throws(CommandLineError) -> RateLimitSettings? {
        guard let root = try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes)), let section = root[key] else {
            return nil
        }
        let prefix = "config file '\(path)': key"
        guard case .object(let members) = section else {
            throw CommandLineError("\(prefix) '\(key)' must be an object, got \(section.description)")
        }
        var settings = RateLimitSettings()
        for name in members.keys.sorted() {
            let value = members[name] ?? .null
            let source = "\(prefix) '\(key).\(name)'"
            func fail(_ expectation: String) -> CommandLineError {
                CommandLineError("\(source) must be \(expectation), got \(value.description)")
            }
            switch name {
            case "requests_per_minute":
                guard case .integer(let count) = value, (1...1_000_000).contains(count) else { throw fail("a whole number from 1 to 1000000") }
                settings.requestsPerMinute = count
            case "enable_per_ip", "enable_per_endpoint", "adaptive":
                guard case .bool(let flag) = value else { throw fail("true or false") }
                if name == "enable_per_ip" { settings.enablePerIP = flag } else if name == "adaptive" { settings.adaptive = flag } else { settings.enablePerEndpoint = flag }
            case "endpoint_limits":
                guard case .object(let routes) = value else { throw fail("an object of route templates to requests per minute") }
                for route in routes.keys.sorted() {
                    guard route.hasPrefix("/"), case .integer(let count)? = routes[route], (1...1_000_000).contains(count) else {
                        throw CommandLineError("\(source) must map route templates starting with '/' to whole numbers from 1 to 1000000, got \"\(route)\": \(routes[route]?.description ?? "nothing")")
                    }
                    settings.endpointLimits[route] = count
                }
            case "global_requests_per_minute":
                if case .null = value { settings.globalRequestsPerMinute = nil; continue }
                guard case .integer(let count) = value, (1...100_000_000).contains(count) else { throw fail("a whole number from 1 to 100000000, or null") }
                settings.globalRequestsPerMinute = count
            case "algorithm":
                guard case .string(let text) = value, let algorithm = RateLimitAlgorithm(rawValue: text) else { throw fail("\"sliding-window\" or \"gcra\"") }
                settings.algorithm = algorithm
            case "sub_windows":
                guard case .integer(let count) = value, RateLimit.allowedSubWindows.contains(count) else { throw fail("1, 2, 4 or 8") }
                settings.subWindows = count
            case "excluded_paths":
                guard case .array(let items) = value else { throw fail("an array of paths starting with '/'") }
                var paths: [String] = []
                for item in items {
                    guard case .string(let path) = item, path.hasPrefix("/") else { throw fail("an array of paths starting with '/'") }
                    paths.append(path)
                }
                settings.excludedPaths = paths
            case "backend":
                guard case .string(let text) = value, text == "memory" || RateLimitBackendSetting.isRedisURL(text) else {
                    throw fail("\"memory\" or a Redis URL (redis://, redis+sentinel://, redis+cluster://)")
                }
                if text != "memory" {
                    do {
                        _ = try RedisConfiguration(url: text)
                    } catch {
                        throw CommandLineError("\(source): \(error)")
                    }
                }
                settings.backend = text
            case "on_backend_failure":
                guard case .string(let text) = value, let mode = FailureMode(rawValue: text) else { throw fail("\"fallback-memory\" or \"fail-open\"") }
                settings.onBackendFailure = mode
            case "trusted_proxies":
                guard case .array(let items) = value else { throw fail("an array of CIDR networks such as \"10.0.0.0/8\"") }
                var networks: [String] = []
                for item in items {
                    guard case .string(let text) = item else { throw fail("an array of CIDR networks such as \"10.0.0.0/8\"") }
                    do {
                        _ = try CIDR(text)
                    } catch {
                        throw CommandLineError("\(source): \(error.message)")
                    }
                    networks.append(text)
                }
                settings.trustedProxies = networks
            default:
                throw CommandLineError("\(prefix) '\(key).\(name)' is unknown; known keys: \(knownKeys.joined(separator: ", "))")
            }
        }
        if settings.subWindows != nil, settings.algorithm == .gcra {
            throw CommandLineError("\(prefix) '\(key).sub_windows' only applies to the \"sliding-window\" algorithm; remove it or set \"algorithm\": \"sliding-window\"")
        }
        return settings
    }

    static let knownKeys = ["requests_per_minute", "enable_per_ip", "enable_per_endpoint", "endpoint_limits", "global_requests_per_minute",
                            "adaptive", "algorithm", "sub_windows", "excluded_paths", "backend", "on_backend_failure", "trusted_proxies"]
}

/// Backend URLs `lookout serve` accepts.
enum RateLimitBackendSetting {
    static func isRedisURL(_ text: String) -> Bool {
        ["redis://", "redis+sentinel://", "redis+cluster://"].contains { text.hasPrefix($0) && text.count > $0.count }
    }
}
