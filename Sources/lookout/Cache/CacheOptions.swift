import Foundation
import Lookout
import LookoutCache
import LookoutRedis

/// The candle cache `lookout fetch` and `lookout serve` use: `--cache memory|off|<redis URL>`
/// and `--cache-ttl`, else `LOOKOUT_REDIS_URL`, else the seed system's `BYBIT_REDIS_ENABLED`
/// + `BYBIT_REDIS_HOST` / `_PORT` / `_DB` / `_PASSWORD`, else the command's default
/// (memory for `serve`; off for `fetch`, whose process ends after one run).
struct CacheOptions: Equatable {
    /// Where candles are cached.
    enum Backend: Equatable {
        case off
        case memory
        case redis(RedisConfiguration)
    }

    var backend: Backend
    /// `--cache-ttl`: how long closed chunks stay cached; `nil` keeps the default (7 days).
    var closedChunkTTL: Duration?

    /// The options this adds to a command line.
    static let valuedFlags = ["cache", "cache-ttl"]

    static func help(default: Backend) -> String {
        """
          --cache C         candle cache: memory, off (default: \(`default` == .off ? "off" : "memory")) or a Redis URL:
                            redis://[user:password@]host:port[/db], redis+sentinel://host:port,…/master[/db]
                            or redis+cluster://host:port,…; default $LOOKOUT_REDIS_URL, else
                            BYBIT_REDIS_ENABLED=true with BYBIT_REDIS_HOST, _PORT, _DB and _PASSWORD
          --cache-ttl T     how long closed candles stay cached: 90s, 30m, 12h or 7d (default 7d)
        """
    }

    /// The process's environment variables.
    static var processEnvironment: [String: String] { ProcessInfo.processInfo.environment }

    /// Reads `--cache` and `--cache-ttl`, falling back to `environment`.
    /// - Throws: ``CommandLineError`` naming the bad URL part or value.
    init(_ options: CommandLineOptions, environment: [String: String], default defaultBackend: Backend) throws(CommandLineError) {
        if let text = options.value("cache") {
            switch text {
            case "off", "none": backend = .off
            case "memory": backend = .memory
            default:
                do {
                    backend = .redis(try RedisConfiguration(url: text))
                } catch {
                    throw CommandLineError("option '--cache' must be memory, off or a Redis URL (redis://host:port[/db], redis+sentinel://…, redis+cluster://…); the URL's \(error.part) is wrong: \(error.reason)")
                }
            }
        } else {
            do {
                backend = try RedisConfiguration.fromEnvironment(environment).map(Backend.redis) ?? defaultBackend
            } catch {
                throw CommandLineError("the Redis cache settings in the environment are wrong: \(error.part): \(error.reason)")
            }
        }
        closedChunkTTL = try options.value("cache-ttl").map { (text) throws(CommandLineError) in try Self.duration(text) }
    }

    /// A short description for summaries and logs (the password redacted).
    var summary: String {
        switch backend {
        case .off: "off"
        case .memory: "memory"
        case .redis(let configuration): configuration.redactedURL
        }
    }

    /// The cache, or `nil` when off. A Redis client connects lazily, so this never blocks.
    func makeCache(metrics: CandleCacheMetrics?, registry: Lookout.Registry? = nil) -> CandleCache? {
        var configuration = CandleCacheConfiguration()
        if let closedChunkTTL { configuration.closedChunkTTL = closedChunkTTL }
        switch backend {
        case .off: return nil
        case .memory: return CandleCache(backend: MemoryCacheBackend(), configuration: configuration, metrics: metrics)
        case .redis(let redis):
            let client = RedisClient(configuration: redis, registry: registry)
            return CandleCache(backend: RedisCacheBackend(client: client), configuration: configuration, metrics: metrics)
        }
    }

    /// `90s`, `30m`, `12h`, `7d` or plain seconds, at least one second.
    static func duration(_ text: String) throws(CommandLineError) -> Duration {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var digits = Substring(text)
        var multiplier: Int64 = 1
        if let last = text.last, let unit = units[last] {
            digits = digits.dropLast()
            multiplier = unit
        }
        guard let value = Int64(digits), value > 0, value <= 3650 * 86_400 / multiplier else {
            throw CommandLineError("option '--cache-ttl' must be a positive duration such as 90s, 30m, 12h or 7d, got '\(text)'")
        }
        return .seconds(value * multiplier)
    }
}
