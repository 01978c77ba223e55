// bybit-sim: the Bybit simulator served over HTTP until SIGINT or SIGTERM. Everything but
// printing and exiting lives in BybitSimulatorHTTP, where it is tested.
import BybitSimulator
import BybitSimulatorHTTP
import LookoutHTTP

#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` and a newline straight to `descriptor`, unbuffered, so a script reading
/// the URL line sees it at once.
func emit(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
    var line = text + "\n"
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

func fail(_ message: String, status: Int32) -> Never {
    emit("bybit-sim: \(message)", to: STDERR_FILENO)
    exit(status)
}

let options: SimulatorCommandLine
do {
    options = try SimulatorCommandLine(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)", status: 2)
}
if options.showHelp {
    emit(SimulatorCommandLine.usage)
    exit(0)
}

let server: BybitSimulatorServer
do {
    let simulator = try BybitSimulator(configuration: options.configuration)
    server = try BybitSimulatorServer(simulator: simulator, configuration: options.serverConfiguration)
    try server.start()
} catch let error as HTTPServerError {
    fail("cannot listen on \(options.host):\(options.port): \(error)", status: 1)
} catch {
    fail("\(error)", status: 2)
}

let behavior = options.configuration.behavior
emit("bybit-sim listening on \(server.baseURL ?? "?") (latency \(behavior.latency.spec), ip limit \(behavior.ipRateLimit.spec), faults: \(behavior.faults.isEmpty ? "none" : behavior.faults.map(\.spec).joined(separator: " ")))")
let signal = await TerminationSignal.wait()
emit("bybit-sim: \(signal.rawValue), stopping")
await server.shutdown(gracePeriod: .seconds(5))
