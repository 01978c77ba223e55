import BybitSimulator
import BybitSimulatorHTTP
import LookoutHTTP

/// Runs `body` against a real `BybitSimulatorServer` on a free loopback port, and stops
/// the server afterwards whether `body` returned or threw.
///
/// Each call gets its own simulator, so tests never share statistics, faults or bans.
/// The default clock is the system's, because the per-IP window and the open candle
/// follow real time; pass a `ManualSimulatorClock` for byte-exact responses.
public func withSimulatorServer<T>(
    _ configuration: SimulatorConfiguration = SimulatorConfiguration(),
    clock: any SimulatorClock = SystemSimulatorClock(),
    eventLoops: Int = 2,
    _ body: (BybitSimulatorServer, String) async throws -> T
) async throws -> T {
    let simulator = try BybitSimulator(configuration: configuration, clock: clock)
    let server = try BybitSimulatorServer(simulator: simulator, configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0, eventLoopCount: eventLoops))
    try server.start()
    do {
        let result = try await body(server, server.baseURL!)
        await server.shutdown(gracePeriod: .seconds(1))
        return result
    } catch {
        await server.shutdown(gracePeriod: .seconds(1))
        throw error
    }
}
