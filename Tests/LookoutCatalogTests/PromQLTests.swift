import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator

@Suite("PromQL")
struct PromQLTests {
    @Test("interpolated declarations render sample names and record references")
    func interpolation() {
        let expr: PromQL = "sum(rate(\(ShopFixture.requests.matching("code", .regex("5..")))[5m])) / sum(rate(\(ShopFixture.duration.count)[5m])) > \(0.5) and \(ShopFixture.errors.recorded) > \(1)"
        #expect(expr.text == #"sum(rate(shop_requests_total{code=~"5.."}[5m])) / sum(rate(shop_request_duration_seconds_count[5m])) > 0.5 and job:shop_request_errors:ratio_rate5m > 1"#)
        #expect(expr.referencedMetrics.map(\.familyName) == ["shop_requests", "shop_request_duration_seconds", "shop_requests", "shop_requests"])
    }

    @Test("label values are escaped", arguments: [
        (LabelMatch.equal(#"a"b\c"#), #"l="a\"b\\c""#),
        (.notRegex("x|y"), #"l!~"x|y""#),
        (.notEqual("line\nbreak"), #"l!="line\nbreak""#),
    ])
    func escaping(_ match: LabelMatch, _ expected: String) {
        #expect(LabelMatcher("l", match).description == expected)
    }

    @Test("recorded series name the derived rules")
    func recordedNames() {
        #expect(ShopFixture.requests.rate5m.description == "job:shop_requests:rate5m")
        #expect(ShopFixture.duration.p99.description == #"job_quantile:shop_request_duration_seconds:histogram_quantile{quantile="0.99"}"#)
        #expect(ShopFixture.availability.errorRatio(over: .period).description == "job:shop_availability_sli_error:ratio_rate28d")
        #expect(ShopFixture.payments.errorRatio(over: .period).description == "job:shop_payments_sli_error:ratio_rate30d")
        #expect(ShopFixture.availability.errorBudgetRemaining.description == "job:shop_availability_error_budget_remaining:ratio")
        #expect(ProcessMetrics.fileDescriptorUsage.recorded.description == "job_instance:process_fd_usage:ratio")
    }

    @Test("durations use Prometheus' compact form", arguments: [
        (PromDuration.seconds(0), "0s"), (.seconds(90), "1m30s"), (.minutes(5), "5m"), (.hours(36), "1d12h"), (.days(28), "28d"),
    ])
    func durations(_ duration: PromDuration, _ expected: String) {
        #expect(duration.description == expected)
    }
}
