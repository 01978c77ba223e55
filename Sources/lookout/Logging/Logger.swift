import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Structured logging to a file descriptor (standard error by default), at a minimum
/// level, in logfmt or JSON.
///
/// Lines never block the caller: they are appended to a bounded buffer that a serial
/// dispatch queue writes out in batches, so an event loop logging an access line does not
/// wait for a slow terminal or pipe. If the buffer fills up (the reader is stuck), lines
/// are dropped and counted, and a warning reports how many once there is room again.
/// ``flush()`` writes everything buffered; call it before exiting.
///
/// Thread-safety: safe from any thread.
final class Logger: Sendable {
    /// The least important level written.
    let level: LogLevel
    /// The line format.
    let format: LogFormat
    private let fd: Int32
    private let pending = Mutex(PendingLines())
    private let queue = DispatchQueue(label: "lookout.log-writer")

    private struct PendingLines {
        var bytes: [UInt8] = []
        var dropped = 0
    }

    /// Buffered bytes beyond which new lines are dropped.
    static let bufferLimit = 4 << 20

    init(level: LogLevel, format: LogFormat, fileDescriptor: Int32 = STDERR_FILENO) {
        self.level = level
        self.format = format
        fd = fileDescriptor
    }

    /// Whether lines at `level` are written.
    func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

    /// Writes one line if `level` is enabled.
    func log(_ level: LogLevel, _ message: String, _ fields: [LogField] = []) {
        guard isEnabled(level) else { return }
        let time = LogLine.timestamp()
        let line = LogLine.render(time: time, level: level, message: message, fields: fields, format: format)
        let scheduleWrite = pending.withLock { pending -> Bool in
            let wasEmpty = pending.bytes.isEmpty
            if pending.bytes.count + line.utf8.count > Self.bufferLimit {
                pending.dropped += 1
                return false
            }
            if pending.dropped > 0 {
                let notice = LogLine.render(time: time, level: .warning, message: "log lines dropped: the log output was not keeping up",
                                            fields: [LogField("dropped", pending.dropped)], format: format)
                pending.bytes.append(contentsOf: notice.utf8)
                pending.dropped = 0
            }
            pending.bytes.append(contentsOf: line.utf8)
            return wasEmpty
        }
        if scheduleWrite { queue.async { self.drain() } }
    }

    /// Writes everything buffered and returns once it is written.
    func flush() {
        queue.sync { drain() }
    }

    /// Takes the buffered bytes and writes them; runs on `queue`, so writes keep their order.
    private func drain() {
        let bytes = pending.withLock { pending -> [UInt8] in
            defer { pending.bytes = [] }
            return pending.bytes
        }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR || errno == EAGAIN {
                    continue
                } else {
                    return  // the output is gone (closed pipe); nothing sensible to do
                }
            }
        }
    }
}
