#if canImport(Glibc)
import Glibc
#endif

/// Where `lookout fetch` writes its document: standard output, or a file replaced
/// atomically (written to a temporary file beside it, flushed to disk, then renamed over
/// it), so a reader never sees half a file and a failure leaves the old file untouched.
enum OutputFile {
    /// Why the output could not be written: one readable line, exit status 4.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `bytes` to `path`, or to standard output when `path` is `nil`.
    static func write(_ bytes: [UInt8], to path: String?) throws(Failure) {
        guard let path else {
            guard writeAll(bytes, to: STDOUT_FILENO) else { throw Failure(description: "could not write to standard output: \(errorText())") }
            return
        }
        let temporary = try temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot create '\(temporary)' next to '\(path)': \(errorText()); check the directory exists and is writable")
        }
        TemporaryFileCleanup.register(temporary)
        defer { TemporaryFileCleanup.unregister() }
        let written = writeAll(bytes, to: descriptor) && fsync(descriptor) == 0
        let problem = written ? nil : errorText()
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            let reason = problem ?? errorText()
            unlink(temporary)
            throw Failure(description: "cannot write '\(path)': \(reason); nothing was changed")
        }
    }

    /// Fails as ``write(_:to:)`` would if `path`'s directory is missing or not writable, by
    /// creating and removing the temporary file, so the problem is reported before any
    /// request is sent. Standard output (`nil`) always passes.
    static func checkWritable(_ path: String?) throws(Failure) {
        guard let path else { return }
        let temporary = try temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot create '\(temporary)' next to '\(path)': \(errorText()); check the directory exists and is writable")
        }
        close(descriptor)
        unlink(temporary)
    }

    /// The hidden temporary file beside `path` that is renamed over it when complete.
    static func temporaryPath(for path: String) throws(Failure) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw Failure(description: "--out '\(path)' names a directory; give a file name") }
        return "\(directory).\(name).lookout-\(getpid()).tmp"
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
