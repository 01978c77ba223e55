import Dispatch
import Glibc

/// A signal asking the process to stop, and a way to wait for one.
///
/// ```swift
/// let signal = await TerminationSignal.wait()
/// await server.shutdown(gracePeriod: .seconds(10))
/// // return from main: exit status 0
/// ```
public enum TerminationSignal: String, Sendable, Hashable, CaseIterable {
    /// `SIGINT` (Ctrl-C).
    case interrupt = "SIGINT"
    /// `SIGTERM` (`kill`, container stop, systemd).
    case terminate = "SIGTERM"

    /// The signal number.
    public var number: Int32 {
        switch self {
        case .interrupt: SIGINT
        case .terminate: SIGTERM
        }
    }

    /// Waits until the process receives one of `signals` and returns which.
    ///
    /// While waiting, the signals' default action (terminating the process) is replaced
    /// by delivery to this call, through Dispatch signal sources, which work whichever
    /// thread the kernel picks. Once one arrives the default action is restored, so a
    /// second Ctrl-C during a slow shutdown still ends the process. Call it once, from the
    /// executable, never from library code.
    public static func wait(for signals: [TerminationSignal] = TerminationSignal.allCases) async -> TerminationSignal {
        await wait(for: signals, onReady: {})
    }

    /// ``wait(for:)`` that calls `onReady` once the signals are being watched.
    ///
    /// Until then a signal still has its default action (the process ends). A program that
    /// announces it is ready (prints its address, reports readiness) should do so only
    /// after `onReady`, so a supervisor reacting to the announcement cannot kill it
    /// before its graceful shutdown is in place.
    public static func wait(for signals: [TerminationSignal], onReady: @escaping @Sendable () -> Void) async -> TerminationSignal {
        let queue = DispatchQueue(label: "lookout.termination-signal")
        return await withCheckedContinuation { (continuation: CheckedContinuation<TerminationSignal, Never>) in
            queue.async {
                let waiter = SignalWaiter(continuation: continuation, signals: signals)
                var unregistered = signals.count
                guard unregistered > 0 else { return onReady() }
                for signal in signals {
                    // Ignore the default action; the dispatch source still observes the signal.
                    _ = Glibc.signal(signal.number, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: signal.number, queue: queue)
                    source.setEventHandler { waiter.deliver(signal) }
                    // Dispatch installs a source's signal handler asynchronously after resume();
                    // a signal arriving before that would be ignored (SIG_IGN) and lost. Ready
                    // therefore means every source has been registered.
                    source.setRegistrationHandler {
                        unregistered -= 1
                        if unregistered == 0 { onReady() }
                    }
                    waiter.sources.append(source)
                    source.resume()
                }
            }
        }
    }
}

/// Resumes the waiting task once, then restores the default dispositions and cancels the
/// dispatch sources.
///
/// `@unchecked Sendable` is safe because every access happens on one serial dispatch
/// queue: the object is created and filled inside `queue.async`, and its only other user
/// is the sources' event handler, which Dispatch runs on that same queue. No two threads
/// can touch it at once.
private final class SignalWaiter: @unchecked Sendable {
    private var continuation: CheckedContinuation<TerminationSignal, Never>?
    private let signals: [TerminationSignal]
    var sources: [any DispatchSourceSignal] = []

    init(continuation: CheckedContinuation<TerminationSignal, Never>, signals: [TerminationSignal]) {
        self.continuation = continuation
        self.signals = signals
    }

    func deliver(_ signal: TerminationSignal) {
        guard let continuation else { return }
        self.continuation = nil
        for source in sources { source.cancel() }
        sources = []
        for other in signals { _ = Glibc.signal(other.number, SIG_DFL) }
        continuation.resume(returning: signal)
    }
}
