import LookoutBybit
import LookoutHTTP

/// A Bybit failure as the klines API reports it: the HTTP status, the detail, and how long
/// to wait (`Retry-After`) when the upstream is refusing us for a while.
///
/// | Bybit failure | status |
/// |---|---|
/// | `retCode` 10001 about the symbol ("Not supported symbols", "symbol invalid") | 404 |
/// | IP ban cool-down (HTTP 403), 10006 after every retry | 503 + `Retry-After` |
/// | timeout on every attempt | 504 |
/// | anything else (5xx, transport, malformed body, other `retCode`) | 502 |
struct KlinesUpstreamFailure: Error, Sendable {
    let status: HTTPStatus
    let detail: String
    /// Seconds for `Retry-After`, with `503` only.
    let retryAfter: Int?
    /// ``BybitError/code``, for the problem's `upstream_error` member.
    let upstreamCode: String

    /// Maps `error`; `banRemaining` is how long the client still refuses the host.
    init(_ error: BybitError, banRemaining: Duration?, rateLimitPause: Duration) {
        upstreamCode = error.code.description
        let said = error.retMsg.map { " (Bybit said: \($0))" } ?? ""
        switch error.code {
        case .badRequest where Self.isAboutSymbol(error.retMsg):
            status = .notFound
            detail = "unknown symbol \(error.symbol ?? "")\(said)"
            retryAfter = nil
        case .ipBanned:
            status = .serviceUnavailable
            let seconds = Self.seconds(banRemaining ?? .seconds(600))
            detail = "Bybit banned this server's IP (HTTP 403); upstream requests resume in \(seconds) s"
            retryAfter = seconds
        case .rateLimited:
            status = .serviceUnavailable
            detail = "Bybit is rate-limiting this server (retCode 10006 after every retry)"
            retryAfter = Self.seconds(rateLimitPause)
        case .timeout:
            status = .gatewayTimeout
            detail = "Bybit did not answer in time: \(error.message)"
            retryAfter = nil
        default:
            status = .badGateway
            detail = "Bybit failed: \(error.message)\(said)"
            retryAfter = nil
        }
    }

    /// The `application/problem+json` response.
    var response: HTTPResponse {
        var headers = HTTPHeaders()
        if let retryAfter { headers.set("Retry-After", String(retryAfter)) }
        return .problem(ProblemDetails(status: status, detail: detail, extensions: ["upstream_error": upstreamCode]), headers: headers)
    }

    private static func isAboutSymbol(_ message: String?) -> Bool {
        message?.lowercased().contains("symbol") ?? false
    }

    private static func seconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
