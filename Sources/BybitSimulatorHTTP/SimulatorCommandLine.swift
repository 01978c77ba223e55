import BybitSimulator
import LookoutHTTP

/// The `bybit-sim` command line, parsed into what the server needs. Kept in the library
/// so it is tested like any other code; the executable only prints and serves.
///
/// Every value uses the simulator's spec strings (``FaultRule/init(spec:)``,
/// ``Latency/init(spec:)``, ``IPRateLimit/init(spec:)``, ``RequestTrigger/init(spec:)``),
/// which the admin API accepts at run time too.
public struct SimulatorCommandLine: Sendable {
    /// The address to listen on (default `127.0.0.1`).
    public var host = "127.0.0.1"
    /// The port to listen on (default 9000; `0` picks a free one).
    public var port = 9000
    /// Event loop threads (default: one per core).
    public var eventLoops = HTTPServer.Configuration.defaultEventLoopCount
    /// The simulated exchange's configuration.
    public var configuration = SimulatorConfiguration()
    /// Whether `--help` was given.
    public var showHelp = false

    /// The `--help` text.
    public static let usage = """
        USAGE: bybit-sim [options]

        Serves a simulated Bybit V5 public market API (klines, mark/index/premium-index klines,
        instruments-info, time, tickers, orderbook, recent-trade, funding/history, open-interest,
        account-ratio) with deterministic prices and injectable faults. Point a client's
        base URL (BYBIT_BASE_URL, lookout fetch --base-url) at the printed URL.

        OPTIONS:
          --host ADDRESS        address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)
          --port N              port to listen on (default 9000; 0 picks a free port)
          --latency SPEC        delay before every response: 50ms, 20ms..80ms[:SEED], none (default none)
          --fault SPEC          inject a fault, repeatable: FAULT[@TRIGGER][@PATH,PATH...]
                                  FAULT   10006 | 10016 | 5004 | http:STATUS | html:STATUS | reset[:BYTES]
                                          | truncate:BYTES | malformed | slow:CHUNK:PAUSE | delay:DURATION
                                  TRIGGER always | every:N | p:PROBABILITY[:SEED] | next:N
                                e.g. --fault 10006@every:5@/v5/market/kline --fault http:503@p:0.05:42
          --ip-limit SPEC       per-IP limit LIMIT/WINDOW[/BAN], answered with 403 bans (default
                                600/5s/10m), or off
          --bapi-headers WHEN   X-Bapi-Limit* headers: api-key (default: only on requests sending
                        X-BAPI-API-KEY, as observed), always (every request), never, or a TRIGGER
                        (among requests with an API key)
          --bapi-on-10006       also send X-Bapi-Limit* headers (with a reset time) on 10006 answers
          --limit-policy P      out-of-range limit: reject (10001, default) or clamp
          --event-loops N       event loop threads (default: one per core)
          --help                show this help

        CONTROL API (while running):
          GET /sim/stats, DELETE /sim/stats        counters as JSON; reset them
          GET /sim/behavior                        current faults, latency and IP limit
          PUT /sim/faults                          replace faults (JSON array of specs, or one per line)
          PUT /sim/latency, PUT /sim/ip-limit      replace latency or IP limit (a spec as the body)
          DELETE /sim/bans                         lift every IP ban

        Stops gracefully on SIGINT or SIGTERM (exit 0). Exit 2: invalid options; 1: cannot listen.
        """

    /// Parses `arguments` (without the program name).
    ///
    /// - Throws: ``SimulatorCommandLineError`` naming the option and what it accepts.
    public init(_ arguments: [String]) throws(SimulatorCommandLineError) {
        var behavior = SimulatorBehavior()
        var faults: [FaultRule] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            func value() throws(SimulatorCommandLineError) -> String {
                if let inline { return inline }
                guard let next = remaining.popFirst() else { throw SimulatorCommandLineError("option '\(name)' needs a value") }
                return next
            }
            switch name {
            case "--help", "-h": showHelp = true
            case "--host": host = try value()
            case "--port": port = try Self.integer(try value(), option: name, in: 0...65535)
            case "--event-loops": eventLoops = try Self.integer(try value(), option: name, in: 1...256)
            case "--latency":
                let text = try value()
                behavior.latency = try Self.spec(name) { () throws(SimulatorConfigurationError) in try Latency(spec: text) }
            case "--fault":
                let text = try value()
                faults.append(try Self.spec(name) { () throws(SimulatorConfigurationError) in try FaultRule(spec: text) })
            case "--ip-limit":
                let text = try value()
                behavior.ipRateLimit = try Self.spec(name) { () throws(SimulatorConfigurationError) in try IPRateLimit(spec: text) }
            case "--bapi-headers":
                let text = try value()
                behavior.bapiHeaders.presence = try Self.presence(text)
                behavior.bapiHeaders.requireAPIKey = text != "always"
            case "--bapi-on-10006": behavior.bapiHeaders.includeOnRateLimited = true
            case "--limit-policy":
                let text = try value()
                guard let policy = LimitPolicy(rawValue: text) else {
                    throw SimulatorCommandLineError("option '--limit-policy' must be reject or clamp, got '\(text)'")
                }
                configuration.limitPolicy = policy
            default:
                throw SimulatorCommandLineError(argument.hasPrefix("-") ? "unknown option '\(argument)'; run bybit-sim --help" : "unexpected argument '\(argument)'; bybit-sim takes only options")
            }
        }
        behavior.faults = faults
        configuration.behavior = behavior
    }

    /// The HTTP server settings for ``host``, ``port`` and ``eventLoops``.
    public var serverConfiguration: HTTPServer.Configuration {
        HTTPServer.Configuration(host: host, port: port, eventLoopCount: eventLoops)
    }

    private static func integer(_ text: String, option: String, in range: ClosedRange<Int>) throws(SimulatorCommandLineError) -> Int {
        guard let number = Int(text), range.contains(number) else {
            throw SimulatorCommandLineError("option '\(option)' must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// Runs a spec parser, turning a bad spec into a usage error.
    private static func spec<T>(_ option: String, _ parse: () throws(SimulatorConfigurationError) -> T) throws(SimulatorCommandLineError) -> T {
        do {
            return try parse()
        } catch {
            throw SimulatorCommandLineError("option '\(option)': \(error)")
        }
    }

    private static func presence(_ text: String) throws(SimulatorCommandLineError) -> RequestTrigger? {
        switch text {
        case "always", "api-key": return .always
        case "never": return nil
        default:
            do {
                return try RequestTrigger(spec: text)
            } catch {
                throw SimulatorCommandLineError("option '--bapi-headers' must be api-key, always, never or a trigger (every:N, p:P[:SEED], next:N): \(error)")
            }
        }
    }
}

/// An invalid `bybit-sim` command line: one readable line saying what was wrong.
public struct SimulatorCommandLineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong and what the option accepts.
    public let message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
