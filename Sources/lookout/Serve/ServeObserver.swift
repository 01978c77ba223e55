import LookoutHTTP

/// The server observer of `lookout serve`: records the HTTP metrics and logs what an
/// operator needs to see (handler errors at `error`, timeouts and rejections at `debug`).
struct ServeObserver: HTTPServerObserver {
    let metrics: HTTPMetricsObserver
    let logger: Logger

    func connectionOpened() { metrics.connectionOpened() }
    func connectionClosed() { metrics.connectionClosed() }

    func connectionRejected() {
        metrics.connectionRejected()
        logger.log(.warning, "connection refused at the connection limit")
    }

    func requestStarted(method: HTTPMethod, route: String) { metrics.requestStarted(method: method, route: route) }
    func requestFinished(_ record: HTTPRequestRecord) { metrics.requestFinished(record) }

    func timedOut(_ kind: HTTPTimeoutKind) {
        metrics.timedOut(kind)
        logger.log(.debug, "connection timed out", [LogField("kind", kind.rawValue)])
    }

    func handlerFailed(route: String, error: any Error) {
        metrics.handlerFailed(route: route, error: error)
        // An HTTPError below 500 is the client's mistake, answered as intended: not an error here.
        let clientError = (error as? HTTPError).map { $0.status.code < 500 } ?? false
        logger.log(clientError ? .debug : .error, "handler failed", [LogField("route", route), LogField("error", String(describing: error))])
    }
}
