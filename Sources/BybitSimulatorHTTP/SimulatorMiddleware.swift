import BybitSimulator
import LookoutHTTP

/// Answers every request outside `/sim/` from the simulator: builds a ``SimulatorRequest``
/// from the method, the path, the raw query and the peer's address, and turns the
/// ``SimulatorResponse`` into an `HTTPResponse` whose delivery carries out the
/// simulator's ``TransportDirectives`` on the real socket.
///
/// It sits in front of routing so that unknown paths get the exchange's own answer (HTTP
/// 404, retCode 10017) rather than the server's problem document. Building a response is
/// pure computation (no waiting), so it runs inline on the event loop.
struct SimulatorMiddleware: HTTPMiddleware {
    /// The path prefix of the admin API, left to the router.
    static let adminPrefix = "/sim/"

    let simulator: BybitSimulator

    func handle(_ request: HTTPRequest, context: HTTPRequestContext, next: HTTPNext) throws -> HTTPResult {
        if request.path.hasPrefix(Self.adminPrefix) { return next(request, context) }
        let answer = simulator.respond(to: SimulatorRequest(
            method: request.method.rawValue, path: request.path, query: Self.rawQuery(of: request.target),
            clientIP: Self.clientIP(from: context.remoteAddress), apiKey: request.headers["X-BAPI-API-KEY"]))
        return ResponseDelivery.result(for: answer)
    }

    /// The still-encoded query of a request target, without the `?`.
    static func rawQuery(of target: String) -> String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// The address part of `address:port` or `[v6-address]:port`: the key of the
    /// simulator's per-IP window.
    static func clientIP(from remoteAddress: String) -> String {
        if remoteAddress.hasPrefix("["), let close = remoteAddress.firstIndex(of: "]") {
            return String(remoteAddress[remoteAddress.index(after: remoteAddress.startIndex)..<close])
        }
        guard let colon = remoteAddress.lastIndex(of: ":") else { return remoteAddress }
        return String(remoteAddress[..<colon])
    }
}
