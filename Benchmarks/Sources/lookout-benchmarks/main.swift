// Lookout benchmarks. `make bench` runs this in release mode; `--cpu-time` times rows by
// thread CPU time and reports the fastest round (for a loaded machine); `--quick` shortens every
// loop tenfold (for a smoke run, not for figures).
import Foundation

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
/// `--filter TEXT` runs only the benchmarks whose name contains TEXT (for profiling).
let filter = arguments.firstIndex(of: "--filter").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
print("Lookout benchmarks (\(quick ? "quick" : "full") run, \(ProcessInfo.processInfo.activeProcessorCount) CPUs); figures are \(Harness.cpuTime ? "the fastest of \(Harness.rounds) rounds in thread CPU time" : "medians of \(Harness.rounds) rounds")")
Report.print("Core metrics: Lookout vs swift-prometheus 2.4.1 (ratio = peer / lookout; > 1 means Lookout is better)",
             peerName: "swift-prometheus", rows: MetricsBenchmarks.run(quick: quick, filter: filter))
Report.print("swift-metrics API: LookoutMetricsFactory vs swift-prometheus' PrometheusMetricsFactory (same calls)",
             peerName: "swift-prometheus", rows: SwiftMetricsBenchmarks.run(scale: quick ? 10 : 1, wanted: { name in filter.map { name.contains($0) } ?? true }))
