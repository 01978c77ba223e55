// The Bybit benchmark: `lookout`'s client fetching from `bybit-sim` (in-process, on
// loopback, 50 ms injected latency), sequential vs parallel, plus parsing a 1,000-row page.
// `make bench` runs it in release mode. With `--client …` it is the child process that
// runs one fetch (see ClientRun).
import Foundation

let arguments = CommandLine.arguments
func argument(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}

if arguments.contains("--client") {
    guard let name = argument("--workload"), let workload = Workload.all.first(where: { $0.name == name }),
          let baseURL = argument("--base-url"), let concurrency = argument("--concurrency").flatMap(Int.init) else {
        FileHandle.standardError.write(Data("usage: bybit-benchmark --client --workload NAME --base-url URL --concurrency N\n".utf8))
        exit(2)
    }
    exit(await ClientRun.main(workload: workload, baseURL: baseURL, concurrency: concurrency))
}
exit(await FetchBenchmark.run(quick: arguments.contains("--quick")))
