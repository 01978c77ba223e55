import Foundation
import LookoutBybit
import LookoutRateLimit

/// The child-process side: fetch one workload against `baseURL` with `concurrency`
/// requests in flight and print one ``RunResult`` line. Run in its own process so its
/// peak RSS is the client's alone (the simulator lives in the parent).
enum ClientRun {
    static func main(workload: Workload, baseURL: String, concurrency: Int) async -> Int32 {
        do {
            var configuration = BybitClient.Configuration(baseURL: try BybitBaseURL(baseURL))
            configuration.maxConcurrentRequests = concurrency
            // The workloads send at most 30 requests: far below any budget. A private guard
            // keeps the benchmark independent of anything else in the process.
            configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 500, window: .seconds(5)), clock: ContinuousClock())
            let client = try BybitClient(configuration: configuration)
            let baseline = peakRSS()
            let started = ContinuousClock.now
            let batch = await client.fetchMultipleSymbols(workload.symbols, interval: .oneMinute, from: Workload.start, to: workload.end,
                                                          maxConcurrency: concurrency)
            let elapsed = started.duration(to: .now)
            let candles = batch.values.reduce(0) { $0 + $1.value.rows.count }
            for (symbol, error) in batch.failures { FileHandle.standardError.write(Data("\(symbol): \(error)\n".utf8)) }
            let result = RunResult(seconds: seconds(elapsed), requests: client.stats.requests, candles: candles,
                                   failures: batch.failures.count, peakRSSBytes: peakRSS(), baselineRSSBytes: baseline)
            print(result.line)
            return batch.failures.isEmpty ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("client run failed: \(error)\n".utf8))
            return 2
        }
    }

    /// The process's peak resident set size (`ru_maxrss` is in KiB on Linux).
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
