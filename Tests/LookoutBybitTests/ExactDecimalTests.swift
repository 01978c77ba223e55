import Foundation
@testable import LookoutBybit
import Testing

@Suite struct ExactDecimalTests {
    @Test("exchange strings round-trip exactly", arguments: [
        "17071", "17055.5", "15.74462667", "372910.44913563", "0.0000001", "1999999.80", "0", "0.000",
        "-0.00375", "100.00", "28548.76", "0.1", "12345678901234567890.123456789012345678",
        "-99999999999999999999999999999999999999", "0.00000000000000000000000000000000000001",
    ])
    func roundTrip(text: String) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.description == text)
        #expect(ExactDecimal(value.description) == value)
    }

    @Test("normalised forms", arguments: [
        ("+3", "3", 3, 0), ("007", "7", 7, 0), (".5", "0.5", 5, 1), ("1.", "1", 1, 0), ("-0", "0", 0, 0),
        ("1.5e-7", "0.00000015", 15, 8), ("2.5E3", "2500", 2500, 0), ("1e0", "1", 1, 0), ("12e+2", "1200", 1200, 0),
    ] as [(String, String, Int, Int)])
    func normalisedForms(text: String, expected: String, significand: Int, scale: Int) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.description == expected)
        #expect(value.significand == Int128(significand))
        #expect(value.scale == scale)
    }

    @Test("rejected text", arguments: [
        "", " 1", "1 ", "-", "+", ".", "1.2.3", "1,5", "NaN", "inf", "0x10", "1e", "1e+", "e5", "--1", "1-",
        "123456789012345678901234567890123456789", // 39 digits
        "0.000000000000000000000000000000000000001", // scale 39
        "1e39",
    ])
    func rejects(text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    @Test func equalityAndHashingAreNumeric() throws {
        let a = try #require(ExactDecimal("1999999.80"))
        let b = try #require(ExactDecimal("1999999.8"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a.description != b.description)
        #expect(a.normalized.description == "1999999.8")
        #expect(ExactDecimal("2.000")!.normalized.description == "2")
    }

    @Test func orderingIsExactAcrossScales() throws {
        let sorted = ["-1.5", "-1.49999999999999999999", "0", "0.00000001", "0.1", "0.10000000000000000001", "17055.499", "17055.5", "99999999999999999999999999999999999999"]
            .map { ExactDecimal($0)! }
        for (lower, higher) in zip(sorted, sorted.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
            #expect(!(higher < lower))
        }
        // Aligning scales would overflow Int128 here; the comparison must still be right.
        let huge = ExactDecimal("99999999999999999999999999999999999999")!
        let tiny = ExactDecimal("0.00000000000000000000000000000000000001")!
        #expect(tiny < huge)
        #expect(ExactDecimal("-99999999999999999999999999999999999999")! < tiny)
    }

    @Test("conversion to Double is correctly rounded", arguments: ["17055.5", "0.1", "15.74462667", "372910.44913563", "-0.00375", "1e-30", "123456789012345678901234.5"])
    func doubleValue(text: String) throws {
        #expect(try #require(ExactDecimal(text)).doubleValue == Double(text)!)
    }

    @Test func codableUsesStrings() throws {
        let value = try #require(ExactDecimal("17055.50"))
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == #"["17055.50"]"#)
        #expect(try JSONDecoder().decode([ExactDecimal].self, from: data) == [value])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ExactDecimal].self, from: Data("[\"abc\"]".utf8)) }
    }

    @Test func memberwiseInitialiserChecksScale() {
        #expect(ExactDecimal(significand: 5, scale: 39) == nil)
        #expect(ExactDecimal(significand: -5, scale: 2)?.description == "-0.05")
        #expect(ExactDecimal(42).description == "42")
    }
}
