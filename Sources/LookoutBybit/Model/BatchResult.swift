/// The outcome of a multi-symbol fetch: one result per distinct symbol, in request order.
/// One symbol failing does not fail the others.
public struct BatchResult<Value: Sendable>: Sendable {
    /// One symbol's outcome.
    public struct Entry: Sendable {
        /// The symbol.
        public var symbol: String
        /// Its value, or the error that symbol hit.
        public var result: Result<Value, BybitError>
    }

    /// Every symbol's outcome, in the order the symbols were given (duplicates removed).
    public var entries: [Entry]
    /// Wall time of the whole batch.
    public var duration: Duration

    /// The successful symbols and their values, in request order.
    public var values: [(symbol: String, value: Value)] {
        entries.compactMap { entry in (try? entry.result.get()).map { (entry.symbol, $0) } }
    }

    /// The failed symbols and their errors, in request order.
    public var failures: [(symbol: String, error: BybitError)] {
        entries.compactMap { entry in
            if case .failure(let error) = entry.result { (entry.symbol, error) } else { nil }
        }
    }

    /// The result for `symbol`, or `nil` if it was not in the batch.
    public subscript(symbol: String) -> Result<Value, BybitError>? {
        entries.first { $0.symbol == symbol }?.result
    }
}
