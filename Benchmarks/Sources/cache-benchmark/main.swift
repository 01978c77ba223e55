// The candle cache benchmark: chunk size and encode/decode time against JSON and
// zlib-JSON, memory (and Redis) hit latency, and the upstream requests a scripted
// dashboard workload against bybit-sim makes with and without the cache.
// `make bench` runs it in release mode; `--quick` runs fewer iterations;
// `--encoding-only` runs only the chunk size and encode/decode table.
import Foundation

let quick = CommandLine.arguments.contains("--quick")
let iterations = quick ? 200 : 2000
report("candle cache benchmark (\(quick ? "quick" : "full") run, \(ProcessInfo.processInfo.activeProcessorCount) CPUs)")
do {
    var met = try EncodingBenchmark.run(iterations: iterations)
    if CommandLine.arguments.contains("--encoding-only") {
        report(met ? "\nencoding targets met" : "\nencoding targets MISSED")
        exit(met ? 0 : 1)
    }
    met = try await HitLatencyBenchmark.runMemory(iterations: iterations) && met
    met = try await RedisHitBenchmark.run(iterations: iterations) && met
    met = try await WorkloadBenchmark.run() && met
    report(met ? "\nall targets met" : "\nsome targets MISSED")
    exit(0)
} catch {
    FileHandle.standardError.write(Data("cache-benchmark: \(error)\n".utf8))
    exit(1)
}
