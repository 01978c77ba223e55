/// Building blocks both text writers share: one sample line at a time.
extension ExpositionBuffer {
    /// Appends `name{labels,extraName="extraValue"} ` (braces omitted when there are no
    /// labels), ready for the value.
    @inline(__always)
    mutating func appendSampleStart(_ name: [UInt8], labels: [UInt8], extraName: StaticString? = nil, extraValue: [UInt8] = []) {
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
    mutating func appendSample(_ name: [UInt8], labels: [UInt8], value: Double) {
        appendSampleStart(name, labels: labels)
        FloatFormatting.appendValue(value, to: &self)
        append(UInt8(ascii: "\n"))
    }
}

/// A family's metadata rendered once, when it is registered: its sample names and the
/// metadata lines of each format. Scrapes copy these bytes instead of escaping help text
/// and concatenating names for every family every time.
final class FamilyRendering: Sendable {
    let names: FamilyNames
    let prometheusTextHeader: [UInt8]
    let openMetricsHeader: [UInt8]

    init(_ descriptor: MetricDescriptor) {
        names = FamilyNames(descriptor.name)
        prometheusTextHeader = PrometheusTextWriter.header(descriptor, names: names)
        openMetricsHeader = OpenMetricsWriter.header(descriptor, names: names)
    }
}

/// The sample names of one family.
struct FamilyNames: Sendable {
    /// Names of no family: a writer's state before its first family.
    static let empty = FamilyNames("")

    let base: [UInt8]
    let total: [UInt8]
    let created: [UInt8]
    let bucket: [UInt8]
    let count: [UInt8]
    let sum: [UInt8]
    let info: [UInt8]

    init(_ name: String) {
        base = Array(name.utf8)
        total = base + Array("_total".utf8)
        created = base + Array("_created".utf8)
        bucket = base + Array("_bucket".utf8)
        count = base + Array("_count".utf8)
        sum = base + Array("_sum".utf8)
        info = base + Array("_info".utf8)
    }
}
