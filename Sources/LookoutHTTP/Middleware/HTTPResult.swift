/// What a handler or middleware produces: a response now, or one that an async task
/// will produce.
///
/// A ready result is written by the event loop immediately, on the thread that read the
/// request, with no task, no hop and no allocation beyond the response itself. A deferred
/// result runs in a `Task`; the event loop keeps serving other connections and writes the
/// response when the task finishes (pipelined requests on the same connection wait, so
/// responses stay in order). Middleware can transform both kinds uniformly with ``map(_:)``.
public struct HTTPResult: Sendable {
    enum Storage: Sendable {
        case ready(HTTPResponse)
        case deferred(@Sendable () async -> HTTPResponse)
    }

    private(set) var storage: Storage

    /// A result that is already available.
    public static func response(_ response: HTTPResponse) -> HTTPResult {
        HTTPResult(storage: .ready(response))
    }

    /// A result computed by `operation` in a `Task`.
    ///
    /// `operation` cannot throw: turn errors into responses inside it (for example with
    /// ``HTTPError/response``). Route handlers declared `async` are wrapped this way by the
    /// router, which turns their errors into problem responses.
    public static func deferred(_ operation: @escaping @Sendable () async -> HTTPResponse) -> HTTPResult {
        HTTPResult(storage: .deferred(operation))
    }

    /// The result with `transform` applied to its response: immediately when ready,
    /// after the task finishes when deferred.
    public func map(_ transform: @escaping @Sendable (HTTPResponse) -> HTTPResponse) -> HTTPResult {
        switch storage {
        case .ready(let response):
            return .response(transform(response))
        case .deferred(let operation):
            return .deferred { transform(await operation()) }
        }
    }

    /// The response, waiting for the task if the result is deferred.
    public var response: HTTPResponse {
        get async {
            switch storage {
            case .ready(let response): response
            case .deferred(let operation): await operation()
            }
        }
    }

    /// Applies `change` to the response in place when the result is ready and returns
    /// `true`; returns `false` and changes nothing when it is deferred (use ``map(_:)``).
    ///
    /// In place means without a copy: the response's headers and body are not shared
    /// while `change` runs, so changing them does not copy their storage.
    public mutating func modifyReadyResponse(_ change: (inout HTTPResponse) -> Void) -> Bool {
        guard case .ready(var response) = storage else { return false }
        storage = .ready(HTTPResponse()) // drops the stored reference: `response` is now unique
        change(&response)
        storage = .ready(response)
        return true
    }

    /// The response if it is available without waiting, else `nil`.
    public var readyResponse: HTTPResponse? {
        if case .ready(let response) = storage { return response }
        return nil
    }
}
