import BybitSimulator
import Testing

@Suite struct FaultInjectionTests {
    static let kline = "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=3"

    func harness(_ faults: [FaultRule], latency: Latency = .none, headers: BapiHeaders = BapiHeaders()) throws -> Harness {
        try Harness(configuration: SimulatorConfiguration(behavior: SimulatorBehavior(latency: latency, faults: faults, bapiHeaders: headers)))
    }

    func recorded(_ body: String) -> String {
        var prefix = Substring(body.dropLast())
        while prefix.last?.isNumber == true { prefix = prefix.dropLast() }
        return prefix + String(Harness.docsNow.millisecondsSinceEpoch) + "}"
    }

    @Test func rateLimitedIs200With10006AndNoBapiHeaders() throws {
        let harness = try harness([FaultRule(.rateLimited, trigger: .always)])
        let response = harness.get(Self.kline)
        #expect(response.status == 200)
        #expect(response.bodyText
            == recorded(#"{"retCode":10006,"retMsg":"Too many visits. Exceeded the API Rate Limit.","result":{},"retExtInfo":{},"time":1}"#))
        #expect(response.body.count == 123, "the size pybit#340 logged")
        #expect(response.headers.map(\.name) == ["Content-Type", "Traceid", "Timenow"])
        #expect(response.header("Timenow") == "1670610000000")
        #expect(response.injectedFaults == [.rateLimited])
    }

    @Test func rateLimitedCanCarryBapiHeadersWithAResetTimestamp() throws {
        let harness = try harness([FaultRule(.rateLimited, trigger: .always)], headers: BapiHeaders(includeOnRateLimited: true))
        harness.clock.advance(by: .milliseconds(250))
        let response = harness.get(Self.kline, apiKey: "key")
        #expect(response.header("X-Bapi-Limit") == "10")
        #expect(response.header("X-Bapi-Limit-Status") == "9")
        #expect(response.header("X-Bapi-Limit-Reset-Timestamp") == String(Harness.docsNow.millisecondsSinceEpoch + 1000))
    }

    @Test func requestTimeoutAndServerTimeoutMatchTheRecordedBodies() throws {
        let timeout = try harness([FaultRule(.requestTimeout, trigger: .always)]).get(Self.kline)
        #expect(timeout.status == 200 && timeout.bodyText == recorded(RecordedSamples.requestTimeout))
        let serverTimeout = try harness([FaultRule(.serverTimeout, trigger: .always)]).get(Self.kline)
        #expect(serverTimeout.status == 200 && serverTimeout.bodyText == recorded(RecordedSamples.serverTimeout))
    }

    @Test(arguments: [429, 500, 502, 503, 504])
    func httpStatusesHavePlainTextBodies(status: Int) throws {
        let response = try harness([FaultRule(.httpStatus(status), trigger: .always)]).get(Self.kline)
        #expect(response.status == status)
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(response.bodyText == "\(status) \(response.reasonPhrase)\n")
        #expect(response.header("X-Bapi-Limit") == nil)
    }

    @Test(arguments: [200, 502, 504])
    func htmlPagesReplaceTheJSON(status: Int) throws {
        let harness = try harness([FaultRule(.htmlPage(status), trigger: .always)])
        let response = harness.get(Self.kline)
        let title = "\(status) \(response.reasonPhrase)"
        #expect(response.status == status)
        #expect(response.headers == [SimulatorResponse.Header("Content-Type", "text/html")])
        #expect(response.bodyText == "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n</body>\r\n</html>\r\n")
        #expect(response.injectedFaults == [.htmlPage])
        #expect(harness.simulator.statistics().responsesByStatus == [status: 1])
    }

    @Test func transportFaultsBecomeDirectives() throws {
        let reset = try harness([FaultRule(.connectionReset(afterBodyBytes: nil), trigger: .always)]).get(Self.kline)
        #expect(reset.transport.reset == .beforeResponse)
        #expect(reset.transport.bodyBytesToSend(bodyCount: reset.body.count) == 0)

        let midReset = try harness([FaultRule(.connectionReset(afterBodyBytes: 40), trigger: .always)]).get(Self.kline)
        #expect(midReset.transport.reset == .afterBodyBytes(40))
        #expect(midReset.transport.bodyBytesToSend(bodyCount: midReset.body.count) == 40)

        let truncated = try harness([FaultRule(.truncatedBody(afterBytes: 17), trigger: .always)]).get(Self.kline)
        #expect(truncated.transport.truncateBodyAfter == 17)
        #expect(truncated.transport.bodyBytesToSend(bodyCount: truncated.body.count) == 17)
        #expect(try JSON.parse(truncated.body)["retCode"]?.integer == 0, "the body itself is complete")

        let slow = try harness([FaultRule(.slowBody(chunkBytes: 16, pause: .milliseconds(50)), trigger: .always)]).get(Self.kline)
        #expect(slow.transport.trickle == TransportDirectives.Trickle(chunkBytes: 16, pause: .milliseconds(50)))

        let delayed = try harness([FaultRule(.delay(.seconds(20)), trigger: .always)], latency: .fixed(.milliseconds(5))).get(Self.kline)
        #expect(delayed.transport.delayBeforeHeaders == .milliseconds(20_005))
        #expect(delayed.status == 200 && delayed.injectedFaults == [.delay])
    }

    @Test func malformedJSONIsHalfABody() throws {
        let plain = try Harness().get(Self.kline)
        let broken = try harness([FaultRule(.malformedJSON, trigger: .always)]).get(Self.kline)
        #expect(broken.status == 200)
        #expect(broken.body == Array(plain.body.prefix(plain.body.count / 2)))
        #expect(throws: (any Error).self) { try JSON.parse(broken.body) }
        #expect(broken.transport.isPlain)
    }

    @Test func triggersSelectTheRightRequests() throws {
        let harness = try harness([
            FaultRule(.httpStatus(502), trigger: .everyNth(3)),
            FaultRule(.rateLimited, trigger: .nextRequests(2)),
        ])
        let statuses = (1...9).map { _ in harness.get(Self.kline) }.map { response in
            response.status == 502 ? "502" : response.bodyText.contains("10006") ? "10006" : "ok"
        }
        #expect(statuses == ["10006", "10006", "502", "ok", "ok", "502", "ok", "ok", "502"])
        let stats = harness.simulator.statistics()
        #expect(stats.faultsInjected == [.httpStatus: 3, .rateLimited: 2])
        #expect(stats.totalFaultsInjected == 5)
        #expect(stats.responsesByStatus == [200: 6, 502: 3])
    }

    @Test func theFirstReplacingRuleWinsAndModifiersCombine() throws {
        let harness = try harness([
            FaultRule(.requestTimeout, trigger: .always),
            FaultRule(.rateLimited, trigger: .nextRequests(1)),
            FaultRule(.slowBody(chunkBytes: 1, pause: .milliseconds(1)), trigger: .always),
        ])
        let first = harness.get(Self.kline)
        #expect(first.bodyText.contains("10016"))
        #expect(first.injectedFaults == [.requestTimeout, .slowBody])
        // The shadowed nextRequests rule was not consumed: it is still pending after removing the first rule.
        try harness.simulator.updateBehavior { $0.faults.removeFirst() }
        #expect(harness.get(Self.kline).bodyText.contains("10006"))
        #expect(!harness.get(Self.kline).bodyText.contains("10006"))
    }

    @Test func probabilityIsDeterministicAndRoughlyRight() throws {
        func pattern() throws -> [Bool] {
            let harness = try harness([FaultRule(.rateLimited, trigger: .probability(0.2, seed: 42))])
            return (0..<500).map { _ in harness.get("/v5/market/time").bodyText.contains("10006") }
        }
        let first = try pattern()
        #expect(try pattern() == first)
        let share = Double(first.filter { $0 }.count) / 500
        #expect(share > 0.14 && share < 0.26, "share \(share)")
    }

    @Test func pathFiltersLimitARule() throws {
        let harness = try harness([FaultRule(.httpStatus(503), trigger: .always, paths: ["/v5/market/kline"])])
        #expect(harness.get(Self.kline).status == 503)
        #expect(harness.get("/v5/market/time").status == 200)
    }

    @Test func jitteredLatencyIsDeterministicAndInRange() throws {
        func delays() throws -> [Duration] {
            let harness = try harness([], latency: .jittered(minimum: .milliseconds(10), maximum: .milliseconds(30), seed: 7))
            return (0..<50).map { _ in harness.get("/v5/market/time").transport.delayBeforeHeaders }
        }
        let first = try delays()
        #expect(try delays() == first)
        #expect(first.allSatisfy { $0 >= .milliseconds(10) && $0 <= .milliseconds(30) })
        #expect(Set(first).count > 40)
    }

    @Test func behaviourChangesAtRunTime() throws {
        let harness = try Harness()
        #expect(harness.get(Self.kline).status == 200)
        try harness.simulator.updateBehavior { $0.faults = [FaultRule(.httpStatus(500), trigger: .nextRequests(2))] }
        #expect(harness.simulator.behavior.faults.count == 1)
        #expect([harness.get(Self.kline).status, harness.get(Self.kline).status, harness.get(Self.kline).status] == [500, 500, 200])
    }

    @Test(arguments: [
        FaultRule(.httpStatus(403), trigger: .always), FaultRule(.httpStatus(200), trigger: .always),
        FaultRule(.rateLimited, trigger: .everyNth(0)), FaultRule(.rateLimited, trigger: .probability(1.5)),
        FaultRule(.truncatedBody(afterBytes: -1), trigger: .always), FaultRule(.slowBody(chunkBytes: 0, pause: .zero), trigger: .always),
    ])
    func invalidRulesAreRejectedAndLeaveTheBehaviourUnchanged(rule: FaultRule) throws {
        let harness = try Harness()
        #expect { try harness.simulator.updateBehavior { $0.faults = [rule] } } throws: { error in
            (error as? SimulatorConfigurationError)?.code == .invalidBehavior
                && (error as? SimulatorConfigurationError)?.subject == "faults[0]"
        }
        #expect(harness.simulator.behavior.faults.isEmpty)
        #expect(throws: SimulatorConfigurationError.self) {
            try BybitSimulator(configuration: SimulatorConfiguration(behavior: SimulatorBehavior(faults: [rule])))
        }
    }

    @Test func bapiHeadersFollowTheirPresenceTrigger() throws {
        // Real Bybit was not seen sending them to anonymous public requests: only with a key.
        let anonymous = try Harness().get(Self.kline)
        #expect(anonymous.header("X-Bapi-Limit") == nil)
        let keyed = try Harness()
        let always = keyed.get(Self.kline, apiKey: "key")
        #expect(always.header("X-Bapi-Limit") == "10")
        #expect(always.header("X-Bapi-Limit-Status") == "9")
        #expect(always.header("X-Bapi-Limit-Reset-Timestamp") == String(Harness.docsNow.millisecondsSinceEpoch))
        #expect(keyed.get(Self.kline, apiKey: "key").header("X-Bapi-Limit-Status") == "8")
        #expect(keyed.get(Self.kline, apiKey: "other").header("X-Bapi-Limit-Status") == "9")
        keyed.clock.advance(by: .milliseconds(1001))
        #expect(keyed.get(Self.kline, apiKey: "key").header("X-Bapi-Limit-Status") == "9")

        let anyone = try harness([], headers: .always).get(Self.kline)
        #expect(anyone.header("X-Bapi-Limit") == "10")

        let never = try harness([], headers: .absent).get(Self.kline, apiKey: "key")
        #expect(never.headers.map(\.name) == ["Content-Type", "Traceid", "Timenow"])

        let alternating = try harness([], headers: BapiHeaders(presence: .everyNth(2), limit: 120))
        let present = (0..<4).map { _ in alternating.get(Self.kline, apiKey: "key").header("X-Bapi-Limit") }
        #expect(present == [nil, "120", nil, "120"])
    }
}
