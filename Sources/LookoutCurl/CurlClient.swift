import LookoutHTTPTypes

import Synchronization

/// An async HTTP client on libcurl's multi interface.
///
/// One client runs one background OS thread that drives every transfer; many transfers can
/// be in flight at once, and connections (and HTTP/2 streams) are pooled and reused between
/// them. Callers only suspend: no Swift concurrency thread ever blocks on the network.
///
/// Create one client and share it; it is `Sendable` and every method is safe to call from
/// any task concurrently. Cancelling the calling task removes its transfer and throws
/// ``CurlError/Code/cancelled``.
///
/// ```swift
/// let client = try CurlClient()
/// let response = try await client.get("https://api.bybit.com/v5/market/time")
/// if response.status == 200 { print(response.text) }
/// ```
///
/// Defaults: TLS peer and host verification always on, `Accept-Encoding` set to every
/// encoding libcurl can decode (gzip, deflate, brotli, zstd), proxy taken from the
/// environment, only `http` and `https` URLs allowed. Releasing the last reference (or
/// calling ``shutdown()``) fails transfers still in flight with ``CurlError/Code/shutdown``.
public final class CurlClient: Sendable {
    /// The settings this client was created with.
    public let configuration: Configuration
    private let driver: CurlDriver
    private let nextID = Atomic<UInt64>(1)

    /// Creates a client and starts its driver thread.
    /// - Throws: ``CurlError/Code/initializationFailed`` if libcurl cannot be initialised
    ///   or the thread cannot be started.
    public init(configuration: Configuration = Configuration()) throws(CurlError) {
        self.configuration = configuration
        driver = try CurlDriver(configuration: configuration)
    }

    deinit {
        driver.close()
    }

    /// Number of transfers accepted and not yet finished, including those waiting in
    /// libcurl's queue for a free connection.
    public var inFlight: Int { driver.inFlight.load(ordering: .relaxed) }

    /// Sends a `GET` request.
    ///
    /// - Parameters:
    ///   - url: an absolute `http://` or `https://` URL.
    ///   - headers: extra request headers.
    ///   - timeout: limit for the whole transfer; `nil` uses ``Configuration/timeout``.
    /// - Returns: the response, whatever its status code.
    /// - Throws: ``CurlError`` when no complete response arrives.
    public func get(_ url: String, headers: CurlHeaders = [:], timeout: Duration? = nil) async throws(CurlError) -> CurlResponse {
        try await execute(CurlRequest(method: .get, url: url, headers: headers, timeout: timeout))
    }

    /// Sends `request` and returns the complete response, whatever its status code.
    ///
    /// - Throws: ``CurlError`` when no complete response arrives: connection failures,
    ///   timeouts, truncated or undecodable bodies, cancellation, or an invalid request.
    public func execute(_ request: CurlRequest) async throws(CurlError) -> CurlResponse {
        try request.validate()
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let driver = self.driver
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                driver.enqueue(CurlSubmission(id: id, request: request, continuation: continuation))
            }
        } onCancel: {
            driver.cancel(id)
        }
        return try result.get()
    }

    /// Stops the client: transfers in flight fail with ``CurlError/Code/shutdown`` and new
    /// requests are refused with the same error. Idempotent; also done on deinit.
    public func shutdown() {
        driver.close()
    }
}
