#if canImport(Glibc)
import Glibc
#endif

/// Metrics about the running process, read from `/proc/self` at every scrape, with the
/// names and units client_golang uses (so existing dashboards and alerts work):
///
/// - `process_cpu_seconds_total`: user + system CPU time, in seconds.
/// - `process_resident_memory_bytes`, `process_virtual_memory_bytes`: memory, in bytes.
/// - `process_open_fds`, `process_max_fds`: open file descriptors and their limit.
/// - `process_start_time_seconds`: start time, in seconds since the Unix epoch.
///
/// ```swift
/// try registry.register(ProcessCollector())
/// ```
///
/// Linux only: elsewhere it declares and collects nothing. A value that cannot be read
/// (for example in a sandbox without `/proc`) is left out of the scrape, not faked.
public struct ProcessCollector: Collector {
    /// A collector for the current process.
    public init() {}

    /// `process_cpu_seconds_total`.
    public static let cpuSeconds = try! MetricDescriptor(name: "process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.", type: .counter, unit: .seconds)
    /// `process_resident_memory_bytes`.
    public static let residentMemory = try! MetricDescriptor(name: "process_resident_memory_bytes", help: "Resident memory size in bytes.", type: .gauge, unit: .bytes)
    /// `process_virtual_memory_bytes`.
    public static let virtualMemory = try! MetricDescriptor(name: "process_virtual_memory_bytes", help: "Virtual memory size in bytes.", type: .gauge, unit: .bytes)
    /// `process_open_fds`.
    public static let openFileDescriptors = try! MetricDescriptor(name: "process_open_fds", help: "Number of open file descriptors.", type: .gauge)
    /// `process_max_fds`.
    public static let maxFileDescriptors = try! MetricDescriptor(name: "process_max_fds", help: "Maximum number of open file descriptors (the soft RLIMIT_NOFILE).", type: .gauge)
    /// `process_start_time_seconds`.
    public static let startTime = try! MetricDescriptor(name: "process_start_time_seconds", help: "Start time of the process since the Unix epoch in seconds.", type: .gauge, unit: .seconds)

    /// Every family this collector produces.
    public static let allDescriptors = [cpuSeconds, residentMemory, virtualMemory, openFileDescriptors, maxFileDescriptors, startTime]

    /// ``allDescriptors`` on Linux; nothing elsewhere.
    public var descriptors: [MetricDescriptor] {
        #if os(Linux)
        Self.allDescriptors
        #else
        []
        #endif
    }

    /// Reads `/proc/self` now: one family per value that could be read.
    public func collect() -> [MetricFamilySnapshot] {
        #if os(Linux)
        var families: [MetricFamilySnapshot] = []
        func add(_ descriptor: MetricDescriptor, _ value: SeriesSnapshot.Value?) {
            guard let value else { return }
            families.append(MetricFamilySnapshot(uncheckedDescriptor: descriptor, series: [SeriesSnapshot(value: value)]))
        }
        let stat = ProcStat.read()
        add(Self.cpuSeconds, stat.map { .counter($0.cpuSeconds, exemplar: nil) })
        add(Self.residentMemory, stat.map { .gauge($0.residentBytes) })
        add(Self.virtualMemory, stat.map { .gauge($0.virtualBytes) })
        add(Self.openFileDescriptors, ProcStat.openFileDescriptors().map { .gauge(Double($0)) })
        add(Self.maxFileDescriptors, ProcStat.maxFileDescriptors().map { .gauge($0) })
        add(Self.startTime, stat.flatMap { stat in ProcStat.bootTime.map { .gauge($0 + stat.startTicks / ProcStat.ticksPerSecond) } })
        return families
        #else
        return []
        #endif
    }
}

#if os(Linux)
/// Readers of the few `/proc` files the process collector needs.
enum ProcStat {
    struct Values {
        let cpuSeconds: Double
        let startTicks: Double
        let virtualBytes: Double
        let residentBytes: Double
    }

    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    static let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))

    /// Fields of `/proc/self/stat` (see proc(5)): utime 14, stime 15, starttime 22,
    /// vsize 23, rss 24, counted from 1; field 2 is the parenthesised command name, which
    /// may itself hold spaces and parentheses, so fields are counted after the last `)`.
    /// Parsed straight from the bytes: this runs on every scrape.
    static func read() -> Values? {
        withUnsafeTemporaryAllocation(byteCount: 1024, alignment: 1) { buffer -> Values? in
            let fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var filled = 0
            while filled < buffer.count {
                let count = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if count <= 0 { break }
                filled += count
            }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
            // Field 3 starts two bytes after ')'; collect fields 14, 15, 22, 23 and 24.
            var field = 2
            var utime: UInt64?, stime: UInt64?, start: UInt64?, vsize: UInt64?, rss: UInt64?
            var index = close + 1
            while index < bytes.count, field < 24 {
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                field += 1
                var number: UInt64 = 0
                var digits = 0
                while index < bytes.count, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: "\n") {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    if digit < 10 { number = number &* 10 &+ UInt64(digit); digits += 1 }
                    index += 1
                }
                guard digits > 0 else { continue }
                switch field {
                case 14: utime = number
                case 15: stime = number
                case 22: start = number
                case 23: vsize = number
                case 24: rss = number
                default: break
                }
            }
            guard let utime, let stime, let start, let vsize, let rss else { return nil }
            return Values(cpuSeconds: Double(utime + stime) / ticksPerSecond, startTicks: Double(start),
                          virtualBytes: Double(vsize), residentBytes: Double(rss) * pageSize)
        }
    }

    /// The system boot time from `/proc/stat`'s `btime` line, in seconds since the epoch.
    /// Read once: it never changes, and `/proc/stat` (a line per CPU and per interrupt
    /// source) is the costliest file to generate and parse at every scrape.
    static let bootTime: Double? = {
        guard let text = readFile("/proc/stat") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingSpaces())
        }
        return nil
    }()

    /// Entries in `/proc/self/fd`, less the descriptor used to list it.
    static func openFileDescriptors() -> Int? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { $0[0] == UInt8(ascii: ".") }
            if !isDot { count += 1 }
        }
        return count - 1
    }

    /// The soft limit on open file descriptors.
    static func maxFileDescriptors() -> Double? {
        var limit = rlimit()
        // RLIM_INFINITY is all ones; Swift imports the macro as -1, so compare with rlim_t.max.
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return nil }
        return limit.rlim_cur == rlim_t.max ? .infinity : Double(limit.rlim_cur)
    }

    private static let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)

    /// A small file's contents (procfs files report size 0, so read until EOF). Files up
    /// to 4 KiB, which every `/proc/self` file read here is, are read into a stack buffer,
    /// so a scrape allocates only the resulting string.
    static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { buffer -> String? in
            var filled = 0
            while filled < buffer.count {
                let count = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 { return nil }
                if count == 0 { return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[0..<filled]), as: UTF8.self) }
                filled += count
            }
            // Larger than the buffer: continue on the heap.
            var bytes = Array(UnsafeRawBufferPointer(buffer))
            while true {
                let count = Glibc.read(fd, buffer.baseAddress!, buffer.count)
                if count < 0 { return nil }
                if count == 0 { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
        }
    }
}
#endif
