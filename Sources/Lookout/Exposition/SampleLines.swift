/// Building blocks both text writers share: one sample line at a time.
extension ExpositionBuffer {
    /// Appends `name{labels,extraName="extraValue"} ` (braces omitted when there are no
    /// labels), ready for the value.
    @inline(__always)
    mutating func appendSampleStart(_ name: UnsafeRawBufferPointer, labels: [UInt8], extraName: StaticString? = nil, extraValue: [UInt8] = []) {
        let extraLength = extraName.map { $0.utf8CodeUnitCount + extraValue.count + 4 } ?? 0
        reserve(name.count + labels.count + extraLength + 3)
        appendUnchecked(name)
        if !labels.isEmpty || extraName != nil {
            appendUnchecked(UInt8(ascii: "{"))
            appendUnchecked(labels)
            if let extraName {
                if !labels.isEmpty { appendUnchecked(UInt8(ascii: ",")) }
                for index in 0..<extraName.utf8CodeUnitCount { appendUnchecked(extraName.utf8Start[index]) }
                appendUnchecked(UInt8(ascii: "="))
                appendUnchecked(UInt8(ascii: "\""))
                appendUnchecked(extraValue)
                appendUnchecked(UInt8(ascii: "\""))
            }
            appendUnchecked(UInt8(ascii: "}"))
        }
        appendUnchecked(UInt8(ascii: " "))
    }

    /// Appends a static ASCII string.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a whole sample line: start, value, newline.
    @inline(__always)
    mutating func appendSample(_ name: UnsafeRawBufferPointer, labels: [UInt8], value: Double) {
        appendSampleStart(name, labels: labels)
        FloatFormatting.appendValue(value, to: &self)
        append(UInt8(ascii: "\n"))
    }
}

/// A family's metadata rendered once, when it is registered: its sample names and the
/// metadata lines of each format, in memory of their own. Scrapes copy these bytes
/// instead of escaping help text and concatenating names for every family every time,
/// and pass the names around as plain pointers (no reference counting per family).
final class FamilyRendering: @unchecked Sendable {
    // @unchecked Sendable: `storage` is written once, in init, and only read afterwards;
    // every buffer below points into it and lives as long as this object.
    private let storage: UnsafeMutableRawPointer
    let names: FamilyNames
    let prometheusTextHeader: UnsafeRawBufferPointer
    let openMetricsHeader: UnsafeRawBufferPointer

    init(_ descriptor: MetricDescriptor) {
        let base = Array(descriptor.name.utf8)
        let pieces: [[UInt8]] = [base] + ["_total", "_created", "_bucket", "_count", "_sum", "_info"].map { base + Array($0.utf8) }
        let namesSize = pieces.reduce(0) { $0 + $1.count }
        // The headers need the names, so they are rendered from a first view of them.
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: max(namesSize, 1), alignment: 8)
        defer { scratch.deallocate() }
        let scratchNames = FamilyNames(pieces, in: scratch)
        let text = PrometheusTextWriter.header(descriptor, names: scratchNames)
        let openMetrics = OpenMetricsWriter.header(descriptor, names: scratchNames)
        storage = .allocate(byteCount: max(namesSize + text.count + openMetrics.count, 1), alignment: 8)
        names = FamilyNames(pieces, in: storage)
        (storage + namesSize).copyMemory(from: text, byteCount: text.count)
        (storage + namesSize + text.count).copyMemory(from: openMetrics, byteCount: openMetrics.count)
        prometheusTextHeader = UnsafeRawBufferPointer(start: storage + namesSize, count: text.count)
        openMetricsHeader = UnsafeRawBufferPointer(start: storage + namesSize + text.count, count: openMetrics.count)
    }

    deinit { storage.deallocate() }
}

/// The sample names of one family: views into its ``FamilyRendering``, valid while
/// that rendering is alive. Copying them costs no reference counting.
struct FamilyNames {
    /// Names of no family: a writer's state before its first family.
    static var empty: FamilyNames { FamilyNames() }

    let base: UnsafeRawBufferPointer
    let total: UnsafeRawBufferPointer
    let created: UnsafeRawBufferPointer
    let bucket: UnsafeRawBufferPointer
    let count: UnsafeRawBufferPointer
    let sum: UnsafeRawBufferPointer
    let info: UnsafeRawBufferPointer

    private init() {
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        (base, total, created, bucket, count, sum, info) = (none, none, none, none, none, none, none)
    }

    /// Copies the seven `pieces` (base, then each suffixed name) to `memory` and views them.
    init(_ pieces: [[UInt8]], in memory: UnsafeMutableRawPointer) {
        var views: [UnsafeRawBufferPointer] = []
        var offset = 0
        for piece in pieces {
            piece.withUnsafeBytes { (memory + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            views.append(UnsafeRawBufferPointer(start: memory + offset, count: piece.count))
            offset += piece.count
        }
        (base, total, created, bucket, count, sum, info) = (views[0], views[1], views[2], views[3], views[4], views[5], views[6])
    }
}
