import Lookout
import Testing

/// Whole-output golden tests: one fixture, asserted in every format (practice from
/// client_java's ExpositionFormatsTest and expfmt's table tests). Every expected text
/// here was checked by hand against the text-format and OpenMetrics specifications.
@Suite struct ExpositionGoldenTests {
    @Test func liveFamiliesInPrometheusText() throws {
        let registry = try ExpositionFixture.liveRegistry()
        #expect(ExpositionFixture.text(registry, .prometheusText) == Self.liveText)
    }

    @Test func liveFamiliesInOpenMetricsWithoutCreated() throws {
        let registry = try ExpositionFixture.liveRegistry()
        #expect(ExpositionFixture.text(registry, .openMetrics, options: ExpositionOptions(includeCreatedTimestamps: false)) == Self.liveOpenMetrics)
    }

    @Test func createdAndExemplarsInOpenMetrics() throws {
        let registry = try ExpositionFixture.collectorRegistry()
        #expect(ExpositionFixture.text(registry, .openMetrics, options: ExpositionOptions(includeCreatedTimestamps: true)) == Self.collectedOpenMetrics)
    }

    @Test func createdIsOptIn() throws {
        let registry = try ExpositionFixture.collectorRegistry()
        #expect(!ExpositionFixture.text(registry, .openMetrics).contains("_created"))
    }

    @Test func createdAndExemplarsAreLeftOutOfPrometheusText() throws {
        let registry = try ExpositionFixture.collectorRegistry()
        #expect(ExpositionFixture.text(registry, .prometheusText) == Self.collectedText)
    }

    @Test func optionsCanDropCreatedAndExemplars() throws {
        let registry = try ExpositionFixture.collectorRegistry()
        let text = ExpositionFixture.text(registry, .openMetrics, options: ExpositionOptions(includeCreatedTimestamps: false, includeExemplars: false))
        #expect(!text.contains("_created") && !text.contains("trace_id"))
        #expect(text.hasSuffix("jobs_processed_total{queue=\"emails\"} 17\n# EOF\n"))
    }

    @Test func liveCountersCarryTheirCreationTime() throws {
        let registry = Registry()
        let counter = try registry.counter("events_total", help: "Events.")
        let text = String(decoding: registry.exposition(format: .openMetrics, options: ExpositionOptions(includeCreatedTimestamps: true)), as: UTF8.self)
        let createdLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("events_created ") })
        let created = try #require(Double(createdLine.dropFirst("events_created ".count)))
        #expect(created == counter.createdTimestamp)
        #expect(created > 1_600_000_000)
    }

    @Test func anEmptyRegistryIsEmptyOrJustEOF() {
        let registry = Registry()
        #expect(registry.exposition(format: .prometheusText).isEmpty)
        #expect(String(decoding: registry.exposition(format: .openMetrics), as: UTF8.self) == "# EOF\n")
    }

    static let liveText = #"""
        # HELP http_request_duration_seconds Request latency.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{route="/api/v1/klines/{symbol}",le="0.1"} 2
        http_request_duration_seconds_bucket{route="/api/v1/klines/{symbol}",le="0.5"} 3
        http_request_duration_seconds_bucket{route="/api/v1/klines/{symbol}",le="2.5"} 4
        http_request_duration_seconds_bucket{route="/api/v1/klines/{symbol}",le="+Inf"} 5
        http_request_duration_seconds_sum{route="/api/v1/klines/{symbol}"} 4.15
        http_request_duration_seconds_count{route="/api/v1/klines/{symbol}"} 5
        http_request_duration_seconds_bucket{route="/metrics",le="0.1"} 0
        http_request_duration_seconds_bucket{route="/metrics",le="0.5"} 0
        http_request_duration_seconds_bucket{route="/metrics",le="2.5"} 0
        http_request_duration_seconds_bucket{route="/metrics",le="+Inf"} 0
        http_request_duration_seconds_sum{route="/metrics"} 0
        http_request_duration_seconds_count{route="/metrics"} 0
        # HELP http_requests_total HTTP requests served.
        # TYPE http_requests_total counter
        http_requests_total{method="GET",status="200"} 42
        http_requests_total{method="POST",status="500"} 0.5
        http_requests_total{method="odd \"quoted\" \\ back",status="line\nbreak"} 1
        # HELP lookout_build_info Build information.
        # TYPE lookout_build_info gauge
        lookout_build_info{version="1.2.0",swift="6.3.1"} 1
        # HELP queue_depth Items waiting.
        # TYPE queue_depth gauge
        queue_depth 0
        # HELP room_temperature_celsius Temperature "inside",\nby room \\ floor.
        # TYPE room_temperature_celsius gauge
        room_temperature_celsius{room="kitchen"} 21.5
        room_temperature_celsius{room="cellar"} -3
        room_temperature_celsius{room="attic"} +Inf
        room_temperature_celsius{room="garage"} NaN
        # HELP service_phase Lifecycle phase.
        # TYPE service_phase gauge
        service_phase{service_phase="starting"} 0
        service_phase{service_phase="serving"} 1
        service_phase{service_phase="draining"} 0

        """#

    static let liveOpenMetrics = #"""
        # TYPE http_request_duration_seconds histogram
        # UNIT http_request_duration_seconds seconds
        # HELP http_request_duration_seconds Request latency.
        http_request_duration_seconds_bucket{route="/api/v1/klines/{symbol}",le="0.1"} 2
        http_request_duration_seconds_bucket{route="/api/v1/klines/{symbol}",le="0.5"} 3
        http_request_duration_seconds_bucket{route="/api/v1/klines/{symbol}",le="2.5"} 4
        http_request_duration_seconds_bucket{route="/api/v1/klines/{symbol}",le="+Inf"} 5
        http_request_duration_seconds_count{route="/api/v1/klines/{symbol}"} 5
        http_request_duration_seconds_sum{route="/api/v1/klines/{symbol}"} 4.15
        http_request_duration_seconds_bucket{route="/metrics",le="0.1"} 0
        http_request_duration_seconds_bucket{route="/metrics",le="0.5"} 0
        http_request_duration_seconds_bucket{route="/metrics",le="2.5"} 0
        http_request_duration_seconds_bucket{route="/metrics",le="+Inf"} 0
        http_request_duration_seconds_count{route="/metrics"} 0
        http_request_duration_seconds_sum{route="/metrics"} 0
        # TYPE http_requests counter
        # HELP http_requests HTTP requests served.
        http_requests_total{method="GET",status="200"} 42
        http_requests_total{method="POST",status="500"} 0.5
        http_requests_total{method="odd \"quoted\" \\ back",status="line\nbreak"} 1
        # TYPE lookout_build info
        # HELP lookout_build Build information.
        lookout_build_info{version="1.2.0",swift="6.3.1"} 1
        # TYPE queue_depth gauge
        # HELP queue_depth Items waiting.
        queue_depth 0
        # TYPE room_temperature_celsius gauge
        # UNIT room_temperature_celsius celsius
        # HELP room_temperature_celsius Temperature \"inside\",\nby room \\ floor.
        room_temperature_celsius{room="kitchen"} 21.5
        room_temperature_celsius{room="cellar"} -3
        room_temperature_celsius{room="attic"} +Inf
        room_temperature_celsius{room="garage"} NaN
        # TYPE service_phase stateset
        # HELP service_phase Lifecycle phase.
        service_phase{service_phase="starting"} 0
        service_phase{service_phase="serving"} 1
        service_phase{service_phase="draining"} 0
        # EOF

        """#

    static let collectedText = #"""
        # HELP job_wait_seconds Time jobs waited.
        # TYPE job_wait_seconds histogram
        job_wait_seconds_bucket{le="0.25"} 3
        job_wait_seconds_bucket{le="1.0"} 4
        job_wait_seconds_bucket{le="+Inf"} 4
        job_wait_seconds_sum 1.125
        job_wait_seconds_count 4
        # HELP jobs_processed_total Jobs processed.
        # TYPE jobs_processed_total counter
        jobs_processed_total{queue="emails"} 17

        """#

    static let collectedOpenMetrics = #"""
        # TYPE job_wait_seconds histogram
        # UNIT job_wait_seconds seconds
        # HELP job_wait_seconds Time jobs waited.
        job_wait_seconds_bucket{le="0.25"} 3
        job_wait_seconds_bucket{le="1.0"} 4 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 0.5 1700000001
        job_wait_seconds_bucket{le="+Inf"} 4
        job_wait_seconds_count 4
        job_wait_seconds_sum 1.125
        job_wait_seconds_created 1699999500.5
        # TYPE jobs_processed counter
        # HELP jobs_processed Jobs processed.
        jobs_processed_total{queue="emails"} 17 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 1 1700000000.25
        jobs_processed_created{queue="emails"} 1699999000
        # EOF

        """#
}
