import Glibc
import LookoutHTTP

/// `lookout serve`: serves `/metrics` and the health endpoints until SIGTERM or SIGINT.
struct ServeCommand {
    static var help: String {
        let options = SettingSpec.all.map { spec in
            let flag = "  --\(spec.flag) \(spec.jsonType == .string ? "VALUE" : "N")"
            return flag.padding(to: 28) + spec.help + "\n" + String(repeating: " ", count: 28) + "env \(spec.environmentVariable)"
        }
        return """
            USAGE: lookout serve [options]

            Serves Prometheus metrics and health over HTTP/1.1 until SIGTERM or SIGINT, then
            finishes in-flight requests (up to the grace period) and exits 0.

            ENDPOINTS:
              GET /metrics                 metrics, OpenMetrics or text 0.0.4 by Accept, gzip by Accept-Encoding;
                                           ?format=openmetrics|prometheus forces a format
              GET /api/v1/health/metrics   the same metrics
              GET /api/v1/health           {"status":"ok|degraded|down","version","uptime_seconds","components"}
              GET /api/v1/health/ready     200 when serving, 503 while starting or draining
              GET /api/v1/klines           candles of one symbol through the cache: symbol, interval, category,
                                           start, end, limit, exclude_open (errors are problem+json)
              GET /api/v1/klines/batch     the same for symbols=A,B,C (at most 50), fetched in parallel
              GET /api/v1/openapi.json     the OpenAPI 3.1 document of the /api routes

            OPTIONS (each also settable by environment variable or config file key):
            \(options.joined(separator: "\n"))
            \(CacheOptions.help(default: .memory))
              --config FILE             JSON object of settings, keys as above with '_' (e.g. "log_level")
                                        env LOOKOUT_CONFIG
              --rate-limit N            limit each client IP to N requests per minute (0: off; default off);
                                        the config file's "rate_limit" object sets the rest (see README)
                                        env LOOKOUT_RATE_LIMIT_REQUESTS_PER_MINUTE
              --help                    show this help

            Precedence: flags, then environment variables, then the config file, then defaults.
            Logs (one line per request at info) go to standard error; the URLs to standard output.
            """
    }

    /// Parses the command line, then serves until a termination signal.
    static func run(_ arguments: [String], environment: [String: String]) async throws(CommandLineError) -> Int32 {
        let specification = CommandLineOptions.Specification(
            valued: Set(SettingSpec.all.map(\.flag) + ["config", RateLimitSettings.flag] + CacheOptions.valuedFlags), flags: ["help"])
        let options = try CommandLineOptions(arguments, specification)
        if options.flag("help") {
            print(help)
            return 0
        }
        let settings = try ServeSettings.resolve(options: options, environment: environment, readFile: ConfigFile.read)
        let cacheOptions = try CacheOptions(options, environment: environment, default: .memory)
        // A server must outlive its readers: with stdout or stderr piped into a program that
        // exits (`lookout serve | head -1`), the next write would otherwise kill it.
        signal(SIGPIPE, SIG_IGN)
        let logger = Logger(level: settings.logLevel, format: settings.logFormat)
        defer { logger.flush() }

        let service: LookoutService
        do {
            service = try LookoutService(settings: settings, logger: logger)
        } catch {
            logger.log(.error, "cannot start", [LogField("error", error.description)])
            return 1
        }
        let cacheHealth: CacheHealthCheck?
        do {
            cacheHealth = try await service.attachCache(cacheOptions, logger: logger)
        } catch {
            logger.log(.error, "cannot start", [LogField("error", error.description)])
            return 1
        }
        defer { cacheHealth?.stop() }
        do {
            try service.start()
        } catch {
            logger.log(.error, "cannot start", [LogField("error", error.message)])
            return 1
        }
        // Watch for SIGTERM/SIGINT before announcing anything (readiness, the URLs), so a
        // signal sent as soon as the service looks ready always takes the graceful path.
        let (watching, watchingStarted) = AsyncStream<Void>.makeStream()
        async let received = TerminationSignal.wait(for: TerminationSignal.allCases) { watchingStarted.finish() }
        for await _ in watching {}
        service.markServing()
        let base = service.baseURL ?? ""
        StandardOutput.write("""
            lookout \(LookoutVersion.current) serving \(base)
              metrics  \(base)/metrics
              health   \(base)/api/v1/health
              ready    \(base)/api/v1/health/ready

            """)
        logger.log(.info, "serving", [
            LogField("address", base), LogField("version", LookoutVersion.current),
            LogField("config", settings.configFile ?? "none"), LogField("synthetic_series", settings.syntheticSeries),
        ])
        let signal = await received
        logger.log(.info, "stopping", [LogField("signal", signal.rawValue), LogField("grace_seconds", settings.shutdownGraceSeconds)])
        await service.stop(gracePeriod: settings.shutdownGrace)
        logger.log(.info, "stopped")
        return 0
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
