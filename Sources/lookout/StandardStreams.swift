#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard error with `write(2)`: C's `stderr` is a mutable global Swift 6
/// will not touch from concurrent code.
enum StandardError {
    static func write(_ text: String) { writeAll(text, to: STDERR_FILENO) }
}

/// Writes to standard output with `write(2)`, unbuffered: a supervisor or test reading
/// the banner through a pipe sees it at once, not when a stdio buffer fills.
enum StandardOutput {
    static func write(_ text: String) { writeAll(text, to: STDOUT_FILENO) }
}

/// Writes all of `text` to `descriptor`, retrying short writes; gives up on an error
/// (a closed pipe has no reader left to tell).
private func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}
