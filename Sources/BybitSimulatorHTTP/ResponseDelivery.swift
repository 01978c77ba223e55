import BybitSimulator
import LookoutHTTP

/// Turns a ``SimulatorResponse`` into what the HTTP server sends: status, headers and
/// body as the simulator built them, and its ``TransportDirectives`` as the response's
/// ``HTTPResponseDelivery`` strategy, whose steps the server carries out on the socket
/// without blocking its event loop (delays and pauses are timers).
enum ResponseDelivery {
    static func result(for answer: SimulatorResponse) -> HTTPResult {
        var response = HTTPResponse(status: HTTPStatus(code: answer.status), headers: HTTPHeaders(answer.headers.map { ($0.name, $0.value) }), body: answer.body)
        response.delivery = delivery(for: answer.transport)
        return .response(response)
    }

    /// The delivery plan for `transport`. The two types describe the same steps, with one
    /// difference of order: the simulator resets before its latency (a reset connection
    /// answers at once), the server delays first; so a reset before the response carries
    /// no delay.
    static func delivery(for transport: TransportDirectives) -> HTTPResponseDelivery {
        let reset: HTTPResponseDelivery.Reset? = switch transport.reset {
        case .beforeResponse?: .beforeHead
        case .afterBodyBytes(let bytes)?: .afterBodyBytes(bytes)
        case nil: nil
        }
        return HTTPResponseDelivery(
            delayBeforeHead: transport.reset == .beforeResponse ? .zero : transport.delayBeforeHeaders,
            trickle: transport.trickle,
            truncateAfterBodyBytes: transport.truncateBodyAfter,
            reset: reset,
            closeConnection: transport.closeConnection)
    }
}
