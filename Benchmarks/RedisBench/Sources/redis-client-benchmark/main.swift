// LookoutRedis side by side with redis-benchmark against one redis-server started here on a
// free loopback port: GET/SET round trips with 1 caller (p50/p99), GET throughput with 50
// concurrent callers, pipelined GET throughput (16 per round trip) and EVALSHA round trips.
// Prints each figure and its ratio to redis-benchmark's.
import Foundation
import Lookout
import LookoutRedis

let quick = CommandLine.arguments.contains("--quick")
/// `--get-only`: just the 1-caller GET rows (a quick check while tuning latency).
let getOnly = CommandLine.arguments.contains("--get-only")
let scale = quick ? 4 : 1

let server = try BenchServer.start()
defer { server.stop() }
let url = "redis://127.0.0.1:\(server.port)"
try BenchServer.cli(server.port, ["SET", "key:bench", "xxx"])
let script = RedisScript("return redis.call('GET', KEYS[1])")
try BenchServer.cli(server.port, ["SCRIPT", "LOAD", script.source])

var configuration = try RedisConfiguration(url: url)
configuration.commandTimeout = .seconds(5)
let registry = Registry()
let client = RedisClient(configuration: configuration, registry: registry)
_ = try await client.send(.ping)

print("LookoutRedis vs redis-benchmark (redis-server \(server.port), same run)\n")
var rows: [Row] = []

// 1 caller round trips.
let getPeer = try PeerRun.run(port: server.port, ["-c", "1", "-n", "\(100_000 / scale)", "-t", "get"])
let getOurs = try await Measure.roundTrips(count: 50_000 / scale) { _ = try await client.send(.get("key:bench")) }
rows.append(Row("GET 1 caller p50 (ms)", ours: getOurs.p50, peer: getPeer.p50, lowerIsBetter: true))
rows.append(Row("GET 1 caller p99 (ms)", ours: getOurs.p99, peer: getPeer.p99, lowerIsBetter: true))
// The same without the loop thread's short poll spin (RedisConfiguration.replySpin = 0).
var noSpin = configuration
noSpin.replySpin = .zero
let noSpinClient = RedisClient(configuration: noSpin)
let getNoSpin = try await Measure.roundTrips(count: 50_000 / scale) { _ = try await noSpinClient.send(.get("key:bench")) }
await noSpinClient.shutdown()
rows.append(Row("GET 1 caller p50, replySpin 0 (ms)", ours: getNoSpin.p50, peer: getPeer.p50, lowerIsBetter: true))
// The same p50 ratio in alternating short rounds (peer, ours, peer, ours…): on a busy
// machine the load changes between two long runs, within one round much less.
var roundRatios: [Double] = []
for _ in 0..<(quick ? 3 : 5) {
    let peer = try PeerRun.run(port: server.port, ["-c", "1", "-n", "\(20_000 / scale)", "-t", "get"])
    let ours = try await Measure.roundTrips(count: 10_000 / scale) { _ = try await client.send(.get("key:bench")) }
    roundRatios.append(ours.p50 / peer.p50)
}
roundRatios.sort()
print("GET 1 caller p50 ratio in \(roundRatios.count) alternating rounds: best \(String(format: "%.2fx", roundRatios[0])), median \(String(format: "%.2fx", roundRatios[roundRatios.count / 2]))\n")
if getOnly {
    await client.shutdown()
    Row.print(rows)
    server.stop()
    exit(0)
}
let setPeer = try PeerRun.run(port: server.port, ["-c", "1", "-n", "\(100_000 / scale)", "-t", "set"])
let value = Array("xxx".utf8)
let setOurs = try await Measure.roundTrips(count: 50_000 / scale) { _ = try await client.send(.set("key:__rand_int__", value)) }
rows.append(Row("SET 1 caller p50 (ms)", ours: setOurs.p50, peer: setPeer.p50, lowerIsBetter: true))
rows.append(Row("SET 1 caller p99 (ms)", ours: setOurs.p99, peer: setPeer.p99, lowerIsBetter: true))

// 50 concurrent callers.
let concurrentPeer = try PeerRun.run(port: server.port, ["-c", "50", "-n", "\(400_000 / scale)", "-t", "get"])
let concurrentOurs = try await Measure.throughput(callers: 50, seconds: 4 / Double(scale)) { _ = try await client.send(.get("key:bench")) }
rows.append(Row("GET 50 callers (ops/s)", ours: concurrentOurs, peer: concurrentPeer.rps, lowerIsBetter: false))

// Pipelined, 16 per round trip.
let pipelinePeer = try PeerRun.run(port: server.port, ["-c", "50", "-P", "16", "-n", "\(4_000_000 / scale)", "-t", "get"])
let batch = [RedisCommand](repeating: .get("key:bench"), count: 16)
let pipelineOurs = try await Measure.throughput(callers: 50, seconds: 4 / Double(scale)) { _ = try await client.pipeline(batch) } * 16
rows.append(Row("GET pipelined x16, 50 callers (ops/s)", ours: pipelineOurs, peer: pipelinePeer.rps, lowerIsBetter: false))

// EVALSHA round trip.
let evalPeer = try PeerRun.run(port: server.port, ["-c", "1", "-n", "\(50_000 / scale)", "EVALSHA", script.sha1, "1", "key:bench"])
let evalOurs = try await Measure.roundTrips(count: 25_000 / scale) { _ = try await client.evaluate(script, keys: ["key:bench"], arguments: []) }
rows.append(Row("EVALSHA 1 caller p50 (ms)", ours: evalOurs.p50, peer: evalPeer.p50, lowerIsBetter: true))

await client.shutdown()
Row.print(rows)
