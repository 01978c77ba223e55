// The only Swift file that touches libcurl (CCurl). It owns the multi handle, the easy
// handles and every buffer libcurl points into, and maps every libcurl failure to a
// `CurlError` right here.
//
// Thread confinement: all libcurl calls except `curl_multi_wakeup` happen on the driver
// thread started by `CurlDriver.init`. Other threads only touch the `inbox` mutex and call
// `curl_multi_wakeup` (documented thread-safe by libcurl) while holding it.
internal import CCurl
import LookoutThreading
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `curl_global_init` runs exactly once per process, the first time a client is created
/// (Swift initialises globals lazily and atomically). It is never undone: other code in
/// the process may share libcurl, and `curl_global_cleanup` at exit gains nothing.
private let curlGlobalInit: CURLcode = CCurl_global_init_default()

/// A request handed from an async caller to the driver thread, with the continuation
/// the driver resumes exactly once.
struct CurlSubmission: Sendable {
    let id: UInt64
    let request: CurlRequest
    let continuation: CheckedContinuation<Result<CurlResponse, CurlError>, Never>
}

/// Owns one libcurl multi handle and the OS thread that drives it.
final class CurlDriver: Sendable {
    private struct Inbox {
        var submissions: [CurlSubmission] = []
        var cancellations: [UInt64] = []
        var closed = false
    }

    // nonisolated(unsafe): the pointer never changes. The driver thread is its only user,
    // except `wake()`, which calls the thread-safe `curl_multi_wakeup` while holding
    // `inbox` and only if `closed` is false; the driver thread sets `closed` under the same
    // lock before it calls `curl_multi_cleanup`, so no wakeup can reach a freed handle.
    nonisolated(unsafe) private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let configuration: CurlClient.Configuration
    /// Transfers accepted and not yet completed (queued ones included).
    let inFlight = Atomic<Int>(0)

    init(configuration: CurlClient.Configuration) throws(CurlError) {
        guard curlGlobalInit == CURLE_OK else {
            throw CurlError(code: .initializationFailed, curlCode: Int32(curlGlobalInit.rawValue),
                            message: "curl_global_init failed: \(String(cString: curl_easy_strerror(curlGlobalInit)))", url: "")
        }
        guard let multi = curl_multi_init() else {
            throw CurlError(code: .initializationFailed, message: "curl_multi_init returned NULL (out of memory?)", url: "")
        }
        self.multi = multi
        self.configuration = configuration
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(0, configuration.maxConnectionsPerHost))
        _ = CCurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, configuration.maxCachedConnections))
        guard DetachedThread.start({ [self] in run() }) else {
            curl_multi_cleanup(multi)
            throw CurlError(code: .initializationFailed, message: "could not start the libcurl driver thread", url: "")
        }
    }

    /// Queues `submission`, or resumes it at once if the client is closed or the calling
    /// task is already cancelled.
    func enqueue(_ submission: CurlSubmission) {
        inFlight.add(1, ordering: .relaxed)
        let rejection: CurlError? = inbox.withLock { inbox in
            if inbox.closed { return Self.shutdownError(submission.request.url) }
            if Task.isCancelled { return Self.cancelledError(submission.request.url) }
            inbox.submissions.append(submission)
            curl_multi_wakeup(multi)
            return nil
        }
        if let rejection { complete(submission, .failure(rejection)) }
    }

    /// Cancels transfer `id`: resumes it here if it is still queued, otherwise asks the
    /// driver thread to remove it (a no-op if it has already completed).
    func cancel(_ id: UInt64) {
        let queued: CurlSubmission? = inbox.withLock { inbox in
            if let index = inbox.submissions.firstIndex(where: { $0.id == id }) {
                return inbox.submissions.remove(at: index)
            }
            if !inbox.closed {
                inbox.cancellations.append(id)
                curl_multi_wakeup(multi)
            }
            return nil
        }
        if let queued { complete(queued, .failure(Self.cancelledError(queued.request.url))) }
    }

    /// Stops accepting work; the driver thread fails whatever is in flight with
    /// ``CurlError/Code/shutdown``, frees every handle and exits.
    func close() {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.closed = true
            curl_multi_wakeup(multi)
        }
    }

    private func complete(_ submission: CurlSubmission, _ result: Result<CurlResponse, CurlError>) {
        inFlight.subtract(1, ordering: .relaxed)
        submission.continuation.resume(returning: result)
    }

    // MARK: Driver thread

    /// The driver loop. Everything below runs on the driver thread only.
    private func run() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        var handleByID: [UInt64: UnsafeMutableRawPointer] = [:]
        var idleHandles: [UnsafeMutableRawPointer] = []
        var running: Int32 = 0
        while true {
            let (submissions, cancellations, closed) = inbox.withLock { inbox in
                defer { inbox.submissions.removeAll(keepingCapacity: true); inbox.cancellations.removeAll(keepingCapacity: true) }
                return (inbox.submissions, inbox.cancellations, inbox.closed)
            }
            for submission in submissions {
                if closed { complete(submission, .failure(Self.shutdownError(submission.request.url))); continue }
                let easy = idleHandles.popLast() ?? curl_easy_init()
                guard let easy else {
                    complete(submission, .failure(CurlError(code: .other, message: "curl_easy_init returned NULL (out of memory?)", url: submission.request.url)))
                    continue
                }
                let transfer = CurlTransfer(submission, maxBytes: configuration.maxResponseBytes)
                let rc = configure(easy, for: transfer)
                let added = rc == CURLE_OK ? curl_multi_add_handle(multi, easy) : CURLM_OK
                if rc != CURLE_OK || added != CURLM_OK {
                    let error = rc != CURLE_OK
                        ? transfer.error(for: rc)
                        : CurlError(code: .other, curlCode: Int32(added.rawValue), message: "curl_multi_add_handle: \(String(cString: curl_multi_strerror(added)))", url: submission.request.url)
                    curl_easy_reset(easy)
                    idleHandles.append(easy)
                    complete(submission, .failure(error))
                    continue
                }
                active[easy] = transfer
                handleByID[submission.id] = easy
            }
            for id in cancellations {
                guard let easy = handleByID.removeValue(forKey: id), let transfer = active.removeValue(forKey: easy) else { continue }
                curl_multi_remove_handle(multi, easy)
                recycle(easy, into: &idleHandles)
                complete(transfer.submission, .failure(Self.cancelledError(transfer.submission.request.url)))
            }
            if closed { break }

            let performed = curl_multi_perform(multi, &running)
            if performed != CURLM_OK {
                // Only a broken multi handle or out-of-memory gets here; fail everything in
                // flight rather than spin, and keep serving new requests.
                let message = "curl_multi_perform: \(String(cString: curl_multi_strerror(performed)))"
                for (easy, transfer) in active {
                    curl_multi_remove_handle(multi, easy)
                    recycle(easy, into: &idleHandles)
                    complete(transfer.submission, .failure(CurlError(code: .other, curlCode: Int32(performed.rawValue), message: message, url: transfer.submission.request.url)))
                }
                active.removeAll()
                handleByID.removeAll()
            }
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = active.removeValue(forKey: easy) else { continue }
                let code = CCurl_msg_result(message)
                handleByID.removeValue(forKey: transfer.submission.id)
                curl_multi_remove_handle(multi, easy)
                let result = code == CURLE_OK ? .success(transfer.response(from: easy)) : Result<CurlResponse, CurlError>.failure(transfer.error(for: code))
                recycle(easy, into: &idleHandles)
                complete(transfer.submission, result)
            }
            var ready: Int32 = 0
            // curl_multi_poll also returns early for libcurl's own timers and for wakeups.
            // It fails only on a broken handle or out-of-memory; pause so that cannot spin.
            if curl_multi_poll(multi, nil, 0, active.isEmpty ? 60_000 : 5_000, &ready) != CURLM_OK {
                usleep(10_000)
            }
        }
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            curl_easy_cleanup(easy)
            complete(transfer.submission, .failure(Self.shutdownError(transfer.submission.request.url)))
        }
        idleHandles.forEach { curl_easy_cleanup($0) }
        curl_multi_cleanup(multi)
    }

    /// Returns a finished handle to the pool, keeping its connection and DNS caches but
    /// clearing every option (so no pointer into a freed `CurlTransfer` survives).
    private func recycle(_ easy: UnsafeMutableRawPointer, into pool: inout [UnsafeMutableRawPointer]) {
        curl_easy_reset(easy)
        if pool.count < max(1, configuration.maxCachedConnections) { pool.append(easy) } else { curl_easy_cleanup(easy) }
    }

    /// Applies the client configuration and the request to `easy`; stops at the first
    /// option libcurl rejects.
    private func configure(_ easy: UnsafeMutableRawPointer, for transfer: CurlTransfer) -> CURLcode {
        let request = transfer.submission.request
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let steps: [() -> CURLcode] = [
            { CCurl_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer) },
            { CCurl_easy_setopt_str(easy, CURLOPT_URL, request.url) },
            { CCurl_easy_setopt_str(easy, CURLOPT_PROTOCOLS_STR, "http,https") },
            { CCurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1) },       // signals are not thread-safe
            { CCurl_easy_setopt_str(easy, CURLOPT_ACCEPT_ENCODING, "") }, // every encoding libcurl decodes
            { CCurl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1) },
            { CCurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout ?? self.configuration.timeout)) },
            { CCurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout ?? self.configuration.connectTimeout)) },
            { CCurl_easy_setopt_str(easy, CURLOPT_USERAGENT, self.configuration.userAgent) },
            { CCurl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback) },
            { CCurl_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, context) },
            { CCurl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback) },
            { CCurl_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, context) },
            { CCurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, transfer.headerList) },
            { self.configuration.proxy.curlValue.map { CCurl_easy_setopt_str(easy, CURLOPT_PROXY, $0) } ?? CURLE_OK },
            { self.configuration.caBundlePath.map { CCurl_easy_setopt_str(easy, CURLOPT_CAINFO, $0) } ?? CURLE_OK },
            { CCurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, self.configuration.maxRedirects > 0 ? 1 : 0) },
            { CCurl_easy_setopt_long(easy, CURLOPT_MAXREDIRS, max(0, self.configuration.maxRedirects)) },
            { CCurl_easy_setopt_str(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") },
            { Self.setMethodAndBody(easy, request) },
        ]
        for step in steps {
            let rc = step()
            guard rc == CURLE_OK else { return rc }
        }
        return CURLE_OK
    }

    private static func setMethodAndBody(_ easy: UnsafeMutableRawPointer, _ request: CurlRequest) -> CURLcode {
        switch request.method {
        case .get where request.body == nil: return CCurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case .head: return CCurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1)
        default: break
        }
        if request.method != .post {
            let rc = CCurl_easy_setopt_str(easy, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            guard rc == CURLE_OK, request.body != nil || request.method == .post else { return rc }
        }
        let body = request.body ?? []
        let rc = CCurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        guard rc == CURLE_OK else { return rc }
        // COPYPOSTFIELDS copies the bytes now, so the array may go away afterwards.
        guard !body.isEmpty else { return CCurl_easy_setopt_str(easy, CURLOPT_COPYPOSTFIELDS, "") }
        return body.withUnsafeBytes { bytes in
            CCurl_easy_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    private static func shutdownError(_ url: String) -> CurlError {
        CurlError(code: .shutdown, message: "the client was shut down before this transfer finished", url: url)
    }

    private static func cancelledError(_ url: String) -> CurlError {
        CurlError(code: .cancelled, message: "the calling task was cancelled; the transfer was abandoned", url: url)
    }
}

/// One transfer's state on the driver thread: the buffers libcurl writes into.
/// Driver-thread confined; libcurl's callbacks reach it through an unretained pointer that
/// stays valid because `CurlDriver.run` holds the transfer until the handle is removed.
private final class CurlTransfer {
    let submission: CurlSubmission
    let errorBuffer: UnsafeMutablePointer<CChar>
    let headerList: UnsafeMutablePointer<curl_slist>?
    private let maxBytes: Int
    private var body: [UInt8] = []
    private var headers = CurlHeaders()
    private var exceededLimit = false

    init(_ submission: CurlSubmission, maxBytes: Int) {
        self.submission = submission
        self.maxBytes = maxBytes
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for field in submission.request.headers {
            list = curl_slist_append(list, "\(field.name): \(field.value)")
        }
        if submission.request.body != nil {
            list = curl_slist_append(list, "Expect:") // no 100-continue round trip for small API bodies
        }
        headerList = list
    }

    deinit {
        errorBuffer.deallocate()
        curl_slist_free_all(headerList)
    }

    /// Appends body bytes; `false` tells libcurl to abort (the limit was exceeded).
    func append(body bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBytes else { exceededLimit = true; return false }
        body.append(contentsOf: bytes)
        return true
    }

    /// Records one header line; a new status line (redirect, 1xx) starts a fresh set.
    func append(headerLine bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.starts(with: "HTTP/".utf8) {
            headers = CurlHeaders()
        } else if let field = CurlHeaders.parseLine(bytes) {
            if field.name.utf8.elementsEqual("content-length".utf8, by: { $0 | 0x20 == $1 }),
               let length = Int(field.value), length <= maxBytes {
                body.reserveCapacity(length)
            }
            headers.add(name: field.name, value: field.value)
        }
    }

    func response(from easy: UnsafeMutableRawPointer) -> CurlResponse {
        var status = 0, version = 0, connects = 0
        _ = CCurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        _ = CCurl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        _ = CCurl_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects)
        var micros: curl_off_t = 0
        _ = CCurl_easy_getinfo_off_t(easy, CURLINFO_TOTAL_TIME_T, &micros)
        var effective: UnsafeMutablePointer<CChar>? = nil
        _ = CCurl_easy_getinfo_str(easy, CURLINFO_EFFECTIVE_URL, &effective)
        let versionName = switch version {
        case CURL_HTTP_VERSION_1_0: "1.0"
        case CURL_HTTP_VERSION_2_0: "2"
        case CURL_HTTP_VERSION_3: "3"
        default: "1.1"
        }
        return CurlResponse(
            status: status, headers: headers, body: body,
            url: effective.map { String(cString: $0) } ?? submission.request.url,
            httpVersion: versionName, totalTime: .microseconds(micros), newConnections: connects)
    }

    func error(for code: CURLcode) -> CurlError {
        let url = submission.request.url
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        if code == CURLE_WRITE_ERROR, exceededLimit {
            return CurlError(code: .responseTooLarge, curlCode: Int32(code.rawValue),
                             message: "the response body exceeds maxResponseBytes (\(maxBytes) bytes); raise the limit if the size is expected", url: url)
        }
        let kind: CurlError.Code = switch code {
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_COULDNT_CONNECT: .connectionFailed
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .dnsFailed
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING: .connectionLost
        case CURLE_PARTIAL_FILE: .truncatedBody
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE: .tls
        case CURLE_BAD_CONTENT_ENCODING: .badContentEncoding
        case CURLE_TOO_MANY_REDIRECTS: .tooManyRedirects
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3: .protocolError
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT: .invalidRequest
        default: .other
        }
        return CurlError(code: kind, curlCode: Int32(code.rawValue), message: detail, url: url)
    }
}

private let curlWriteCallback: CCurl_data_callback = { data, size, count, userdata in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
    let length = size * count
    return transfer.append(body: UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private let curlHeaderCallback: CCurl_data_callback = { data, size, count, userdata in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
    let length = size * count
    data.map { transfer.append(headerLine: UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: length)) }
    return length
}
