@testable import Lookout
import Testing

@Suite struct FloatFormattingTests {
    @Test(arguments: [
        (1.0, "1.0"), (0.005, "0.005"), (2.5, "2.5"), (100.0, "100.0"), (123456.0, "123456.0"),
        (1234567.0, "1.234567e+06"), (1e7, "1e+07"), (12345678.9, "1.23456789e+07"), (1e16, "1e+16"),
        (1e-5, "1e-05"), (0.0001, "0.0001"), (-2.0, "-2.0"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
    ])
    func canonicalMatchesOpenMetrics(value: Double, expected: String) {
        #expect(FloatFormatting.canonical(value) == expected)
    }

    @Test(arguments: [
        (0.0, "0"), (42.0, "42"), (-7.0, "-7"), (0.1, "0.1"), (1e-5, "1e-05"), (9007199254740991.0, "9007199254740991"), (9007199254740992.0, "9007199254740992.0"),
        (1e20, "1e+20"), (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (0.30000000000000004, "0.30000000000000004"),
    ])
    func sampleValues(value: Double, expected: String) {
        var buffer = ExpositionBuffer(capacity: 8)
        FloatFormatting.appendValue(value, to: &buffer)
        #expect(buffer.string == expected)
    }
}
