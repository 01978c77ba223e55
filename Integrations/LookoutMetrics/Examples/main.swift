// The README's example: code that records through swift-metrics, exposed by Lookout.
// `swift run lookout-metrics-example` prints the Prometheus text exposition.
import CoreMetrics
import Lookout
import LookoutMetrics
import Metrics

let registry = Registry()
var configuration = LookoutMetricsFactory.Configuration()
// Timer buckets per swift-metrics label, in seconds.
configuration.timerBuckets["db.query.duration"] = try Buckets([0.001, 0.005, 0.025, 0.1])
MetricsSystem.bootstrap(LookoutMetricsFactory(registry: registry, configuration: configuration))

// What a library or framework would do, unaware of Lookout (qualified only because
// Lookout has a Counter of its own):
CoreMetrics.Counter(label: "jobs.processed", dimensions: [("queue", "emails")]).increment(by: 3)
CoreMetrics.Timer(label: "db.query.duration", dimensions: [("table", "users")]).recordMilliseconds(4)
Meter(label: "workers.busy").set(2)

print(String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self), terminator: "")
