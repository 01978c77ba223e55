import LookoutCatalog

/// Stable panel ids: each panel's id is a hash of its key (`metric:http_requests:rate`), so
/// adding or removing a panel does not renumber the others and `viewPanel=` links keep
/// working. A collision takes the next free id, in panel order.
enum PanelIDs {
    /// Ids are in 1...upperBound.
    static let upperBound: UInt32 = 99_999

    /// One id per key, unique, in order.
    static func assign(_ keys: [String]) -> [Int] {
        var used = Set<Int>()
        return keys.map { key in
            var id = Int(fnv1a(key) % upperBound) + 1
            while !used.insert(id).inserted { id = id % Int(upperBound) + 1 }
            return id
        }
    }

    /// 32-bit FNV-1a of the key's UTF-8 bytes: stable across runs and platforms (unlike
    /// `Hasher`, which is seeded per process).
    static func fnv1a(_ key: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}
