import BybitSimulator
import Foundation
import TestSupport

/// Runs the built `lookout` executable.
enum CLI {
    static let lookout = ExternalTool.builtProduct("lookout")

    /// `lookout <arguments>` with `environment` added, waiting at most 60 s.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ExternalTool.Output {
        // No inherited BYBIT_BASE_URL unless the test sets one.
        try lookout.run(arguments, timeout: .seconds(60), environment: ["BYBIT_BASE_URL": ""].merging(environment) { $1 })
    }

    /// 2024-06-03T12:00:30Z: thirty seconds into a 1-minute candle, so every answer is the
    /// same on every run.
    static let frozenNow = SimulatorTime.milliseconds(1_717_416_030_000)
}
