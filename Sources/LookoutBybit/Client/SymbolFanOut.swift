/// Runs `fetch` once per distinct symbol, at most `maxConcurrency` at a time, and returns
/// each symbol's own result in the order the symbols were first given (duplicates are
/// fetched once). One failing symbol does not affect the others.
///
/// The parallel batch shape shared by ``BybitClient``'s `fetchMultipleSymbols` and the
/// candle cache's caching client.
package func fetchEachSymbol<Value: Sendable>(
    _ symbols: [String], maxConcurrency: Int,
    _ fetch: @escaping @Sendable (String) async throws(BybitError) -> Value
) async -> [(symbol: String, result: Result<Value, BybitError>)] {
    var seen: Set<String> = []
    let unique = symbols.filter { seen.insert($0).inserted }
    let parallel = max(1, maxConcurrency)
    var results = [Result<Value, BybitError>?](repeating: nil, count: unique.count)
    await withTaskGroup(of: (Int, Result<Value, BybitError>).self) { group in
        var next = 0
        func launch() {
            let index = next
            next += 1
            group.addTask {
                do throws(BybitError) { return (index, .success(try await fetch(unique[index]))) } catch { return (index, .failure(error)) }
            }
        }
        while next < unique.count && next < parallel { launch() }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < unique.count { launch() }
        }
    }
    return zip(unique, results).map { ($0, $1!) }
}
