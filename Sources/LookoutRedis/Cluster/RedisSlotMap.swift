/// Which node serves each cluster slot, from a `CLUSTER SLOTS` reply.
struct RedisSlotMap: Sendable, Equatable {
    /// The primaries, in order of first appearance.
    let primaries: [RedisEndpoint]
    /// For each slot, an index into ``primaries``, or `unassigned`.
    private(set) var owners: [UInt16]

    static let unassigned = UInt16.max

    /// The primary serving `slot`, if any.
    func primary(for slot: Int) -> RedisEndpoint? {
        let owner = owners[slot]
        return owner == Self.unassigned ? nil : primaries[Int(owner)]
    }

    /// The same map with `slot` moved to `endpoint` (after a `MOVED`).
    func moving(slot: Int, to endpoint: RedisEndpoint) -> RedisSlotMap {
        var primaries = self.primaries
        var index = primaries.firstIndex(of: endpoint)
        if index == nil {
            primaries.append(endpoint)
            index = primaries.count - 1
        }
        var copy = RedisSlotMap(primaries: primaries, owners: owners)
        copy.owners[slot] = UInt16(index!)
        return copy
    }

    private init(primaries: [RedisEndpoint], owners: [UInt16]) {
        self.primaries = primaries
        self.owners = owners
    }

    /// Parses `CLUSTER SLOTS`: `[[start, end, [ip, port, id, …], replica…], …]`. An empty ip
    /// means the node that was asked (`askedHost`).
    init(clusterSlots reply: RedisReply, askedHost: String) throws(RedisError) {
        guard case .array(let ranges) = reply else {
            throw RedisError.protocolViolation("CLUSTER SLOTS answered \(reply) instead of an array")
        }
        var primaries: [RedisEndpoint] = []
        var owners = [UInt16](repeating: Self.unassigned, count: RedisHashSlot.count)
        for range in ranges {
            guard case .array(let fields) = range, fields.count >= 3,
                  let start = fields[0].int, let end = fields[1].int,
                  start >= 0, end < RedisHashSlot.count, start <= end,
                  case .array(let node) = fields[2], node.count >= 2,
                  let host = node[0].string, let port = node[1].int, (1...65535).contains(port) else {
                throw RedisError.protocolViolation("unexpected CLUSTER SLOTS entry \(range)")
            }
            let endpoint = RedisEndpoint(host: host.isEmpty || host == "?" ? askedHost : host, port: Int(port))
            var index = primaries.firstIndex(of: endpoint)
            if index == nil {
                primaries.append(endpoint)
                index = primaries.count - 1
            }
            for slot in Int(start)...Int(end) { owners[slot] = UInt16(index!) }
        }
        guard !primaries.isEmpty else { throw RedisError.protocolViolation("CLUSTER SLOTS listed no slots (is the cluster created?)") }
        self.primaries = primaries
        self.owners = owners
    }
}
