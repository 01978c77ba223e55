/// The simulated exchange's static market: the universe, each instrument's price model,
/// and the request-independent policies the endpoints share. Immutable and `Sendable`.
struct MarketData: Sendable {
    let universe: InstrumentUniverse
    let limitPolicy: LimitPolicy
    private let models: [String: InstrumentModel]

    init(universe: InstrumentUniverse, limitPolicy: LimitPolicy) {
        self.universe = universe
        self.limitPolicy = limitPolicy
        var models: [String: InstrumentModel] = [:]
        for instrument in universe.instruments { models[instrument.key] = InstrumentModel(instrument) }
        self.models = models
    }

    /// The model of `symbol` in `category`; `nil` for unknown or lower-case symbols.
    func model(category: MarketCategory, symbol: String) -> InstrumentModel? {
        models["\(category)/\(symbol)"]
    }

    /// The `limit` parameter: `defaultValue` when absent, `nil` when not an integer or (with
    /// ``LimitPolicy/reject``) outside `1...maximum`; clamped into range with ``LimitPolicy/clamp``.
    func limit(_ text: String?, default defaultValue: Int, maximum: Int) -> Int? {
        guard let text else { return defaultValue }
        guard let value = Int(text) else { return nil }
        switch limitPolicy {
        case .reject: return (1...maximum).contains(value) ? value : nil
        case .clamp: return min(max(value, 1), maximum)
        }
    }
}

/// What the endpoint produced before faults and headers are applied.
struct EndpointReply: Sendable {
    var status: Int
    /// The body's `retCode`, for statistics; `nil` for non-JSON bodies.
    var retCode: Int64?
    var body: [UInt8]

    static func error(_ error: ExchangeError, time: Int64, status: Int = 200) -> EndpointReply {
        EndpointReply(status: status, retCode: error.retCode, body: ResponseEnvelope.error(error, time: time))
    }
}
