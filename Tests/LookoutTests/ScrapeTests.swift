import Lookout
import LookoutZlib
import Testing

@Suite struct ScrapeTests {
    @Test func negotiatesFormatAndCompresses() throws {
        let registry = try ExpositionFixture.liveRegistry()
        let response = registry.scrape(accept: ContentNegotiationTests.prometheus242, acceptEncoding: "gzip, br",
                                       options: ExpositionOptions(includeCreatedTimestamps: false))
        #expect(response.format == .openMetrics)
        #expect(response.contentType == ExpositionFormat.openMetrics.contentType)
        #expect(response.contentEncoding == "gzip")
        let plain = try Zlib.decompress(response.body)
        #expect(String(decoding: plain, as: UTF8.self) == ExpositionGoldenTests.liveOpenMetrics)
    }

    @Test func plainWhenGzipIsNotAccepted() throws {
        let registry = try ExpositionFixture.liveRegistry()
        let response = registry.scrape(accept: nil, acceptEncoding: "identity")
        #expect(response.format == .prometheusText)
        #expect(response.contentEncoding == nil)
        #expect(String(decoding: response.body, as: UTF8.self) == ExpositionGoldenTests.liveText)
    }
}
