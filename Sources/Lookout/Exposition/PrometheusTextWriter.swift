/// Writes Prometheus text format 0.0.4.
///
/// Counters are named `<name>_total` on their `# HELP`/`# TYPE` lines as well as their
/// samples; info and state-set families become gauges; `_created`, units and exemplars
/// are not part of this format and are left out. HELP escapes backslash and newline.
struct PrometheusTextWriter: TextSampleWriter {
    private(set) var names = FamilyNames.empty

    mutating func beginFamily(_ rendering: FamilyRendering, to buffer: inout ExpositionBuffer) {
        names = rendering.names
        buffer.append(rendering.prometheusTextHeader)
    }

    /// `# HELP` and `# TYPE` lines: counters named with `_total`, info with `_info`.
    static func header(_ descriptor: MetricDescriptor, names: FamilyNames) -> [UInt8] {
        var buffer = ExpositionBuffer(capacity: 128)
        let metadataName: UnsafeRawBufferPointer
        switch descriptor.type {
        case .counter: metadataName = names.total
        case .info: metadataName = names.info
        default: metadataName = names.base
        }
        buffer.append("# HELP ")
        buffer.append(metadataName)
        buffer.append(UInt8(ascii: " "))
        TextEscaping.appendHelp(descriptor.help, format: .prometheusText, to: &buffer)
        buffer.append("\n# TYPE ")
        buffer.append(metadataName)
        buffer.append(UInt8(ascii: " "))
        buffer.append(descriptor.type.prometheusTextKeyword)
        buffer.append(UInt8(ascii: "\n"))
        return buffer.bytes
    }

    func writeCounter(labels: [UInt8], total: CounterTotal, exemplar: Exemplar?, created: Double?, to buffer: inout ExpositionBuffer) {
        buffer.appendSampleStart(names.total, labels: labels)
        FloatFormatting.appendTotal(total, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
    }

    func writeHistogram(labels: [UInt8], buckets: Buckets, counts: UnsafeBufferPointer<UInt64>, sum: Double,
                        exemplars: [Exemplar?], created: Double?, to buffer: inout ExpositionBuffer) {
        let total = HistogramLines.writeBuckets(names.bucket, labels: labels, buckets: buckets, counts: counts, to: &buffer) { _, _ in }
        buffer.appendSample(names.sum, labels: labels, value: sum)
        HistogramLines.writeCount(names.count, labels: labels, total: total, to: &buffer)
    }

    func finish(to buffer: inout ExpositionBuffer) {}
}
