// The `lookout` command-line tool. Each subcommand lives in Commands/; this file only
// dispatches and turns errors into one readable line and an exit status.
import Foundation

let usage = """
    USAGE: lookout <command> [options]

    COMMANDS:
      serve       serve /metrics and health over HTTP until SIGTERM or SIGINT
      demo        run a simulated workload and print its metrics in both formats
      fetch       fetch Bybit candles for several symbols as CSV, JSON or a table
      ticker      latest prices, best quotes and 24-hour statistics
      orderbook   an order-book snapshot
      trades      the latest public trades
      funding     funding-rate history
      open-interest  open interest per 5min…1d bucket
      ratio       the long/short account ratio
      instruments the symbols a category lists

    Run `lookout <command> --help` for a command's options, `lookout --version` for the version.
    """

let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
do {
    switch arguments.first {
    case "serve": status = try await ServeCommand.run(Array(arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
    case "demo": status = try DemoCommand.run(Array(arguments.dropFirst()))
    case "fetch": status = try await FetchCommand.run(Array(arguments.dropFirst()))
    case "ticker": status = try await TickerCommand.run(Array(arguments.dropFirst()))
    case "orderbook": status = try await OrderBookCommand.run(Array(arguments.dropFirst()))
    case "trades": status = try await TradesCommand.run(Array(arguments.dropFirst()))
    case "funding": status = try await FundingCommand.run(Array(arguments.dropFirst()))
    case "open-interest": status = try await StatisticsCommand.run(.openInterest, Array(arguments.dropFirst()))
    case "ratio": status = try await StatisticsCommand.run(.ratio, Array(arguments.dropFirst()))
    case "instruments": status = try await InstrumentsCommand.run(Array(arguments.dropFirst()))
    case "--version", "version": print("lookout \(LookoutVersion.current)"); status = 0
    case "--help", "-h", "help", nil: print(usage); status = arguments.isEmpty ? 2 : 0
    case let other?: throw CommandLineError("unknown command '\(other)'; run `lookout --help` for the list")
    }
} catch {
    StandardError.write("lookout: \(error)\n")
    status = 2
}
exit(status)
