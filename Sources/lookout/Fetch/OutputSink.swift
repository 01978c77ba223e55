#if canImport(Glibc)
import Glibc
#endif

/// Where a streaming `lookout fetch` writes as pages arrive: standard output, or a
/// temporary file beside `--out` that replaces it atomically at the end.
///
/// The temporary file is created before anything is fetched, so a missing directory or a
/// permission problem is reported at once (exit 4) rather than after the download. It is
/// removed on every exit path: ``abort()`` on failure, and the SIGINT/SIGTERM handler
/// (``TemporaryFileCleanup``) on an interrupt.
final class OutputSink {
    private let descriptor: Int32
    private let temporary: String?
    private let path: String?
    /// Appending to an existing `--out` in place (`--resume`): no temporary file, no rename.
    private var appending = false
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 20

    private init(descriptor: Int32, temporary: String?, path: String?) {
        self.descriptor = descriptor
        self.temporary = temporary
        self.path = path
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Opens standard output (`path == nil`) or a temporary file next to `path`.
    static func open(_ path: String?) throws(OutputFile.Failure) -> OutputSink {
        guard let path else { return OutputSink(descriptor: STDOUT_FILENO, temporary: nil, path: nil) }
        let temporary = try OutputFile.temporaryPath(for: path)
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputFile.Failure(description: "cannot create '\(temporary)' next to '\(path)': \(OutputFile.errorText()); check the directory exists and is writable")
        }
        TemporaryFileCleanup.register(temporary)
        return OutputSink(descriptor: descriptor, temporary: temporary, path: path)
    }

    /// Opens `path` to continue it in place: cut to `keep` bytes, then append.
    static func resume(_ path: String, keep: Int64) throws(OutputFile.Failure) -> OutputSink {
        let descriptor = Glibc.open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0, ftruncate(descriptor, Int(keep)) == 0, lseek(descriptor, 0, SEEK_END) == Int(keep) else {
            let reason = OutputFile.errorText()
            if descriptor >= 0 { close(descriptor) }
            throw OutputFile.Failure(description: "cannot continue '\(path)': \(reason); check it is writable")
        }
        let sink = OutputSink(descriptor: descriptor, temporary: nil, path: path)
        sink.appending = true
        return sink
    }

    /// Appends `bytes`, writing through once a megabyte is buffered.
    func write(_ bytes: some Sequence<UInt8>) throws(OutputFile.Failure) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends bytes produced by `body` into the buffer directly.
    func append(_ body: (inout [UInt8]) -> Void) throws(OutputFile.Failure) {
        body(&buffer)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    private func flush() throws(OutputFile.Failure) {
        guard OutputFile.writeAll(buffer, to: descriptor) else {
            throw OutputFile.Failure(description: "cannot write '\(path ?? "standard output")': \(OutputFile.errorText())")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and, for a file, flushes it to disk and renames it over `--out`.
    func commit() throws(OutputFile.Failure) {
        do { try flush() } catch { abort(); throw error }
        if appending {
            let synced = fsync(descriptor) == 0
            close(descriptor)
            guard synced else { throw OutputFile.Failure(description: "cannot write '\(path ?? "")': \(OutputFile.errorText())") }
            return
        }
        guard let temporary, let path else { return }
        let synced = fsync(descriptor) == 0
        let problem = synced ? nil : OutputFile.errorText()
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            let reason = problem ?? OutputFile.errorText()
            unlink(temporary)
            TemporaryFileCleanup.unregister()
            throw OutputFile.Failure(description: "cannot write '\(path)': \(reason); nothing was changed")
        }
        TemporaryFileCleanup.unregister()
    }

    /// Discards the temporary file (nothing replaces `--out`); a resumed file keeps what
    /// was written, so it can be resumed again.
    func abort() {
        if appending {
            _ = try? flush()
            close(descriptor)
            return
        }
        guard let temporary else { return }
        close(descriptor)
        unlink(temporary)
        TemporaryFileCleanup.unregister()
    }
}
