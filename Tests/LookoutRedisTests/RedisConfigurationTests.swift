import LookoutRedis
import Testing

@Suite("RedisConfiguration")
struct RedisConfigurationTests {
    @Test("URL forms", arguments: [
        ("redis://127.0.0.1:6379", RedisTopology.standalone(RedisEndpoint(host: "127.0.0.1", port: 6379)), nil as String?, nil as String?, 0),
        ("redis://localhost", .standalone(RedisEndpoint(host: "localhost", port: 6379)), nil, nil, 0),
        ("redis://:s%40cret@10.0.0.1:6380/3", .standalone(RedisEndpoint(host: "10.0.0.1", port: 6380)), nil, "s@cret", 3),
        ("redis://app:pw@[::1]:7000/1", .standalone(RedisEndpoint(host: "::1", port: 7000)), "app", "pw", 1),
        ("redis://secret@h:1", .standalone(RedisEndpoint(host: "h", port: 1)), nil, "secret", 0),
        ("redis+sentinel://s1:26379,s2,s3:26381/mymaster/2",
         .sentinel(sentinels: [RedisEndpoint(host: "s1", port: 26379), RedisEndpoint(host: "s2", port: 26379), RedisEndpoint(host: "s3", port: 26381)],
                   masterName: "mymaster"), nil, nil, 2),
        ("redis+cluster://:pw@127.0.0.1:7001,127.0.0.1:7002",
         .cluster(seeds: [RedisEndpoint(host: "127.0.0.1", port: 7001), RedisEndpoint(host: "127.0.0.1", port: 7002)]), nil, "pw", 0),
    ])
    func parses(url: String, topology: RedisTopology, username: String?, password: String?, database: Int) throws {
        let configuration = try RedisConfiguration(url: url)
        #expect(configuration.topology == topology)
        #expect(configuration.username == username)
        #expect(configuration.password == password)
        #expect(configuration.database == database)
    }

    @Test("bad URLs name the wrong part", arguments: [
        ("127.0.0.1:6379", "scheme"),
        ("http://h:1", "scheme"),
        ("rediss://h:1", "scheme"),
        ("redis://", "host"),
        ("redis://h:0", "port"),
        ("redis://h:99999", "port"),
        ("redis://h:abc", "port"),
        ("redis://h/x", "database"),
        ("redis://h/-1", "database"),
        ("redis://a,b", "host"),
        ("redis://::1:6379", "host"),
        ("redis://h a:1", "host"),
        ("redis://:%zz@h", "password"),
        ("redis+sentinel://s1,s2", "master name"),
        ("redis+sentinel://s1/", "master name"),
        ("redis+cluster://a:1/2", "database"),
        ("redis://h:1?timeout=3", "query"),
        ("redis://h:1,,h:2", "host"),
    ])
    func rejects(url: String, part: String) {
        #expect {
            _ = try RedisConfiguration(url: url)
        } throws: { error in
            (error as? RedisConfigurationError)?.part == part
        }
    }

    @Test("errors never contain the password")
    func errorsRedactPassword() {
        do {
            _ = try RedisConfiguration(url: "ftp://user:hunter2@h:1")
            Issue.record("accepted")
        } catch {
            #expect(!error.description.contains("hunter2"))
            #expect(error.description == "invalid Redis scheme: 'ftp' is not one of redis, redis+sentinel, redis+cluster")
        }
    }

    @Test("redacted URL")
    func redactedURL() throws {
        #expect(try RedisConfiguration(url: "redis://app:pw@127.0.0.1:6379/2").redactedURL == "redis://app:***@127.0.0.1:6379/2")
        #expect(try RedisConfiguration(url: "redis://:pw@h:1").redactedURL == "redis://:***@h:1")
        #expect(try RedisConfiguration(url: "redis://h:1").redactedURL == "redis://h:1")
        #expect(try RedisConfiguration(url: "redis+sentinel://:pw@a:1,b:2/m").redactedURL == "redis+sentinel://:***@a:1,b:2/m")
        #expect(try RedisConfiguration(url: "redis+cluster://[::1]:1,b:2").redactedURL == "redis+cluster://[::1]:1,b:2")
    }

    @Test("environment")
    func environment() throws {
        #expect(try RedisConfiguration.fromEnvironment([:]) == nil)
        #expect(try RedisConfiguration.fromEnvironment(["BYBIT_REDIS_ENABLED": "false", "BYBIT_REDIS_HOST": "h"]) == nil)
        let seed = try #require(try RedisConfiguration.fromEnvironment([
            "BYBIT_REDIS_ENABLED": "true", "BYBIT_REDIS_HOST": "cache", "BYBIT_REDIS_PORT": "6380",
            "BYBIT_REDIS_DB": "4", "BYBIT_REDIS_PASSWORD": "pw",
        ]))
        #expect(seed.topology == .standalone(RedisEndpoint(host: "cache", port: 6380)))
        #expect(seed.database == 4)
        #expect(seed.password == "pw")
        let url = try #require(try RedisConfiguration.fromEnvironment([
            "LOOKOUT_REDIS_URL": "redis+cluster://a:1", "BYBIT_REDIS_ENABLED": "true",
            "LOOKOUT_REDIS_COMMAND_TIMEOUT_MS": "250", "LOOKOUT_REDIS_POOL_SIZE": "3",
        ]))
        #expect(url.topology == .cluster(seeds: [RedisEndpoint(host: "a", port: 1)]))
        #expect(url.commandTimeout == .milliseconds(250))
        #expect(url.poolSize == 3)
        for (variables, part) in [
            (["BYBIT_REDIS_ENABLED": "maybe"], "BYBIT_REDIS_ENABLED"),
            (["BYBIT_REDIS_ENABLED": "1", "BYBIT_REDIS_PORT": "70000"], "BYBIT_REDIS_PORT"),
            (["BYBIT_REDIS_ENABLED": "yes", "BYBIT_REDIS_DB": "x"], "BYBIT_REDIS_DB"),
            (["LOOKOUT_REDIS_URL": "redis://h:x"], "LOOKOUT_REDIS_URL"),
            (["LOOKOUT_REDIS_URL": "redis://h", "LOOKOUT_REDIS_POOL_SIZE": "0"], "LOOKOUT_REDIS_POOL_SIZE"),
        ] {
            #expect { _ = try RedisConfiguration.fromEnvironment(variables) } throws: { ($0 as? RedisConfigurationError)?.part == part }
        }
    }
}
