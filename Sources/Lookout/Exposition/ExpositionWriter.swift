/// A writer of one exposition format, driven family by family and series by series.
///
/// Live families and custom collectors' snapshots go through the same two calls, so
/// there is exactly one rendering of each metric type per format.
protocol ExpositionWriter {
    /// Writes the family's metadata lines and remembers its sample names.
    mutating func beginFamily(_ descriptor: MetricDescriptor, to buffer: inout ExpositionBuffer)
    /// Writes one series of the current family.
    mutating func writeSeries(labels: [UInt8], value: SeriesSnapshot.Value, created: Double?, to buffer: inout ExpositionBuffer)
    /// Writes whatever ends the exposition.
    func finish(to buffer: inout ExpositionBuffer)
}
