/// Expressions the parser must accept or reject, each also checked against promtool 2.42
/// (``PromQLParserTests``): what Prometheus accepts as a rule expression, we accept.
enum PromQLCorpus {
    /// Parsed and type-checked without error.
    static let valid: [String] = [
        "1", "-1", "+1", ".5", "5.", "1e3", "1E-3", "0x1F", "010", "09", "Inf", "-inf", "NaN", "nAn",
        "foo", "foo:bar", "sum", "by", "offset", "start", "Infinity",
        #"foo{}"#, #"foo{job="a",}"#, #"{job="a"}"#, #"{job=~".+"}"#, #"{__name__="foo"}"#, #"foo{job!="a", code=~"5..", path!~"/x.*"}"#,
        #"foo{job='a'}"#, "foo{job=`a\\b`}", #"foo{job="a\"b\\c\n\t\x41\u00e9\101"}"#, #"foo{by="x", offset="y"}"#,
        "rate(foo[5m])", "rate(foo[ 5m ])", "rate(foo[1h30m])", "rate(foo[1y2w3d4h5m6s7ms])", "irate(foo[90s])",
        "rate(foo[5m] offset 1m)", "rate(foo[5m] offset -1m)", "foo offset 5m", "foo @ 100", "foo @ -1.5", "foo @ start()",
        "foo @ end() offset 5m", "foo offset 5m @ 100",
        "max_over_time(rate(foo[5m])[1h:1m])", "max_over_time(rate(foo[5m])[1h:])", "max_over_time(rate(foo[5m])[1h:1m] offset 1h)",
        "max_over_time(sum(foo)[10m:])", "min_over_time(foo[5m :1m])",
        "1 + 2", "1 > bool 2", "foo > 1", "1 < foo", "foo > bool 1", "foo == foo", "foo != bool foo",
        "2 ^ 3 ^ 2", "-2 ^ 2", "2 ^ -1", "10 - 2 - 3", "2 atan2 3 * 4", "foo atan2 bar", "foo % 2",
        "foo and bar", "foo or bar unless baz", "foo AND bar", "foo and on(job) bar", "foo unless ignoring(instance) bar",
        "foo * on(job) group_left(team) bar", "foo * on(job) group_left bar", "foo / ignoring(code) group_right() bar",
        "foo * on() bar", "foo * on(job,) bar", "foo > bool on(x) bar", "foo * ignoring(a) group_left(a) bar",
        "sum(foo)", "sum by (job) (foo)", "sum(foo) by (job)", "sum without (instance) (foo)", "SUM BY (job) (foo)", "Sum(foo)",
        "sum by () (foo)", "sum by (job,) (foo)", "sum by (offset, and, by) (foo)", "avg(foo)", "group(foo)", "stddev(foo)", "stdvar(foo)",
        "count(foo)", "min(foo)", "max(foo)", "topk(5, foo)", "bottomk(1, foo)", "quantile(0.9, foo)", #"count_values("value", foo)"#,
        "topk(scalar(bar), foo)",
        "histogram_quantile(0.99, sum by (le) (rate(foo_bucket[5m])))", "histogram_fraction(0, 0.25, foo)",
        #"label_replace(foo, "dst", "$1", "src", "(.*)")"#, #"label_join(foo, "dst", ",", "a", "b", "c")"#, #"label_join(foo, "dst", ",", "a")"#, #"label_join(foo, "dst", ",")"#,
        "clamp(foo, 0, 1)", "clamp_max(foo, 1)", "clamp_min(foo, 0)", "round(foo)", "round(foo, 0.5)",
        "vector(1)", "scalar(foo)", "time()", "pi()", "time() - foo", "day_of_week()", "hour(foo)", "year(vector(time()))",
        "abs(foo)", "absent(foo)", "absent_over_time(foo[5m])", "changes(foo[15m]) > 0", "deriv(foo[5m])", "delta(foo[5m])",
        "holt_winters(foo[5m], 0.5, 0.5)", "predict_linear(foo[1h], 3600) < 0", "quantile_over_time(0.5, foo[5m])",
        "sort_desc(foo)", "timestamp(foo)", "present_over_time(foo[5m])", "last_over_time(foo[5m])",
        "(foo)", "((1 + 2))", "-foo", "-(foo)", "-rate(foo[5m])", "foo # a comment", "foo\n  + bar",
        #"sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05"#,
        "1 - job:x_sli_error:ratio_rate28d{job=~\"app\"}",
    ]

    /// Rejected by Prometheus 2.42's parser (promtool check rules fails on each).
    static let invalid: [String] = [
        "", "   ", "foo >> bar", "foo an bar", "foo bar", "rate(foo[5mm])", "rate(foo[5M])", "rate(foo[1.5h])", "rate(foo[5])",
        "rate(foo[30m1h])", "rate(foo[0s])", "foo[5m:0s]", "1_000", "0b101", "1e", "5x",
        "rate(foo)", "rate(foo[5m], 1)", "rate()", "RATE(foo[5m])", "rte(foo[5m])", "foo(bar)", "sum(foo[5m])", "abs(foo[5m])",
        "round(foo, foo)", "histogram_quantile(foo, bar)", "clamp(foo, 1)", "label_replace(foo, 1, 2, 3, 4)",
        "vector(foo)", "scalar(1)", "time(1)", "predict_linear(foo, 1)", "count_values(1, foo)", "topk(\"a\", foo)",
        "sum()", "sum(foo, bar)", "topk(foo)", "topk(1, 2, foo)", "sum by (job) (foo) by (job)", "sum by (a:b) (foo)",
        "sum(foo,)", "rate(foo[5m],)", "foo{job=\"a\"", "foo{job=a}", "foo{job==\"a\"}", "foo{a:b=\"c\"}", "{}", "{job=\"\"}",
        "{job=~\".*\"}", "foo{__name__=\"bar\"}", "foo{job=~\"(\"}", "foo{job=~\"a(?=b)\"}", "foo{job='a\\\"b'}", "foo{job=\"a\\qb\"}",
        "foo{job=\"a\nb\"}", "\"unterminated", "foo[5m][10m:]", "1[10m:]", "(foo)[5m]", "sum(foo)[5m]", "foo offset 1m [5m]",
        "foo @ 100 [5m]", "sum(foo) offset 5m", "(foo) offset 5m", "rate(foo[5m]) offset 5m", "foo offset 5", "foo offset 0s",
        "foo offset 1m offset 2m", "foo @ 1 @ 2", "foo @ time()", "foo @ (100)", "foo @ \"100\"", "foo @ Inf", "foo @ NaN",
        "1 > 2", "1 and 2", "foo and 1", "1 or foo", "foo + bool bar", "foo and bool bar", "foo > on(x) bool bar",
        "foo * group_left bar", "foo * on(job) group_left(job) bar", "foo and on(job) group_left bar", "1 * on(job) foo",
        "foo + rate(foo[5m])[5m:]", "foo[5m] + 1", "\"a\" + 1", "-foo[5m]", "-\"a\"", "foo + ", "* foo", "foo )", "(foo",
        "foo{}}", "bool", "on", "foo + on", "atan2", "5m", "1 + 5m", "foo = bar", "foo ! bar",
    ]

    /// Parsed by Prometheus (so `promtool check rules` passes) but not a rule result: rules
    /// must return an instant vector or a scalar, or evaluation fails.
    static let notRuleResults: [String] = ["foo[5m]", "foo[5m] @ 1609746000", "\"text\"", "rate(foo[5m])[1h:]"]
}
