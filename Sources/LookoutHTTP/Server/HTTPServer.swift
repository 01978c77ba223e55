import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: epoll event loops, one thread per loop.
///
/// ## Architecture
/// Each event loop is a dedicated thread running a level-triggered `epoll` instance that
/// owns its connections outright (default: one loop per core). Loop 0 accepts and deals
/// connections out round-robin. Parsing, routing, middleware and *synchronous* handlers
/// run inline on the loop thread, and responses to pipelined requests are coalesced into
/// one `send`; a keep-alive request therefore costs one `recv`, one `send`, no thread hop
/// and no task. *Async* handlers run in a `Task` on Swift's global executor and post their
/// response back to the loop's mailbox (an eventfd wake-up); the loop keeps serving other
/// connections meanwhile, and later pipelined requests on that connection wait so
/// responses stay in order.
///
/// Why this and not a thread per connection or a task per request: per-connection threads
/// cost a stack each and context switches under load; a task per request adds scheduling
/// and two thread hops to every request, including `/metrics` and health checks that take
/// microseconds. A fixed set of loops bounds threads and memory independently of load,
/// and the async path is there for handlers that genuinely wait.
///
/// ## Lifecycle
/// ```swift
/// let server = try HTTPServer(configuration: .init(port: 0), router: router)
/// try server.start()
/// print("listening on port \(server.port!)")
/// _ = await TerminationSignal.wait()          // SIGINT or SIGTERM
/// await server.shutdown(gracePeriod: .seconds(10))
/// ```
/// `shutdown` stops accepting, closes idle connections, lets in-flight requests finish
/// (their responses say `Connection: close`) until the grace period ends, then closes the
/// rest and returns. A server runs once; create a new one to serve again.
///
/// Thread-safety: all methods may be called from any thread or task. The library never
/// prints, never exits and never changes signal dispositions (except inside
/// ``TerminationSignal/wait(for:)``, which you call explicitly).
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case created
        case running(ServerShared, SocketAddress)
        case stopping(ServerShared)
        case stopped
    }

    /// The configuration the server was created with.
    public let configuration: Configuration
    private let routes: RouteTable
    private let chain: MiddlewareChain
    private let lifecycle = Mutex(Lifecycle.created)

    /// Validates `configuration` and compiles `router`, without binding anything yet.
    ///
    /// - Throws: ``HTTPServerError`` with code ``HTTPServerError/Code/invalidConfiguration``
    ///   or ``HTTPServerError/Code/invalidRoute``, listing every problem found.
    public init(configuration: Configuration = Configuration(), router: HTTPRouter) throws(HTTPServerError) {
        let problems = configuration.problems
        guard problems.isEmpty else {
            throw HTTPServerError(.invalidConfiguration, problems.joined(separator: "; "))
        }
        self.configuration = configuration
        routes = try RouteTable.build(router.definitions).get()
        chain = MiddlewareChain(middleware: router.middleware, observer: configuration.observer)
    }

    /// Binds the listening socket and starts the event loop threads; returns immediately.
    ///
    /// - Throws: ``HTTPServerError`` if the address is invalid or in use, if system
    ///   resources run out, or if the server was already started.
    public func start() throws(HTTPServerError) {
        try lifecycle.withLock { (state) throws(HTTPServerError) in
            guard case .created = state else {
                throw HTTPServerError(.alreadyStarted, "start() was already called; create a new HTTPServer to serve again")
            }
            let address = try SocketAddress(host: configuration.host, port: configuration.port)
            let (listener, bound) = try Socket.listen(on: address, backlog: configuration.backlog)
            var loops: [EventLoop] = []
            var mailboxes: [LoopMailbox] = []
            let shared: ServerShared
            do throws(HTTPServerError) {
                for _ in 0..<configuration.eventLoopCount { mailboxes.append(try LoopMailbox()) }
                shared = ServerShared(configuration: configuration, routes: routes, chain: chain, mailboxes: mailboxes)
                for index in 0..<configuration.eventLoopCount {
                    loops.append(try EventLoop(index: index, shared: shared, listener: index == 0 ? listener : nil))
                }
            } catch {
                for loop in loops { loop.epoll.close() }
                Socket.close(listener)
                throw error
            }
            for (index, loop) in loops.enumerated() {
                do throws(HTTPServerError) {
                    try Self.spawnThread(for: loop)
                } catch {
                    // Loops already running release their own resources (loop 0 the listener).
                    for mailbox in mailboxes.prefix(index) { mailbox.post(.drain(deadline: MonotonicInstant.now())) }
                    for unstarted in loops[index...] { unstarted.epoll.close() }
                    if index == 0 { Socket.close(listener) }
                    throw error
                }
            }
            state = .running(shared, bound)
        }
    }

    /// The bound TCP port (the ephemeral one when configured with port 0); `nil` until started.
    public var port: Int? {
        lifecycle.withLock { if case .running(_, let address) = $0 { address.port } else { nil } }
    }

    /// The bound address, for example `127.0.0.1:8080` or `[::1]:8080`; `nil` until started.
    public var localAddress: String? {
        lifecycle.withLock { if case .running(_, let address) = $0 { address.description } else { nil } }
    }

    /// Stops the server gracefully and returns when every loop thread has exited.
    ///
    /// New connections are refused at once; idle connections close; requests in progress
    /// get up to `gracePeriod` to finish (their connections then close); anything left
    /// after that is closed. Calling it again, or on a server never started, just waits
    /// for (or returns after) the first shutdown.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        let shared: ServerShared? = lifecycle.withLock { state in
            switch state {
            case .created:
                state = .stopped
                return nil
            case .running(let shared, _):
                state = .stopping(shared)
                let deadline = MonotonicInstant.now().adding(gracePeriod.clampedNanoseconds)
                for mailbox in shared.mailboxes { mailbox.post(.drain(deadline: deadline)) }
                return shared
            case .stopping(let shared):
                return shared
            case .stopped:
                return nil
            }
        }
        guard let shared else { return }
        await shared.waitUntilStopped()
        lifecycle.withLock { $0 = .stopped }
    }

    /// Starts a detached thread that runs `loop` until it drains.
    private static func spawnThread(for loop: EventLoop) throws(HTTPServerError) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // Ownership of the loop moves to the new thread: this thread never touches it again.
        let context = Unmanaged.passRetained(loop).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { context in
            let loop = Unmanaged<EventLoop>.fromOpaque(context!).takeRetainedValue()
            LinuxAPI.setThreadName("lookout-http-\(loop.index)")
            loop.run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<EventLoop>.fromOpaque(context).release()
            throw HTTPServerError(.systemResources, "pthread_create failed: \(Socket.errorText(result))")
        }
    }
}
