/// Exposition: snapshots and rendered bodies of everything registered.
extension Registry {
    /// An immutable copy of every family, sorted by name.
    public func snapshot() -> [MetricFamilySnapshot] {
        let (families, collectors) = sources
        var result = families.map { core in
            MetricFamilySnapshot(uncheckedDescriptor: core.descriptor, series: core.allSeries.map { series in
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
        let collected = collectors.isEmpty ? [] : Self.collect(collectors).sorted { $0.descriptor.name < $1.descriptor.name }
        var next = 0
        func flushCollected(before name: String?) {
            while next < collected.count, name.map({ collected[next].descriptor.name < $0 }) ?? true {
                let rendering = FamilyRendering(collected[next].descriptor)
                withExtendedLifetime(rendering) {
                    writer.beginFamily(rendering, to: &buffer)
                    for series in collected[next].series {
                        writer.writeSeries(labels: series.labels.rendered, value: series.value, created: series.createdTimestamp, to: &buffer)
                    }
                }
                next += 1
            }
        }
        // The ordered list holds every family; borrowing them saves a retain and a release
        // of each one per scrape.
        families.withUnsafeBufferPointer { references in
            guard let start = references.baseAddress else { return }
            let cores = UnsafeRawPointer(start).assumingMemoryBound(to: Unmanaged<FamilyCore>.self)
            for index in references.indices {
                cores[index]._withUnsafeGuaranteedRef { core in
                    if next < collected.count { flushCollected(before: core.descriptor.name) }
                    writer.beginFamily(core.rendering, to: &buffer)
                    Self.writeLive(core, with: writer, to: &buffer)
                }
            }
        }
        flushCollected(before: nil)
        writer.finish(to: &buffer)
    }

    /// Writes a live family's series straight from their atomics, without snapshots.
    ///
    /// The family's lock is held while its series are written (instead of copying the
    /// list out): it only delays the creation of a new series in this family, never a
    /// lookup or an update.
    private static func writeLive<Writer: ExpositionWriter>(_ core: FamilyCore, with writer: Writer, to buffer: inout ExpositionBuffer) {
        let type = core.descriptor.type
        core.state.withLock { state in
            switch type {
            case .counter:
                forEachUnretained(state.series, as: Counter.self) { $0.write(with: writer, to: &buffer) }
            case .histogram:
                forEachUnretained(state.series, as: Histogram.self) { $0.write(with: writer, to: &buffer) }
            case .gauge:
                forEachUnretained(state.series, as: Gauge.self) { writer.writeGauge(labels: $0.renderedLabels, value: $0.value, to: &buffer) }
            case .info:
                forEachUnretained(state.series, as: Info.self) { writer.writeInfo(labels: $0.renderedLabels, to: &buffer) }
            case .stateSet, .unknown:
                for item in state.series { writer.writeSeries(labels: item.renderedLabels, value: item.snapshotValue(), created: item.createdTimestamp, to: &buffer) }
            }
        }
    }

    /// Calls `body` with each series as `type`, without retaining it: `series` keeps
    /// them alive, and retaining thousands of shared objects per scrape costs more than
    /// rendering them.
    @inline(__always)
    private static func forEachUnretained<Child: Series>(_ series: [Series], as type: Child.Type, _ body: (Child) -> Void) {
        series.withUnsafeBufferPointer { references in
            guard let start = references.baseAddress else { return }
            let unmanaged = UnsafeRawPointer(start).assumingMemoryBound(to: Unmanaged<Child>.self)
            for index in references.indices {
                unmanaged[index]._withUnsafeGuaranteedRef(body)
            }
        }
    }

    /// Collects every collector, keeping only the families each declared.
    private static func collect(_ collectors: [(descriptors: [MetricDescriptor], collector: any Collector)]) -> [MetricFamilySnapshot] {
        collectors.flatMap { entry in
            entry.collector.collect().filter { entry.descriptors.contains($0.descriptor) }
        }
    }
}
