@testable import LookoutBybit
import Testing

@Suite struct BybitTimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (1_717_200_000_000, "2024-06-01T00:00:00Z"), (1_709_164_799_999, "2024-02-28T23:59:59.999Z"),
        (1_709_251_200_000, "2024-03-01T00:00:00Z"), (951_782_400_000, "2000-02-29T00:00:00Z"), (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func formatsAndParsesBack(milliseconds: Int64, text: String) {
        #expect(BybitTimestamp.format(milliseconds) == text)
        #expect(BybitTimestamp.parse(text) == milliseconds)
    }

    @Test(arguments: [
        ("2024-06-01", Int64(1_717_200_000_000)), ("2024-06-01T12:30", 1_717_245_000_000), ("2024-06-01 12:30:15Z", 1_717_245_015_000),
        ("1717200000000", 1_717_200_000_000), ("0", 0),
    ])
    func acceptsShortForms(text: String, milliseconds: Int64) {
        #expect(BybitTimestamp.parse(text) == milliseconds)
    }

    @Test(arguments: ["", "2024-6-1", "2024-02-30", "2023-02-29", "2024-13-01", "2024-06-01T24:00", "2024-06-01T12", "2024-06-01T12:30+02:00",
                      "yesterday", "-5", "12345678901234567"])
    func rejectsEverythingElse(text: String) {
        #expect(BybitTimestamp.parse(text) == nil)
    }
}

@Suite struct MetricLabelTests {
    @Test(arguments: [(Int?.none, "none"), (200, "200"), (403, "403"), (418, "4xx"), (503, "503"), (520, "5xx"), (302, "3xx"), (999, "other")])
    func statuses(status: Int?, label: String) {
        #expect(MetricLabel.status(status) == label)
    }

    @Test(arguments: [(Int?.none, "none"), (0, "0"), (10006, "10006"), (5004, "5004"), (123_456, "other")])
    func retCodes(retCode: Int?, label: String) {
        #expect(MetricLabel.retCode(retCode) == label)
    }

    @Test(arguments: [(0, "1"), (1, "1"), (2, "2-5"), (5, "2-5"), (6, "6-20"), (20, "6-20"), (21, "21-100"), (100, "21-100"), (101, "101+")])
    func batchSizes(symbols: Int, label: String) {
        #expect(MetricLabel.batchSize(symbols) == label)
    }
}
