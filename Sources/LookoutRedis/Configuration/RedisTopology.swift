/// Which kind of Redis deployment a ``RedisConfiguration`` talks to.
public enum RedisTopology: Sendable, Hashable {
    /// One server (`redis://`).
    case standalone(RedisEndpoint)
    /// A primary found through Sentinel (`redis+sentinel://`): the sentinels to ask, and the
    /// name the primary is monitored under.
    case sentinel(sentinels: [RedisEndpoint], masterName: String)
    /// A Redis Cluster (`redis+cluster://`): the seed nodes the slot map is first read from.
    case cluster(seeds: [RedisEndpoint])
}
