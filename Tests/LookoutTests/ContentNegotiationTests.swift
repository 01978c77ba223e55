import Lookout
import Testing

@Suite struct ContentNegotiationTests {
    static let prometheus242 = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    @Test(arguments: [
        (nil, ExpositionFormat.prometheusText),
        ("", .prometheusText),
        (prometheus242, .openMetrics),
        ("application/openmetrics-text", .openMetrics),
        ("application/openmetrics-text; version=1.0.0; charset=utf-8", .openMetrics),
        ("application/openmetrics-text;version=0.0.1", .openMetrics),
        ("application/openmetrics-text;version=2.0.0", .prometheusText),
        ("text/plain;version=0.0.4;q=0.9,application/openmetrics-text;q=0.5", .prometheusText),
        ("text/plain;q=0.5,application/openmetrics-text;q=0.9", .openMetrics),
        ("application/openmetrics-text;q=0,text/plain", .prometheusText),
        ("application/openmetrics-text;q=0", .prometheusText),
        ("*/*", .prometheusText),
        ("text/*", .prometheusText),
        ("application/*", .openMetrics),
        ("application/json", .prometheusText),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", .prometheusText),
        ("APPLICATION/OpenMetrics-Text; Version=\"1.0.0\"", .openMetrics),
        ("application/openmetrics-text;q=abc,text/plain;q=0.1", .prometheusText),
        ("garbage,,;;==", .prometheusText),
        ("*/*;q=0.1,application/openmetrics-text;q=0.1", .openMetrics),
    ] as [(String?, ExpositionFormat)])
    func acceptHeaderSelectsFormat(accept: String?, expected: ExpositionFormat) {
        #expect(ContentNegotiation.format(forAccept: accept) == expected)
    }

    @Test(arguments: [
        (nil, false), ("gzip", true), ("gzip, deflate, br", true), ("deflate", false), ("GZIP;q=0.5", true),
        ("gzip;q=0", false), ("*", true), ("*;q=0", false), ("gzip;q=0, *", false), ("identity", false), ("x-gzip", true),
    ] as [(String?, Bool)])
    func acceptEncodingSelectsGzip(header: String?, expected: Bool) {
        #expect(ContentNegotiation.acceptsGzip(header) == expected)
    }

    @Test func contentTypesAreExact() {
        #expect(ExpositionFormat.prometheusText.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(ExpositionFormat.openMetrics.contentType == "application/openmetrics-text; version=1.0.0; charset=utf-8")
    }
}
