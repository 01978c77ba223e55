import Foundation
import Testing
import TestSupport

@Suite("The bybit-sim executable")
struct BybitSimCommandTests {
    static let bybitSim = ExternalTool.builtProduct("bybit-sim")

    @Test func itPrintsItsURLServesAndStopsOnSIGTERM() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.bybitSim.path())
        process.arguments = ["--port", "0", "--latency", "5ms", "--fault", "10006@next:1@/v5/market/kline", "--ip-limit", "100/1s/5s"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var text = Data()
        let deadline = Date().addingTimeInterval(15)
        while !text.contains(UInt8(ascii: "\n")), Date() < deadline {
            text.append(output.fileHandleForReading.availableData)
        }
        let line = String(decoding: text, as: UTF8.self)
        let url = try #require(line.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/).map { String($0.output) }, "\(line)")
        #expect(line == "bybit-sim listening on \(url) (latency 5ms, ip limit 100/1s/5s, faults: 10006@next:1@/v5/market/kline)\n")

        let curl = ExternalTool("curl", install: "apt-get install -y curl")
        let first = try curl.run(["-s", url + "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1"])
        #expect(first.standardOutput.hasPrefix(#"{"retCode":10006,"#))
        let second = try curl.run(["-s", url + "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1"])
        #expect(second.standardOutput.hasPrefix(#"{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[["#))

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test("bad flags exit 2 with one line", arguments: [
        (["--fault", "10007"], "bybit-sim: option '--fault': fault '10007': unknown fault; use 10006, 10016, 5004, http:STATUS, html:STATUS, reset[:BYTES], truncate:BYTES, malformed, slow:CHUNK:PAUSE or delay:DURATION\n"),
        (["--port", "x"], "bybit-sim: option '--port' must be a whole number from 0 to 65535, got 'x'\n"),
    ])
    func badFlags(arguments: [String], message: String) throws {
        let run = try Self.bybitSim.run(arguments)
        #expect(run.status == 2)
        #expect(run.standardError == message)
    }

    @Test func anAddressInUseExitsOne() throws {
        try withListeningSocket { port in
            let run = try Self.bybitSim.run(["--port", String(port)])
            #expect(run.status == 1)
            #expect(run.standardError.hasPrefix("bybit-sim: cannot listen on 127.0.0.1:\(port):"))
        }
    }

    @Test func helpDescribesFlagsAndTheControlAPI() throws {
        let run = try Self.bybitSim.run(["--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("--fault SPEC"))
        #expect(run.standardOutput.contains("PUT /sim/faults"))
    }

    /// Runs `body` while a loopback TCP socket listens on a free port.
    func withListeningSocket(_ body: (Int) throws -> Void) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        try #require(bound)
        try body(Int(UInt16(bigEndian: address.sin_port)))
    }
}
