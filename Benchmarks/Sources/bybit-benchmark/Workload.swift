import LookoutBybit

/// One fetch workload of the Bybit benchmark: `symbols` symbols, `candles` one-minute
/// candles each, all from a fixed past period (so every run fetches the same data).
struct Workload: Sendable {
    let name: String
    let symbols: [String]
    let candles: Int

    /// 2024-06-01T00:00:00Z: every instrument of the simulator's standard universe is listed.
    static let start: Int64 = 1_717_200_000_000

    /// The last candle's start: `candles` candles from ``start``.
    var end: Int64 { Self.start + Int64(candles - 1) * 60_000 }

    /// Requests a complete fetch makes (1,000 candles per page).
    var requests: Int { symbols.count * BybitClient.pagesNeeded(interval: .oneMinute, from: Self.start, to: end) }

    /// The 30 linear symbols of the simulator's standard universe, in a fixed order.
    static let linearSymbols = [
        "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT", "BNBUSDT", "AVAXUSDT", "LINKUSDT", "DOTUSDT",
        "LTCUSDT", "TRXUSDT", "BCHUSDT", "NEARUSDT", "ATOMUSDT", "UNIUSDT", "AAVEUSDT", "APTUSDT", "ARBUSDT", "OPUSDT",
        "SUIUSDT", "FILUSDT", "ETCUSDT", "INJUSDT", "TONUSDT", "1000PEPEUSDT", "WIFUSDT", "ZECUSDT", "BTCPERP", "ETHPERP",
    ]

    static let all = [
        Workload(name: "3 symbols x 10,000 candles", symbols: Array(linearSymbols.prefix(3)), candles: 10_000),
        Workload(name: "30 symbols x 1,000 candles", symbols: linearSymbols, candles: 1_000),
    ]
}

/// What one client run measured (printed by the child process, read by the parent).
struct RunResult: Sendable {
    var seconds: Double
    var requests: Int
    var candles: Int
    var failures: Int
    var peakRSSBytes: Int
    /// The peak RSS before fetching: the runtime, Foundation, libcurl and the client.
    var baselineRSSBytes: Int

    /// `RESULT seconds=… requests=… candles=… failures=… rss=… baseline=…`
    var line: String {
        "RESULT seconds=\(seconds) requests=\(requests) candles=\(candles) failures=\(failures) rss=\(peakRSSBytes) baseline=\(baselineRSSBytes)"
    }

    init(seconds: Double, requests: Int, candles: Int, failures: Int, peakRSSBytes: Int, baselineRSSBytes: Int) {
        self.seconds = seconds
        self.requests = requests
        self.candles = candles
        self.failures = failures
        self.peakRSSBytes = peakRSSBytes
        self.baselineRSSBytes = baselineRSSBytes
    }

    init?(line: Substring) {
        guard line.hasPrefix("RESULT ") else { return nil }
        var fields: [String: String] = [:]
        for pair in line.dropFirst(7).split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let seconds = fields["seconds"].flatMap(Double.init), let requests = fields["requests"].flatMap(Int.init),
              let candles = fields["candles"].flatMap(Int.init), let failures = fields["failures"].flatMap(Int.init),
              let rss = fields["rss"].flatMap(Int.init), let baseline = fields["baseline"].flatMap(Int.init) else { return nil }
        self.init(seconds: seconds, requests: requests, candles: candles, failures: failures, peakRSSBytes: rss, baselineRSSBytes: baseline)
    }
}
