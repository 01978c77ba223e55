import BybitSimulator
import LookoutHTTP

/// Turns a ``SimulatorResponse`` into what the HTTP server sends, following the
/// simulator's ``TransportDirectives``.
enum ResponseDelivery {
    static func result(for answer: SimulatorResponse) -> HTTPResult {
        var response = HTTPResponse(status: HTTPStatus(code: answer.status), headers: HTTPHeaders(answer.headers.map { ($0.name, $0.value) }), body: answer.body)
        let transport = answer.transport
        if transport.closeConnection { response.headers.set("Connection", "close") }
        guard transport.delayBeforeHeaders > .zero else { return .response(response) }
        let delay = transport.delayBeforeHeaders
        return .deferred { [response] in
            try? await Task.sleep(for: delay)
            return response
        }
    }
}
