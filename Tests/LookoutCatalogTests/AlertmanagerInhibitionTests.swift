import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

/// Starts a real Alertmanager with the generated config on a free loopback port and posts
/// alerts: a critical must inhibit the warning of the same alertname, job and instance,
/// and only that one.
@Suite("Generated Alertmanager config in a real Alertmanager")
struct AlertmanagerInhibitionTests {
    static let alertmanager = ExternalTool("prometheus-alertmanager", install: "apt-get install -y prometheus-alertmanager (or run `make test`)")

    @Test("a critical alert inhibits the warning of the same alert, job and instance")
    func inhibition() async throws {
        let tree = try GeneratedTree.write(ShopFixture.set)
        defer { tree.remove() }
        let port = try FreePort.find()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.alertmanager.path())
        process.arguments = ["--config.file=\(tree.alerts.appendingPathComponent("alertmanager.yml").path)",
                             "--storage.path=\(tree.root.appendingPathComponent("am-data").path)",
                             "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address="]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        let base = URL(string: "http://127.0.0.1:\(port)/api/v2")!
        try await Self.waitUntilReady(port: port)

        func alert(_ severity: String, instance: String) -> [String: Any] {
            ["labels": ["alertname": "ShopErrorsHigh", "job": "shop", "instance": instance, "severity": severity]]
        }
        var request = URLRequest(url: base.appendingPathComponent("alerts"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: [alert("critical", instance: "a:1"), alert("warning", instance: "a:1"), alert("warning", instance: "b:1")])
        let (_, posted) = try await URLSession.shared.data(for: request)
        #expect((posted as? HTTPURLResponse)?.statusCode == 200)

        // Inhibition is evaluated when alerts are listed; poll briefly until all three are in.
        var states: [String: [String]] = [:]
        for _ in 0..<50 {
            let (data, _) = try await URLSession.shared.data(from: base.appendingPathComponent("alerts"))
            let alerts = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
            states = [:]
            for alert in alerts {
                let labels = alert["labels"] as? [String: String] ?? [:]
                let status = alert["status"] as? [String: Any] ?? [:]
                states["\(labels["severity"] ?? "") \(labels["instance"] ?? "")"] = status["inhibitedBy"] as? [String] ?? []
            }
            if states.count == 3, states["warning a:1"]?.isEmpty == false { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(states["critical a:1"] == [])
        #expect(states["warning a:1"]?.count == 1, "\(states)")
        #expect(states["warning b:1"] == [])
    }

    static func waitUntilReady(port: Int) async throws {
        let ready = URL(string: "http://127.0.0.1:\(port)/-/ready")!
        for _ in 0..<100 {
            if let (_, response) = try? await URLSession.shared.data(from: ready), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure( "Alertmanager did not become ready on 127.0.0.1:\(port) within 10 s")
    }
}

/// A free TCP port on the loopback interface, found by binding port 0.
enum FreePort {
    static func find() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestFailure( "socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0 else { throw TestFailure( "bind() failed") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A test precondition that failed (a tool that did not start, a socket error).
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
