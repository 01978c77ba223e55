/// "Inject `fault` into the requests `trigger` selects (on `paths`, if given)."
///
/// ```swift
/// // Every 5th kline request gets HTTP 200 + retCode 10006.
/// FaultRule(.rateLimited, trigger: .everyNth(5), paths: ["/v5/market/kline"])
/// // The next 3 requests to any path take 30 s before the headers.
/// FaultRule(.delay(.seconds(30)), trigger: .nextRequests(3))
/// ```
public struct FaultRule: Sendable, Hashable, CustomStringConvertible {
    /// What goes wrong.
    public var fault: Fault
    /// Which matching requests it happens to.
    public var trigger: RequestTrigger
    /// The request paths (without query) the rule applies to; `nil` means every path.
    public var paths: Set<String>?

    /// Creates a rule.
    public init(_ fault: Fault, trigger: RequestTrigger, paths: Set<String>? = nil) {
        self.fault = fault
        self.trigger = trigger
        self.paths = paths
    }

    /// E.g. `rateLimited on every 5th request`.
    public var description: String { "\(fault) on \(trigger)" }

    func matches(path: String) -> Bool { paths?.contains(path) ?? true }
}
