// Rate-limit benchmarks: in-memory decisions beside an exact sliding log, and (with a
// redis-server on PATH) a Redis decision beside `redis-benchmark` running EVALSHA of the
// same script. `make bench` runs this in release mode; `--quick` shortens the loops.
import Foundation

let quick = CommandLine.arguments.contains("--quick")
print("Rate-limit benchmarks (\(quick ? "quick" : "full") run, \(ProcessInfo.processInfo.activeProcessorCount) CPUs); medians of \(Timing.rounds) rounds")
MemoryBenchmarks.run(quick: quick)
await RedisBenchmarks.run(quick: quick)
