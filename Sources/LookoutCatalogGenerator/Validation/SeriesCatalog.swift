import Lookout
import LookoutCatalog

/// Every series name an expression may read, and what each is: a declared metric's sample,
/// a recording rule the generator writes, or an external metric on the allow-list.
///
/// Built once per validation from the whole ``CatalogSet``; the expression checks ask it
/// whether a name exists (with the closest declared name when not), whether `rate()` makes
/// sense on it, and which labels its series carry.
struct SeriesCatalog {
    /// What a series name refers to.
    enum Entry {
        /// A sample of a declared metric.
        case declared(DeclaredMetric, SeriesSelector.Sample)
        /// A generated recording rule: the labels it keeps, and whether it is already a
        /// per-second rate (or a ratio of rates).
        case recorded(labels: Set<String>, isRate: Bool)
        /// A metric some other system exposes; its labels are not known.
        case external
    }

    /// Series Prometheus itself writes for every target or alert.
    static let builtInExternal = ["up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped",
                                  "scrape_samples_post_metric_relabeling", "scrape_series_added"]

    private(set) var entries: [String: Entry] = [:]

    init(_ set: CatalogSet) {
        for name in Self.builtInExternal { entries[name] = .external }
        for catalog in set.catalogs {
            for name in catalog.externalMetrics { entries[name] = .external }
            for metric in catalog.declaredMetrics {
                switch metric.type {
                case .histogram:
                    for sample in [SeriesSelector.Sample.bucket, .count, .sum] {
                        entries[SeriesSelector(metric: metric, sample: sample).sampleName] = .declared(metric, sample)
                    }
                    entries[RuleNaming.histogramQuantile(metric.familyName)] = .recorded(labels: ["job", "quantile"], isRate: false)
                case .counter:
                    entries[metric.seriesName] = .declared(metric, .series)
                    entries[RuleNaming.counterRate(metric.familyName)] = .recorded(labels: ["job"], isRate: true)
                default:
                    entries[metric.seriesName] = .declared(metric, .series)
                }
            }
            for ratio in catalog.ratios {
                entries[ratio.recorded.name] = .recorded(labels: Set(ratio.by), isRate: ratio.comparesRates)
            }
            for objective in catalog.objectives {
                for window in ServiceLevelObjective.Window.allCases {
                    entries[objective.errorRatio(over: window).name] = .recorded(labels: ["job"], isRate: true)
                }
                entries[objective.errorBudgetRemaining.name] = .recorded(labels: ["job"], isRate: false)
            }
        }
    }

    /// The entry for `name`, if anything declares it.
    subscript(name: String) -> Entry? { entries[name] }

    /// The declared name closest to `name`, for "did you mean" hints.
    func closest(to name: String) -> String? {
        Closest.match(name, among: Array(entries.keys))
    }

    /// The labels every series of `name` carries, if known.
    func labels(of name: String) -> Set<String>? {
        switch entries[name] {
        case .declared(let metric, let sample)?: return metric.selectableLabels.union(sample == .bucket ? ["le"] : [])
        case .recorded(let labels, _)?: return labels
        case .external?, nil: return name == "up" ? ["job", "instance"] : nil
        }
    }
}
