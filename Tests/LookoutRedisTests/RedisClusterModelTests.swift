@testable import LookoutRedis
import Testing

@Suite("Cluster slots, slot map and redirects")
struct RedisClusterModelTests {
    @Test("CRC16 and slots match CLUSTER KEYSLOT", arguments: [
        ("123456789", 12739), ("foo", 12182), ("bar", 5061), ("hello", 866), ("user1000", 3443), ("", 0),
        ("{user1000}.following", 3443), ("{user1000}.followers", 3443), ("foo{}{bar}", 8363), ("foo{{bar}}zap", 4015),
        ("foo{bar}{zap}", 5061),
    ])
    func slots(key: String, slot: Int) {
        #expect(RedisHashSlot.slot(of: key) == slot)
    }

    @Test("CRC16/XMODEM check value")
    func crcCheckValue() {
        #expect(RedisHashSlot.crc16(Array("123456789".utf8)) == 0x31C3)
    }

    @Test("CLUSTER SLOTS reply")
    func slotMap() throws {
        func node(_ host: String, _ port: Int64) -> RedisReply {
            .array([.bulk(Array(host.utf8)), .integer(port), .bulk(Array("id".utf8)), .array([])])
        }
        let reply = RedisReply.array([
            .array([.integer(0), .integer(5460), node("127.0.0.1", 7001), node("127.0.0.1", 7004)]),
            .array([.integer(5461), .integer(10922), node("", 7002)]),
            .array([.integer(10923), .integer(16383), node("127.0.0.1", 7003)]),
        ])
        let map = try RedisSlotMap(clusterSlots: reply, askedHost: "10.0.0.9")
        #expect(map.primaries == [RedisEndpoint(host: "127.0.0.1", port: 7001), RedisEndpoint(host: "10.0.0.9", port: 7002),
                                  RedisEndpoint(host: "127.0.0.1", port: 7003)])
        #expect(map.primary(for: 0) == RedisEndpoint(host: "127.0.0.1", port: 7001))
        #expect(map.primary(for: 5461) == RedisEndpoint(host: "10.0.0.9", port: 7002))
        #expect(map.primary(for: 16383) == RedisEndpoint(host: "127.0.0.1", port: 7003))
        let moved = map.moving(slot: 100, to: RedisEndpoint(host: "127.0.0.1", port: 7009))
        #expect(moved.primary(for: 100) == RedisEndpoint(host: "127.0.0.1", port: 7009))
        #expect(moved.primary(for: 99) == RedisEndpoint(host: "127.0.0.1", port: 7001))
        let partial = try RedisSlotMap(clusterSlots: .array([.array([.integer(0), .integer(10), node("h", 1)])]), askedHost: "h")
        #expect(partial.primary(for: 11) == nil)
        for bad in [RedisReply.status("OK"), .array([]), .array([.array([.integer(5), .integer(2), node("h", 1)])]),
                    .array([.array([.integer(0), .integer(16384), node("h", 1)])]), .array([.array([.integer(0)])])] {
            #expect(throws: RedisError.self) { _ = try RedisSlotMap(clusterSlots: bad, askedHost: "h") }
        }
    }

    @Test("redirect replies", arguments: [
        ("MOVED 12182 127.0.0.1:27003", RedisRedirect.moved(slot: 12182, to: RedisEndpoint(host: "127.0.0.1", port: 27003)) as RedisRedirect?),
        ("ASK 12182 127.0.0.1:27001", .ask(slot: 12182, to: RedisEndpoint(host: "127.0.0.1", port: 27001))),
        ("MOVED 3999 :6380", .moved(slot: 3999, to: RedisEndpoint(host: "asked", port: 6380))),
        ("MOVED 1 ::1:6380", .moved(slot: 1, to: RedisEndpoint(host: "::1", port: 6380))),
        ("TRYAGAIN Multiple keys request during rehashing of slot", .tryAgain),
        ("CLUSTERDOWN The cluster is down", .clusterDown),
        ("MOVED 99999 h:1", nil),
        ("MOVED x h:1", nil),
        ("ASK 1 h", nil),
        ("ERR unknown", nil),
    ])
    func redirects(reply: String, expected: RedisRedirect?) {
        #expect(RedisRedirect(RedisServerError(reply: reply), askedHost: "asked") == expected)
    }

    @Test("cross-slot keys are a typed error naming them")
    func crossSlot() throws {
        #expect(try RedisClusterRouter.slot(of: [Array("{u}.a".utf8), Array("{u}.b".utf8)]) == RedisHashSlot.slot(of: "u"))
        #expect(try RedisClusterRouter.slot(of: []) == nil)
        #expect(throws: RedisError.crossSlot(keys: ["foo", "bar"])) { _ = try RedisClusterRouter.slot(of: [Array("foo".utf8), Array("bar".utf8)]) }
    }
}
