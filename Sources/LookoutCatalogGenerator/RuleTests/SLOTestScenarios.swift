import LookoutCatalog

/// Generated `promtool test rules` cases proving an SLO's burn-rate alerts: silent within
/// budget, paging (and ticketing) on a fast burn, ticketing without paging on a slow burn,
/// and the page resolving once errors stop while the ticket stays.
///
/// Input series are derived from the SLO's selectors: one series of bad events and one of
/// good events (or the histogram's buckets), with label values found by ``LabelWitness``,
/// growing by 1000 events a minute at the scenario's error ratio.
enum SLOTestScenarios {
    /// Why inputs cannot be derived for an SLO.
    struct Failure: Error, Sendable, Hashable {
        let message: String
    }

    /// A counter series and what share of the events it counts.
    struct Stream: Sendable, Hashable {
        enum Role: Sendable, Hashable { case bad, good, total }
        let name: String
        let labels: [String: String]
        let role: Role
    }

    /// Events per minute in every scenario.
    static let eventsPerMinute = 1000.0

    /// The input streams for `objective`, or why they cannot be derived.
    static func inputs(for objective: ServiceLevelObjective) -> Result<[Stream], Failure> {
        switch objective.indicator {
        case .bad(let bad, let total):
            return streams(events: bad, eventsRole: .bad, otherRole: .good, total: total)
        case .good(let good, let total):
            return streams(events: good, eventsRole: .good, otherRole: .bad, total: total)
        case .latency(let histogram, let threshold):
            guard case .success(let labels) = labels(satisfying: histogram.matchers, violating: nil, mentioned: histogram.matchers) else {
                return .failure(Failure(message: "cannot find label values matching \(histogram) for the generated SLO tests; simplify its matchers"))
            }
            let family = histogram.metric.familyName
            return .success([
                Stream(name: family + "_bucket", labels: labels.merging(["le": SLORules.leValue(threshold)]) { _, new in new }, role: .good),
                Stream(name: family + "_bucket", labels: labels.merging(["le": "+Inf"]) { _, new in new }, role: .total),
                Stream(name: family + "_count", labels: labels, role: .total),
            ])
        }
    }

    /// Streams for an events-over-total indicator: when both select the same sample, one
    /// series matching the events and one matching only the total; otherwise one of each.
    private static func streams(events: SeriesSelector, eventsRole: Stream.Role, otherRole: Stream.Role, total: SeriesSelector) -> Result<[Stream], Failure> {
        let mentioned = events.matchers + total.matchers
        guard case .success(let eventLabels) = labels(satisfying: events.matchers + total.matchers, violating: nil, mentioned: mentioned) else {
            return .failure(Failure(message: "cannot find label values matching both \(events) and \(total) for the generated SLO tests; simplify the matchers"))
        }
        guard events.sampleName == total.sampleName else {
            guard case .success(let totalLabels) = labels(satisfying: total.matchers, violating: nil, mentioned: total.matchers) else {
                return .failure(Failure(message: "cannot find label values matching \(total) for the generated SLO tests; simplify its matchers"))
            }
            return .success([Stream(name: events.sampleName, labels: eventLabels, role: eventsRole),
                             Stream(name: total.sampleName, labels: totalLabels, role: .total)])
        }
        guard let distinguishing = events.matchers.first(where: { !total.matchers.contains($0) }) else {
            return .failure(Failure(message: "\(events) selects the same series as the total \(total); add a matcher that tells the events apart (for example code=~\"5..\")"))
        }
        guard case .success(let otherLabels) = labels(satisfying: total.matchers, violating: distinguishing, mentioned: mentioned) else {
            return .failure(Failure(message: "cannot find a label value for '\(distinguishing.label)' that the total \(total) selects but \(events) does not; simplify the matchers"))
        }
        return .success([Stream(name: events.sampleName, labels: eventLabels, role: eventsRole),
                         Stream(name: total.sampleName, labels: otherLabels, role: otherRole)])
    }

    /// Labels (the default test target plus every mentioned label) satisfying `required`
    /// and breaking `violating`.
    private static func labels(satisfying required: [LabelMatcher], violating: LabelMatcher?, mentioned: [LabelMatcher]) -> Result<[String: String], Failure> {
        var labels = TestSeries.defaultTarget
        let names = Set(mentioned.map(\.label) + required.map(\.label) + (violating.map { [$0.label] } ?? []))
        for name in names.sorted() {
            let matches = required.filter { $0.label == name }.map(\.match)
            let broken = violating?.label == name ? violating?.match : nil
            guard matches.isEmpty, broken == nil, labels[name] != nil else {
                guard let value = LabelWitness.value(satisfying: matches, violating: broken) else {
                    return .failure(Failure(message: "no value for label '\(name)'"))
                }
                labels[name] = value
                continue
            }
        }
        return .success(labels)
    }
}
