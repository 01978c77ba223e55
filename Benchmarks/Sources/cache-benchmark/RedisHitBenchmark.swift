import Foundation
import LookoutCache
import LookoutRedis

/// A Redis hit for a 1,000-candle chunk (cache lookup, transfer, decode or reuse) against a
/// raw `GET` of the same number of bytes measured by `redis-benchmark`, both against one
/// `redis-server` started here on a free loopback port.
enum RedisHitBenchmark {
    static func run(iterations: Int) async throws -> Bool {
        guard let server = which("redis-server"), let benchmark = which("redis-benchmark") else {
            report("\nRedis hit: skipped (install redis-server and redis-benchmark: apt-get install -y redis-server redis-tools)")
            return true
        }
        let port = Int.random(in: 30_000...45_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: server)
        process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // SIGKILL: a redis-server started from here may inherit a mask that blocks SIGTERM.
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        try await Task.sleep(for: .milliseconds(300))

        let client = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:\(port)"))
        let backend = RedisCacheBackend(client: client)
        let clock = ManualCacheClock(milliseconds: EncodingBenchmark.january2025)
        let (cache, from, to) = try await HitLatencyBenchmark.primed(backend, clock: clock)
        var noReuse = CandleCacheConfiguration()
        noReuse.decodedChunkLimit = 0
        let decodingCache = CandleCache(backend: backend, configuration: noReuse, clock: clock)
        let key = "\(cache.configuration.keyPrefix):v\(CandleChunkCodec.formatVersion):{linear:BTCUSDT:1}:1000:\(from / 60_000_000)"
        let size = try await backend.get(key)?.count ?? 0
        let get = try await Timing.measure(iterations: iterations) {
            let value = try await backend.get(key)
            precondition(value != nil)
        }
        let hit = try await Timing.measure(iterations: iterations) {
            let series = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: from, to: to, upstream: HitLatencyBenchmark.NoUpstream())
            precondition(series.rows.count == 1000)
        }
        let decodingHit = try await Timing.measure(iterations: iterations) {
            let series = try await decodingCache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: from, to: to, upstream: HitLatencyBenchmark.NoUpstream())
            precondition(series.rows.count == 1000)
        }
        await client.shutdown()

        let raw = try redisBenchmarkGET(benchmark, port: port, bytes: size, requests: iterations * 5)
        report("\nRedis hit, 1,000 candles (\(size)-byte chunk), one connection, loopback:")
        report(String(format: "  redis-benchmark GET of %d bytes     p50 %.1f µs", size, raw))
        report(String(format: "  RedisCacheBackend.get (bytes)       p50 %.1f µs  p99 %.1f µs", get.p50, get.p99))
        report(String(format: "  CandleCache.candles, decoding       p50 %.1f µs  p99 %.1f µs", decodingHit.p50, decodingHit.p99))
        report(String(format: "  CandleCache.candles, chunk reused   p50 %.1f µs  p99 %.1f µs", hit.p50, hit.p99))
        let decode = decodingHit.p50 - get.p50
        let target = 1.5 * (raw + max(0, decode))
        let met = hit.p50 <= target
        report(String(format: "target: hit <= 1.5 x (raw GET + decode) = %.1f µs: %@", target, met ? "ok" : "MISSED"))
        return met
    }

    /// p50 of `redis-benchmark -c 1 GET` of a `bytes`-long value, in µs.
    static func redisBenchmarkGET(_ path: String, port: Int, bytes: Int, requests: Int) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-h", "127.0.0.1", "-p", String(port), "-c", "1", "-n", String(requests), "-d", String(bytes), "-t", "set,get", "--csv"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms",…
        for line in output.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where line.hasPrefix("\"GET\"") {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if fields.count > 4, let p50 = Double(fields[4]) { return p50 * 1000 }
        }
        return .nan
    }

    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
