/// What the Prometheus text and OpenMetrics writers write identically: gauge, info and
/// state-set series, whose lines do not differ between the two formats. Each writer
/// supplies its current family's sample names; the methods it writes differently
/// (counters, histograms, metadata) stay its own.
protocol TextSampleWriter: ExpositionWriter {
    /// The sample names of the family being written.
    var names: FamilyNames { get }
}

extension TextSampleWriter {
    /// A gauge (or untyped) series: `name{labels} value`.
    func writeGauge(labels: [UInt8], value: Double, to buffer: inout ExpositionBuffer) {
        buffer.appendSample(names.base, labels: labels, value: value)
    }

    /// An info series: `name_info{labels} 1`.
    func writeInfo(labels: [UInt8], to buffer: inout ExpositionBuffer) {
        buffer.appendSample(names.info, labels: labels, value: 1)
    }

    /// A state-set series: one line per state, `1` for the set ones.
    func writeStateSet(labels: [UInt8], value: StateSetValue, to buffer: inout ExpositionBuffer) {
        StateSetLines.write(value, name: names.base, labels: labels, to: &buffer)
    }
}
