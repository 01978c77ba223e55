/// Writes OpenMetrics 1.0.0 text.
///
/// Metadata lines name the family without suffixes (`# TYPE http_requests counter`),
/// `# UNIT` is written when the family has a unit, HELP escapes quotes as well, counters
/// and histograms may carry `_created` and exemplars, and the output ends with `# EOF`.
struct OpenMetricsWriter: TextSampleWriter {
    let options: ExpositionOptions
    private(set) var names = FamilyNames.empty

    init(options: ExpositionOptions) {
        self.options = options
    }

    mutating func beginFamily(_ rendering: FamilyRendering, to buffer: inout ExpositionBuffer) {
        names = rendering.names
        buffer.append(rendering.openMetricsHeader)
    }

    /// `# TYPE`, `# UNIT` (when there is a unit) and `# HELP` lines, named without suffixes.
    static func header(_ descriptor: MetricDescriptor, names: FamilyNames) -> [UInt8] {
        var buffer = ExpositionBuffer(capacity: 128)
        buffer.append("# TYPE ")
        buffer.append(names.base)
        buffer.append(UInt8(ascii: " "))
        buffer.append(descriptor.type.openMetricsKeyword)
        if let unit = descriptor.unit {
            buffer.append("\n# UNIT ")
            buffer.append(names.base)
            buffer.append(UInt8(ascii: " "))
            buffer.append(unit.rawValue)
        }
        buffer.append("\n# HELP ")
        buffer.append(names.base)
        buffer.append(UInt8(ascii: " "))
        TextEscaping.appendHelp(descriptor.help, format: .openMetrics, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        return buffer.bytes
    }

    func writeCounter(labels: [UInt8], total: CounterTotal, exemplar: Exemplar?, created: Double?, to buffer: inout ExpositionBuffer) {
        buffer.appendSampleStart(names.total, labels: labels)
        FloatFormatting.appendTotal(total, to: &buffer)
        appendExemplar(exemplar, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        appendCreated(created, labels: labels, to: &buffer)
    }

    func writeHistogram(labels: [UInt8], buckets: Buckets, counts: UnsafeBufferPointer<UInt64>, sum: Double,
                        exemplars: [Exemplar?], created: Double?, to buffer: inout ExpositionBuffer) {
        let total = HistogramLines.writeBuckets(names.bucket, labels: labels, buckets: buckets, counts: counts, to: &buffer) { index, buffer in
            appendExemplar(index < exemplars.count ? exemplars[index] : nil, to: &buffer)
        }
        HistogramLines.writeCount(names.count, labels: labels, total: total, to: &buffer)
        buffer.appendSample(names.sum, labels: labels, value: sum)
        appendCreated(created, labels: labels, to: &buffer)
    }

    func finish(to buffer: inout ExpositionBuffer) {
        buffer.append("# EOF\n")
    }

    private func appendCreated(_ created: Double?, labels: [UInt8], to buffer: inout ExpositionBuffer) {
        guard options.includeCreatedTimestamps, let created else { return }
        buffer.appendSample(names.created, labels: labels, value: created)
    }

    private func appendExemplar(_ exemplar: Exemplar?, to buffer: inout ExpositionBuffer) {
        guard options.includeExemplars, let exemplar else { return }
        buffer.append(" # {")
        buffer.append(exemplar.labels.labels.rendered)
        buffer.append("} ")
        FloatFormatting.appendValue(exemplar.value, to: &buffer)
        if let timestamp = exemplar.timestamp {
            buffer.append(UInt8(ascii: " "))
            FloatFormatting.appendValue(timestamp, to: &buffer)
        }
    }
}
