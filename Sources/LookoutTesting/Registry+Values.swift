import Lookout

extension Registry {
    /// The current value of the sample named `sampleName` with exactly `labels`, as it
    /// would be exposed: `jobs_total` for a counter, `latency_seconds_count` or
    /// `latency_seconds_sum` for a histogram, `build_info` for info metrics, a gauge's
    /// name for a gauge. Nil when there is no such sample.
    ///
    /// ```swift
    /// #expect(registry.sampleValue("http_requests_total", labels: ["method": "GET", "status": "200"]) == 1)
    /// ```
    public func sampleValue(_ sampleName: String, labels: [String: String] = [:]) -> Double? {
        for family in snapshot() {
            for series in family.series {
                let seriesLabels = Dictionary(uniqueKeysWithValues: series.labels.pairs.map { ($0.name, $0.value) })
                if let value = Self.value(of: series, in: family.descriptor, sampleName: sampleName, seriesLabels: seriesLabels, wanted: labels) {
                    return value
                }
            }
        }
        return nil
    }

    private static func value(of series: SeriesSnapshot, in descriptor: MetricDescriptor, sampleName: String,
                              seriesLabels: [String: String], wanted: [String: String]) -> Double? {
        let name = descriptor.name
        switch series.value {
        case .counter(let total, _) where sampleName == name + "_total" && seriesLabels == wanted:
            return total
        case .gauge(let value) where sampleName == name && seriesLabels == wanted,
             .unknown(let value) where sampleName == name && seriesLabels == wanted:
            return value
        case .info where sampleName == name + "_info" && seriesLabels == wanted:
            return 1
        case .histogram(let histogram) where seriesLabels == wanted.filter { $0.key != "le" }:
            if sampleName == name + "_count" && wanted["le"] == nil { return Double(histogram.count) }
            if sampleName == name + "_sum" && wanted["le"] == nil { return histogram.sum }
            if sampleName == name + "_bucket", let le = wanted["le"] {
                let bounds = histogram.buckets.upperBounds.map { Optional($0) } + [nil]
                for (bound, cumulative) in zip(bounds, histogram.cumulativeCounts) where le == (bound.map { "\($0)" } ?? "+Inf")
                    || Double(le) == bound {
                    return Double(cumulative)
                }
            }
            return nil
        case .stateSet(let value) where sampleName == name:
            guard let state = wanted[name], seriesLabels == wanted.filter({ $0.key != name }),
                  let index = value.states.firstIndex(of: state) else { return nil }
            return value.enabled[index] ? 1 : 0
        default:
            return nil
        }
    }
}
