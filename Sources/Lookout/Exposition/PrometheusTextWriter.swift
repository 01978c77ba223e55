/// Writes Prometheus text format 0.0.4.
///
/// Counters are named `<name>_total` on their `# HELP`/`# TYPE` lines as well as their
/// samples; info and state-set families become gauges; `_created`, units and exemplars
/// are not part of this format and are left out. HELP escapes backslash and newline.
struct PrometheusTextWriter: ExpositionWriter {
    private var names = FamilyNames("")
    private var type = MetricType.unknown

    mutating func beginFamily(_ descriptor: MetricDescriptor, to buffer: inout ExpositionBuffer) {
        names = FamilyNames(descriptor.name)
        type = descriptor.type
        let metadataName: [UInt8]
        switch type {
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
        buffer.append(type.prometheusTextKeyword)
        buffer.append(UInt8(ascii: "\n"))
    }

    mutating func writeSeries(labels: [UInt8], value: SeriesSnapshot.Value, created: Double?, to buffer: inout ExpositionBuffer) {
        switch value {
        case .counter(let total, _):
            buffer.appendSample(names.total, labels: labels, value: total)
        case .gauge(let value), .unknown(let value):
            buffer.appendSample(names.base, labels: labels, value: value)
        case .info:
            buffer.appendSample(names.info, labels: labels, value: 1)
        case .stateSet(let states):
            StateSetLines.write(states, name: names.base, labels: labels, to: &buffer)
        case .histogram(let histogram):
            var cumulative: UInt64 = 0
            for (index, count) in histogram.bucketCounts.enumerated() {
                cumulative &+= count
                buffer.appendSampleStart(names.bucket, labels: labels, extraName: "le", extraValue: histogram.buckets.renderedBounds[index])
                buffer.appendDecimal(cumulative)
                buffer.append(UInt8(ascii: "\n"))
            }
            buffer.appendSample(names.sum, labels: labels, value: histogram.sum)
            buffer.appendSampleStart(names.count, labels: labels)
            buffer.appendDecimal(cumulative)
            buffer.append(UInt8(ascii: "\n"))
        }
    }

    func finish(to buffer: inout ExpositionBuffer) {}
}

/// State-set samples, shared by both formats: one line per state, the state's name in
/// a label named after the family.
enum StateSetLines {
    static func write(_ value: StateSetValue, name: [UInt8], labels: [UInt8], to buffer: inout ExpositionBuffer) {
        for (state, enabled) in zip(value.states, value.enabled) {
            var escaped: [UInt8] = []
            TextEscaping.appendLabelValue(state, to: &escaped)
            buffer.append(name)
            buffer.append(UInt8(ascii: "{"))
            buffer.append(labels)
            if !labels.isEmpty { buffer.append(UInt8(ascii: ",")) }
            buffer.append(name)
            buffer.append("=\"")
            buffer.append(escaped)
            buffer.append(enabled ? "\"} 1\n" : "\"} 0\n")
        }
    }
}
