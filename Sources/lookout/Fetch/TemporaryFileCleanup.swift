#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Removes `lookout fetch`'s temporary output file when SIGINT or SIGTERM ends the
/// process, then exits with 128 + the signal number, as a shell expects.
///
/// The path is a `strdup`ed C string whose address sits in a lock-free `Atomic<Int>`, so
/// the handler reads it with only async-signal-safe operations (an atomic load, `unlink`,
/// `_exit`). A path is never freed once registered: a handler running on another thread
/// may be reading it at that moment, and a CLI run registers one or two paths.
enum TemporaryFileCleanup {
    private static let pendingPath = Atomic<Int>(0)
    private static let installed = Atomic<Bool>(false)

    /// Registers `path` and installs the handlers (once).
    static func register(_ path: String) {
        pendingPath.store(Int(bitPattern: strdup(path)), ordering: .sequentiallyConsistent)
        guard !installed.exchange(true, ordering: .sequentiallyConsistent) else { return }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { number in
                if let path = UnsafeMutablePointer<CChar>(bitPattern: TemporaryFileCleanup.pendingPath.load(ordering: .sequentiallyConsistent)) {
                    unlink(path)
                }
                _exit(128 + number)
            }
        }
    }

    /// Forgets the registered path (it was renamed or removed).
    static func unregister() {
        pendingPath.store(0, ordering: .sequentiallyConsistent)
    }
}
