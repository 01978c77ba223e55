@testable import LookoutRedis
import Testing

@Suite("Redis model")
struct RedisModelTests {
    @Test("script SHA-1 matches what Redis computes")
    func scriptSHA1() {
        #expect(RedisScript("return 1").sha1 == "e0e1f9fabfc9d4800c877a703b823ac0578ff8db")
        #expect(RedisScript("").sha1 == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1.hexDigest(Array(String(repeating: "a", count: 1000).utf8)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    @Test("key positions of common commands", arguments: [
        (["GET", "k"], [1]),
        (["SET", "k", "v", "PX", "10"], [1]),
        (["DEL", "a", "b", "c"], [1, 2, 3]),
        (["MSET", "a", "1", "b", "2"], [1, 3]),
        (["EVALSHA", "abc", "2", "k1", "k2", "arg"], [3, 4]),
        (["EVAL", "return 1", "0"], []),
        (["RENAME", "a", "b"], [1, 2]),
        (["BLPOP", "a", "b", "0"], [1, 2]),
        (["PING"], []),
        (["OBJECT", "ENCODING", "k"], [2]),
        (["NOTACOMMAND", "x"], []),
        (["get", "k"], [1]),
    ])
    func keyPositions(arguments: [String], expected: [Int]) {
        #expect(RedisCommand(strings: arguments).keyPositions == expected)
    }

    @Test("server error prefix")
    func serverError() {
        let error = RedisServerError(reply: "MOVED 3999 127.0.0.1:6381")
        #expect(error.prefix == "MOVED")
        #expect(error.message == "3999 127.0.0.1:6381")
        #expect(error.description == "MOVED 3999 127.0.0.1:6381")
        #expect(RedisServerError(reply: "ERR").prefix == "ERR")
    }

    @Test("backoff is capped and jittered")
    func backoff() {
        let backoff = RedisBackoff()
        #expect(backoff.delay(attempt: 1, random: 1) == .milliseconds(50))
        #expect(backoff.delay(attempt: 3, random: 1) == .milliseconds(200))
        #expect(backoff.delay(attempt: 3, random: 0.5) == .milliseconds(100))
        #expect(backoff.delay(attempt: 40, random: 1) == .seconds(2))
        #expect(backoff.delay(attempt: 5, random: 0) == .zero)
    }

    @Test("RESP encoding and decoding through hiredis")
    func respRoundTrip() throws {
        var encoded: [UInt8] = []
        try RESPEncoder.append([Array("SET".utf8), [0, 13, 10, 255]], to: &encoded)
        #expect(encoded == Array("*2\r\n$3\r\nSET\r\n$4\r\n".utf8) + [0, 13, 10, 255] + Array("\r\n".utf8))
        let decoder = try RESPDecoder()
        let wire = Array("+OK\r\n:42\r\n$-1\r\n*2\r\n$2\r\nhi\r\n-ERR boom\r\n*-1\r\n$3\r\nab".utf8)
        try wire.withUnsafeBytes { try decoder.feed($0) }
        var replies: [RedisReply] = []
        while let reply = try decoder.next() { replies.append(reply) }
        #expect(replies == [.status("OK"), .integer(42), .null, .array([.bulk(Array("hi".utf8)), .error(RedisServerError(prefix: "ERR", message: "boom"))]), .null])
        try Array("c\r\n".utf8).withUnsafeBytes { try decoder.feed($0) }
        #expect(try decoder.next() == .bulk(Array("abc".utf8)))
        try Array("HTTP/1.1 400 Bad Request\r\n".utf8).withUnsafeBytes { try decoder.feed($0) }
        #expect(throws: RedisError.self) { _ = try decoder.next() }
        #expect { try RESPEncoder.append([], to: &encoded) } throws: { ($0 as? RedisError)?.kind == "invalid_request" }
    }
}
