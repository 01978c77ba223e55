extension BybitClient {
    /// Follows `nextPageCursor` from `first` until a page has none (or no rows), collecting
    /// what `fetch` returns; at most `maxPages` pages, and a cursor seen twice is an error
    /// rather than a loop.
    func followCursor<Row>(
        endpoint: BybitEndpoint, symbol: String, maxPages: Int = 1000,
        fetch: (String?) async throws(BybitError) -> (rows: [Row], next: String?)
    ) async throws(BybitError) -> [[Row]] {
        var pages: [[Row]] = []
        var cursor: String?
        var seen: Set<String> = []
        for _ in 0..<maxPages {
            let (rows, next) = try await fetch(cursor)
            pages.append(rows)
            guard let next, !rows.isEmpty else { return pages }
            guard seen.insert(next).inserted else {
                events.callFailed(endpoint: endpoint, code: .malformedResponse)
                throw BybitError(code: .malformedResponse, message: "\(endpoint.path) returned the cursor '\(next)' twice; stopping instead of looping", symbol: symbol)
            }
            cursor = next
        }
        throw BybitError(code: .malformedResponse, message: "\(endpoint.path) kept returning a next page after \(maxPages) pages; stopping", symbol: symbol)
    }
}
