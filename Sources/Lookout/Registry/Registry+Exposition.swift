/// Exposition: snapshots and rendered bodies of everything registered.
extension Registry {
    /// An immutable copy of every family, sorted by name.
    public func snapshot() -> [MetricFamilySnapshot] {
        let (families, collectors) = sources
        var result = families.map { entry in
            MetricFamilySnapshot(uncheckedDescriptor: entry.core.descriptor, series: entry.core.allSeries.map { series in
                SeriesSnapshot(labels: series.labels, value: series.snapshotValue(), createdTimestamp: series.createdTimestamp)
            })
        }
        result += Self.collect(collectors)
        result.sort { $0.descriptor.name < $1.descriptor.name }
        return result
    }

    /// Appends every family in `format` to `buffer`, sorted by name, each family's
    /// samples together.
    public func expose(format: ExpositionFormat, options: ExpositionOptions = ExpositionOptions(), into buffer: inout ExpositionBuffer) {
        switch format {
        case .prometheusText:
            var writer = PrometheusTextWriter()
            write(with: &writer, into: &buffer)
        case .openMetrics:
            var writer = OpenMetricsWriter(options: options)
            write(with: &writer, into: &buffer)
        }
    }

    /// The exposition in `format` as bytes.
    public func exposition(format: ExpositionFormat, options: ExpositionOptions = ExpositionOptions()) -> [UInt8] {
        var buffer = ExpositionBuffer()
        expose(format: format, options: options, into: &buffer)
        return buffer.bytes
    }

    private func write<Writer: ExpositionWriter>(with writer: inout Writer, into buffer: inout ExpositionBuffer) {
        let (families, collectors) = sources
        let collected = Self.collect(collectors).sorted { $0.descriptor.name < $1.descriptor.name }
        var next = 0
        func flushCollected(before name: String?) {
            while next < collected.count, name.map({ collected[next].descriptor.name < $0 }) ?? true {
                writer.beginFamily(collected[next].descriptor, to: &buffer)
                for series in collected[next].series {
                    writer.writeSeries(labels: series.labels.rendered, value: series.value, created: series.createdTimestamp, to: &buffer)
                }
                next += 1
            }
        }
        for entry in families {
            flushCollected(before: entry.core.descriptor.name)
            writer.beginFamily(entry.core.descriptor, to: &buffer)
            for series in entry.core.allSeries {
                writer.writeSeries(labels: series.renderedLabels, value: series.snapshotValue(), created: series.createdTimestamp, to: &buffer)
            }
        }
        flushCollected(before: nil)
        writer.finish(to: &buffer)
    }

    /// Collects every collector, keeping only the families each declared.
    private static func collect(_ collectors: [(descriptors: [MetricDescriptor], collector: any Collector)]) -> [MetricFamilySnapshot] {
        collectors.flatMap { entry in
            entry.collector.collect().filter { entry.descriptors.contains($0.descriptor) }
        }
    }
}
