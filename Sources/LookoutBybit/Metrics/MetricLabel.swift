/// The bounded label values ``BybitClientMetrics`` records: every function maps an open
/// value (an HTTP status, a retCode, a symbol count) to a small fixed set, so no input can
/// create unbounded series.
enum MetricLabel {
    /// The label for "no value": no response, no envelope, no category.
    static let none = "none"

    /// HTTP statuses that get their own label value; any other becomes its class (`5xx`).
    private static let namedStatuses: Set<Int> = [200, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504]

    /// retCodes a market-data client meets (documented or observed); any other is `other`.
    private static let namedRetCodes: Set<Int> = [0, 5004, 10000, 10001, 10002, 10006, 10016, 10017, 10018, 10029, 170121, 181001]

    /// The `status` label: the code for common statuses, else its class, `none` without a
    /// response.
    static func status(_ status: Int?) -> String {
        guard let status else { return none }
        if namedStatuses.contains(status) { return String(status) }
        guard (100...599).contains(status) else { return "other" }
        return "\(status / 100)xx"
    }

    /// The `ret_code` label: the code for known retCodes, `other` for the rest, `none`
    /// without an envelope.
    static func retCode(_ retCode: Int?) -> String {
        guard let retCode else { return none }
        return namedRetCodes.contains(retCode) ? String(retCode) : "other"
    }

    /// The `category` label.
    static func category(_ category: BybitCategory?) -> String {
        category?.rawValue ?? none
    }

    /// The `size` label of a batch with `symbols` symbols: `1`, `2-5`, `6-20`, `21-100`
    /// or `101+`.
    static func batchSize(_ symbols: Int) -> String {
        switch symbols {
        case ...1: "1"
        case 2...5: "2-5"
        case 6...20: "6-20"
        case 21...100: "21-100"
        default: "101+"
        }
    }
}
