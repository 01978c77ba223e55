/// The run-time-adjustable part of the simulator: rate limiting, latency, faults, headers.
///
/// Set it at construction in ``SimulatorConfiguration/behavior`` and change it while
/// serving with ``BybitSimulator/updateBehavior(_:)``. Replacing it restarts every rule's
/// trigger counting (a `.nextRequests(3)` rule fires for the next three requests after the
/// update); windows and bans are kept unless ``ipRateLimit`` changes.
public struct SimulatorBehavior: Sendable, Hashable {
    /// The per-IP request limit and ban.
    public var ipRateLimit: IPRateLimit
    /// Delay before every response's headers.
    public var latency: Latency
    /// Fault rules, evaluated in order for every request that is not banned.
    public var faults: [FaultRule]
    /// When `X-Bapi-*` headers are sent.
    public var bapiHeaders: BapiHeaders
    /// A limit answered with retCode 10006 instead of a ban; `nil` (the default) for none.
    public var apiRateLimit: APIRateLimit?

    /// Creates a behaviour; the defaults are a faithful, fault-free exchange.
    public init(
        ipRateLimit: IPRateLimit = IPRateLimit(), latency: Latency = .none,
        faults: [FaultRule] = [], bapiHeaders: BapiHeaders = BapiHeaders(), apiRateLimit: APIRateLimit? = nil
    ) {
        self.ipRateLimit = ipRateLimit
        self.latency = latency
        self.faults = faults
        self.bapiHeaders = bapiHeaders
        self.apiRateLimit = apiRateLimit
    }

    /// Checks every setting.
    ///
    /// - Throws: ``SimulatorConfigurationError`` with code
    ///   ``SimulatorConfigurationError/Code/invalidBehavior`` naming the bad setting.
    public func validate() throws(SimulatorConfigurationError) {
        try ipRateLimit.validate()
        try apiRateLimit?.validate()
        try latency.validate()
        for (index, rule) in faults.enumerated() {
            try rule.fault.validate(subject: "faults[\(index)]")
            try rule.trigger.validate(subject: "faults[\(index)]")
        }
        try bapiHeaders.presence?.validate(subject: "bapiHeaders.presence")
        guard bapiHeaders.limit >= 1 else {
            throw SimulatorConfigurationError(.invalidBehavior, subject: "bapiHeaders.limit", "must be at least 1")
        }
    }
}
