#if canImport(Glibc)
import Glibc
#endif

/// Where `lookout fetch --resume` picks up an interrupted CSV `--out` file: the bytes to
/// keep (through the last complete, closed candle row) and which symbol and start time
/// that row was.
///
/// Only the file's tail is read (the last 64 KiB), so resuming a file of gigabytes costs
/// no more than a short one.
struct ResumePoint: Equatable {
    /// Bytes of the file to keep; everything after (a half-written row, the open candle)
    /// is cut off.
    var keptBytes: Int64
    /// The symbol of the last kept row, `nil` when only the header is kept.
    var symbol: String?
    /// The start time of the last kept row (ms).
    var lastStart: Int64?

    /// Reads the resume point of the CSV file at `path`; `nil` when the file does not
    /// exist (a fresh start).
    /// - Throws: a ``CommandLineError`` naming the problem when the file is not a
    ///   `lookout fetch` CSV.
    static func read(_ path: String) throws(CommandLineError) -> ResumePoint? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw CommandLineError("--resume cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return nil }
        let tailLength = Int(min(size, 65_536))
        var tail = [UInt8](repeating: 0, count: tailLength)
        let read = tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, tailLength, size - tailLength) }
        guard read == tailLength else { throw CommandLineError("--resume cannot read '\(path)': \(String(cString: strerror(errno)))") }
        return try parse(tail: tail, fileSize: Int64(size), path: path)
    }

    /// The resume point from the last `tail` bytes of a file of `fileSize` bytes.
    static func parse(tail: [UInt8], fileSize: Int64, path: String) throws(CommandLineError) -> ResumePoint {
        let header = Array(CandleFormat.csvHeader.utf8)
        let tailStart = fileSize - Int64(tail.count)
        if tailStart == 0, !tail.starts(with: header) {
            throw CommandLineError("--resume: '\(path)' does not start with lookout fetch's CSV header (\(CandleFormat.csvHeader.dropLast())); choose another --out or remove the file")
        }
        // Complete lines only, newest first; the first closed candle row decides.
        var end = tail.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        while end > 0 {
            let start = tail[..<(end - 1)].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            if start == 0, tailStart > 0 { break }
            let line = String(decoding: tail[start..<(end - 1)], as: UTF8.self)
            if tailStart == 0, start == 0 { return ResumePoint(keptBytes: Int64(header.count), symbol: nil, lastStart: nil) }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 10, let startTime = Int64(fields[1]) else {
                throw CommandLineError("--resume: the last rows of '\(path)' are not lookout fetch CSV rows; choose another --out or remove the file")
            }
            if fields[9] == "true" {
                return ResumePoint(keptBytes: tailStart + Int64(end), symbol: String(fields[0]), lastStart: startTime)
            }
            end = start
        }
        throw CommandLineError("--resume: no complete candle row in the last 64 KiB of '\(path)'; remove the file to start again")
    }
}
