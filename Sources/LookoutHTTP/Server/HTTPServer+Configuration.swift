#if canImport(Glibc)
import Glibc
#endif

extension HTTPServer {
    /// Everything an ``HTTPServer`` can be configured with; every field has a default.
    public struct Configuration: Sendable {
        /// The numeric IPv4 or IPv6 address to listen on; `localhost` means `127.0.0.1`.
        /// Default `127.0.0.1`: reachable only from this machine until you say otherwise.
        /// `0.0.0.0` listens on all IPv4 interfaces, `::` on all IPv6 and IPv4 ones.
        public var host: String
        /// The TCP port; `0` picks a free ephemeral port (read it from ``HTTPServer/port``).
        /// Default 8080.
        public var port: Int
        /// The listen backlog (pending connections the kernel queues). Default 1024.
        public var backlog: Int
        /// How many event loop threads serve connections. Default: one per online core.
        public var eventLoopCount: Int
        /// The most connections served at once; more are answered `503` and closed. Default 1024.
        public var maxConnections: Int
        /// Request size limits.
        public var limits: HTTPRequestLimits
        /// Connection timeouts.
        public var timeouts: Timeouts
        /// Receives connection and request events (for metrics); `nil` for none.
        public var observer: (any HTTPServerObserver)?

        /// A configuration with the given values.
        public init(
            host: String = "127.0.0.1",
            port: Int = 8080,
            backlog: Int = 1024,
            eventLoopCount: Int = Configuration.defaultEventLoopCount,
            maxConnections: Int = 1024,
            limits: HTTPRequestLimits = HTTPRequestLimits(),
            timeouts: Timeouts = Timeouts(),
            observer: (any HTTPServerObserver)? = nil
        ) {
            self.host = host
            self.port = port
            self.backlog = backlog
            self.eventLoopCount = eventLoopCount
            self.maxConnections = maxConnections
            self.limits = limits
            self.timeouts = timeouts
            self.observer = observer
        }

        /// One event loop per online core (at least one).
        public static var defaultEventLoopCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

        /// Every out-of-range value, described.
        var problems: [String] {
            var problems: [String] = []
            if !(0...65535).contains(port) { problems.append("port must be in 0...65535, got \(port)") }
            if backlog < 1 { problems.append("backlog must be at least 1, got \(backlog)") }
            if !(1...256).contains(eventLoopCount) { problems.append("eventLoopCount must be in 1...256, got \(eventLoopCount)") }
            if maxConnections < 1 { problems.append("maxConnections must be at least 1, got \(maxConnections)") }
            if let problem = limits.problem { problems.append(problem) }
            problems.append(contentsOf: timeouts.problems)
            return problems
        }
    }

    /// How long the server waits on a client before giving up on the connection.
    ///
    /// Timeouts are checked by each event loop on a coarse tick (an eighth of the shortest
    /// timeout, at least 5 ms and at most 250 ms), so they fire up to one tick late.
    public struct Timeouts: Sendable, Hashable {
        /// The time allowed for a whole request head, counted from the connection's accept
        /// for its first request and from the first byte for later ones. This is the
        /// slow-loris defence: trickling bytes does not extend it. Default 10 s.
        public var header: Duration
        /// The time allowed for a whole request body after its head. Default 30 s.
        public var body: Duration
        /// How long a keep-alive connection may wait for its next request. Default 60 s,
        /// longer than common scrape intervals so Prometheus keeps its connection.
        public var idle: Duration
        /// How long the client may accept no response bytes while some are pending. Default 30 s.
        public var write: Duration

        /// Timeouts with the given values; each must be positive.
        public init(
            header: Duration = .seconds(10),
            body: Duration = .seconds(30),
            idle: Duration = .seconds(60),
            write: Duration = .seconds(30)
        ) {
            self.header = header
            self.body = body
            self.idle = idle
            self.write = write
        }

        var problems: [String] {
            [("header", header), ("body", body), ("idle", idle), ("write", write)]
                .filter { $0.1 <= .zero }
                .map { "the \($0.0) timeout must be positive, got \($0.1)" }
        }
    }
}
