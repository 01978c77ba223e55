import Testing
@testable import LookoutHTTP

/// The table and word-at-a-time byte checks agree with their RFC 9110 definitions for
/// every byte value, at every position of a word.
@Suite("Byte classes")
struct ByteClassTests {
    @Test func tokenCharactersAreExactlyTheRFCList() {
        let listed = Set(Array("!#$%&'*+-.^_`|~".utf8)).union(0x30...0x39).union(0x41...0x5A).union(0x61...0x7A)
        for byte in UInt8.min...UInt8.max {
            #expect(ASCII.isTokenChar(byte) == listed.contains(byte), "byte \(byte)")
        }
    }

    @Test func fieldValuesAreCheckedAtEveryPosition() {
        // Every byte value, at every offset of a 19-byte value (two words and a tail).
        for byte in UInt8.min...UInt8.max {
            for position in 0..<19 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
                bytes[position] = byte
                let expected = ASCII.isFieldValueByte(byte)
                bytes.withUnsafeBytes { raw in
                    #expect(ASCII.areFieldValueBytes(raw) == expected, "byte \(byte) at \(position)")
                }
            }
        }
        // High bytes (obs-text) beside a tab: both allowed, in any order.
        [UInt8]([0x09, 0xFF, 0x80, 0x20, 0x7E, 0xC3, 0xA9, 0x09, 0x41]).withUnsafeBytes { raw in
            #expect(ASCII.areFieldValueBytes(raw))
        }
    }
}
