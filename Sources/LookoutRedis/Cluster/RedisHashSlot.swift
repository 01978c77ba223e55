/// Redis Cluster key slots: `CRC16(key) mod 16384` (CRC-16/XMODEM), hashing only the part
/// between the first `{` and the next `}` when that part is not empty (a hash tag).
public enum RedisHashSlot {
    /// The number of slots in a Redis Cluster.
    public static let count = 16384

    /// The slot of `key`.
    public static func slot(of key: some Collection<UInt8>) -> Int {
        Int(crc16(hashedPart(of: Array(key))) & 0x3FFF)
    }

    /// The slot of a UTF-8 key.
    public static func slot(of key: String) -> Int { slot(of: Array(key.utf8)) }

    /// The bytes hashed for `key`: the hash tag's content when there is a non-empty one.
    static func hashedPart(of key: [UInt8]) -> ArraySlice<UInt8> {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")),
              let close = key[(open + 1)...].firstIndex(of: UInt8(ascii: "}")),
              close > open + 1 else { return key[...] }
        return key[(open + 1)..<close]
    }

    /// CRC-16/XMODEM: polynomial 0x1021, initial value 0, no reflection, no final XOR.
    static func crc16(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc << 8) ^ table[Int((crc >> 8) ^ UInt16(byte)) & 0xFF]
        }
        return crc
    }

    private static let table: [UInt16] = (0..<256).map { index in
        var value = UInt16(index) << 8
        for _ in 0..<8 { value = value & 0x8000 != 0 ? (value << 1) ^ 0x1021 : value << 1 }
        return value
    }
}
