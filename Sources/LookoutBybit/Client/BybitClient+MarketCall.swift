extension BybitClient {
    /// Sends one call to a market endpoint and turns its parsed `result` into the caller's
    /// type with `assemble`. A `retCode` 0 whose result is missing or fails `assemble`'s
    /// checks is ``BybitError/Code/malformedResponse``, never an empty success. Counts the
    /// rows `assemble` reports for the metrics.
    func marketCall<Result, Value>(
        _ endpoint: BybitEndpoint, query: [(String, String)], symbol: String?, category: BybitCategory?,
        parse: (UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<Result>,
        assemble: (Result, _ serverTime: Int64) throws(ParseFailure) -> (value: Value, rows: Int)
    ) async throws(BybitError) -> Value {
        let call = BybitCall(endpoint: endpoint, query: query, symbol: symbol, category: category)
        let envelope = try await perform(call, parse: parse)
        do throws(ParseFailure) {
            guard let result = envelope.result else { throw ParseFailure(message: "the response has retCode 0 but no result") }
            let (value, rows) = try assemble(result, envelope.time ?? wallClockMilliseconds())
            events.rowsFetched(endpoint: endpoint, count: rows)
            return value
        } catch {
            events.callFailed(endpoint: endpoint, code: .malformedResponse)
            throw BybitError(code: .malformedResponse, message: error.message, retCode: envelope.retCode, retMsg: envelope.retMsg,
                             httpStatus: 200, symbol: symbol, request: "GET \(configuration.baseURL)\(endpoint.path)\(QueryString.encode(query))", attempts: 1)
        }
    }

    /// Checks the result named the symbol asked for.
    static func expect(symbol: String?, in result: String?, field: String) throws(ParseFailure) {
        guard let symbol, let result, result != symbol else { return }
        throw ParseFailure(message: "\(field) is \(result), but \(symbol) was asked for")
    }

    /// Checks the result named the category asked for.
    static func expect(category: BybitCategory, in result: BybitCategory?) throws(ParseFailure) {
        guard let result else { throw ParseFailure(message: "result.category is missing") }
        guard result == category else { throw ParseFailure(message: "result.category is \(result), but \(category) was asked for") }
    }
}
