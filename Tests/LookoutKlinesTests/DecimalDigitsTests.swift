import LookoutBybit
@testable import lookout
import Testing

/// The klines encoder's digits equal `description` for every shape of decimal.
@Suite struct DecimalDigitsTests {
    @Test(arguments: ["0", "0.0", "0.001", "-0.5", "7", "68541.2", "16650691.8083", "-123.4500", "1e-8", "99999999999999999999999.1", "-18446744073709551616.0",
                      "1234567890123456789012345678901234567"])
    func decimalsAreWrittenAsTheirDescription(_ text: String) throws {
        let value = try #require(ExactDecimal(text))
        var bytes: [UInt8] = []
        DecimalDigits.append(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == value.description)
    }

    @Test func theWidestDecimalsFit() throws {
        for value in [ExactDecimal(significand: .max, scale: 0), ExactDecimal(significand: .min + 1, scale: ExactDecimal.maxScale),
                      ExactDecimal(significand: -1, scale: ExactDecimal.maxScale)].compactMap({ $0 }) {
            var bytes: [UInt8] = []
            DecimalDigits.append(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == value.description)
            #expect(bytes.count <= DecimalDigits.maxLength)
        }
    }

    @Test(arguments: [Int64.min, -1, 0, 9, 10, 1_717_200_000_000, Int64.max])
    func integersAreWrittenInBaseTen(_ value: Int64) {
        var bytes: [UInt8] = Array("x".utf8)
        DecimalDigits.append(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x\(value)")
    }
}
