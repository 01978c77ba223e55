/// A writer of one exposition format, driven family by family and series by series.
///
/// There is one method per metric type. Live series call them directly (no snapshot
/// is built on the scrape path) and snapshots from custom collectors reach them through
/// ``writeSeries(labels:value:created:to:)``, so each type is rendered by exactly one
/// piece of code per format.
protocol ExpositionWriter {
    /// Writes the family's metadata lines and remembers its sample names.
    mutating func beginFamily(_ rendering: FamilyRendering, to buffer: inout ExpositionBuffer)
    /// A counter series: its total, latest exemplar and creation time.
    func writeCounter(labels: [UInt8], total: CounterTotal, exemplar: Exemplar?, created: Double?, to buffer: inout ExpositionBuffer)
    /// A gauge (or untyped) series.
    func writeGauge(labels: [UInt8], value: Double, to buffer: inout ExpositionBuffer)
    /// An info series.
    func writeInfo(labels: [UInt8], to buffer: inout ExpositionBuffer)
    /// A state-set series.
    func writeStateSet(labels: [UInt8], value: StateSetValue, to buffer: inout ExpositionBuffer)
    /// A histogram series; `counts` are non-cumulative, one per bucket plus +Inf.
    func writeHistogram(labels: [UInt8], buckets: Buckets, counts: UnsafeBufferPointer<UInt64>, sum: Double,
                        exemplars: [Exemplar?], created: Double?, to buffer: inout ExpositionBuffer)
    /// Writes whatever ends the exposition.
    func finish(to buffer: inout ExpositionBuffer)
}

extension ExpositionWriter {
    /// Writes one series of a snapshot.
    func writeSeries(labels: [UInt8], value: SeriesSnapshot.Value, created: Double?, to buffer: inout ExpositionBuffer) {
        switch value {
        case .counter(let total, let exemplar):
            writeCounter(labels: labels, total: .floating(total), exemplar: exemplar, created: created, to: &buffer)
        case .gauge(let value), .unknown(let value):
            writeGauge(labels: labels, value: value, to: &buffer)
        case .info:
            writeInfo(labels: labels, to: &buffer)
        case .stateSet(let states):
            writeStateSet(labels: labels, value: states, to: &buffer)
        case .histogram(let histogram):
            histogram.bucketCounts.withUnsafeBufferPointer { counts in
                writeHistogram(labels: labels, buckets: histogram.buckets, counts: counts, sum: histogram.sum,
                               exemplars: histogram.exemplars, created: created, to: &buffer)
            }
        }
    }
}

/// State-set samples, shared by both formats: one line per state, the state's name in
/// a label named after the family.
enum StateSetLines {
    static func write(_ value: StateSetValue, name: UnsafeRawBufferPointer, labels: [UInt8], to buffer: inout ExpositionBuffer) {
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

/// Histogram sample lines both formats write the same way.
enum HistogramLines {
    /// Writes the cumulative `_bucket` lines, calling `annotate` before each line's end
    /// (OpenMetrics adds exemplars there), and returns the total count.
    @inline(__always)
    static func writeBuckets(_ name: UnsafeRawBufferPointer, labels: [UInt8], buckets: Buckets, counts: UnsafeBufferPointer<UInt64>,
                             to buffer: inout ExpositionBuffer, annotate: (Int, inout ExpositionBuffer) -> Void) -> UInt64 {
        var cumulative: UInt64 = 0
        for index in counts.indices {
            cumulative &+= counts[index]
            buffer.appendSampleStart(name, labels: labels, extraName: "le", extraValue: buckets.renderedBounds[index])
            buffer.appendDecimal(cumulative)
            annotate(index, &buffer)
            buffer.append(UInt8(ascii: "\n"))
        }
        return cumulative
    }

    /// Writes the `_count` line.
    @inline(__always)
    static func writeCount(_ name: UnsafeRawBufferPointer, labels: [UInt8], total: UInt64, to buffer: inout ExpositionBuffer) {
        buffer.appendSampleStart(name, labels: labels)
        buffer.appendDecimal(total)
        buffer.append(UInt8(ascii: "\n"))
    }
}
