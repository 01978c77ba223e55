#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard error with `write(2)`: C's `stderr` is a mutable global Swift 6
/// will not touch from concurrent code.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
