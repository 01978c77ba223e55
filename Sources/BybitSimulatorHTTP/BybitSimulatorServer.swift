import BybitSimulator
import LookoutHTTP

/// A ``BybitSimulator`` served over HTTP/1.1 on LookoutHTTP: Bybit's public market
/// endpoints at their real paths, plus a control API under `/sim/`.
///
/// Start one in-process from a test or a benchmark and point a client at ``baseURL``:
///
/// ```swift
/// let simulator = try BybitSimulator(configuration: SimulatorConfiguration(
///     behavior: SimulatorBehavior(latency: .fixed(.milliseconds(50)))))
/// let server = try BybitSimulatorServer(simulator: simulator)   // 127.0.0.1, a free port
/// try server.start()
/// let bybit = try BybitClient(configuration: .init(baseURL: try BybitBaseURL(server.baseURL!)))
/// // …
/// await server.shutdown()
/// ```
///
/// Every request outside `/sim/` goes to ``BybitSimulator/respond(to:)`` with the
/// connection's peer address as the client IP, so the per-IP window and bans apply to
/// each client address; faults that live in the transport (latency, slow or truncated
/// bodies, resets) happen on the socket. The control routes are listed in the module
/// overview.
///
/// Thread-safe; the server runs once (create another to serve again).
public final class BybitSimulatorServer: Sendable {
    /// The simulated exchange: read its statistics or change its behaviour directly.
    public let simulator: BybitSimulator
    private let server: HTTPServer

    /// Creates a server for `simulator` with the given HTTP settings; nothing is bound
    /// until ``start()``.
    ///
    /// - Throws: `HTTPServerError` if the configuration is invalid.
    public init(simulator: BybitSimulator, configuration: HTTPServer.Configuration) throws(HTTPServerError) {
        self.simulator = simulator
        var router = HTTPRouter()
        router.use(SimulatorMiddleware(simulator: simulator))
        AdminAPI.register(on: &router, simulator: simulator)
        server = try HTTPServer(configuration: configuration, router: router)
    }

    /// Creates a server for `simulator` on `host` and `port` (`0` picks a free port), with
    /// the default HTTP settings.
    ///
    /// - Throws: `HTTPServerError` if the address or port is invalid.
    public convenience init(simulator: BybitSimulator, host: String = "127.0.0.1", port: Int = 0) throws(HTTPServerError) {
        try self.init(simulator: simulator, configuration: HTTPServer.Configuration(host: host, port: port))
    }

    /// Binds the socket and starts serving; returns at once.
    ///
    /// - Throws: `HTTPServerError` if the address is in use or the server already ran.
    public func start() throws(HTTPServerError) {
        try server.start()
    }

    /// The bound port (the chosen one for port `0`); `nil` until started.
    public var port: Int? { server.port }

    /// `http://<address>:<port>`, the base URL to give a client on this machine; `nil`
    /// until started. A server listening on every interface (`0.0.0.0`, `::`) reports the
    /// loopback address.
    public var baseURL: String? {
        guard let address = server.localAddress, let port = server.port else { return nil }
        if address.hasPrefix("0.0.0.0:") { return "http://127.0.0.1:\(port)" }
        if address.hasPrefix("[::]:") { return "http://[::1]:\(port)" }
        return "http://" + address
    }

    /// Stops accepting, lets requests in progress finish for up to `gracePeriod`, and
    /// returns when the server has stopped.
    public func shutdown(gracePeriod: Duration = .seconds(5)) async {
        await server.shutdown(gracePeriod: gracePeriod)
    }
}
