#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard output with `write(2)`, unbuffered: a supervisor or test reading
/// the banner through a pipe sees it at once, not when a stdio buffer fills.
enum StandardOutput {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
