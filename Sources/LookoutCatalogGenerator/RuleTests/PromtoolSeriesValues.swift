import LookoutCatalog

/// Checks promtool's expanding notation for test series values.
enum PromtoolSeriesValues {
    /// Why `values` is not valid notation, or `nil`.
    static func problem(in values: String) -> String? {
        // `_`, `stale`, `_xN`, a number, or `a+bxN` / `a-bxN` / `axN`.
        let token = #/(_|stale|_x\d+|[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?([-+](\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?)?(x\d+)?)/#
        let tokens = values.split(separator: " ")
        guard !tokens.isEmpty else { return "no values; write for example '0+10x30' (promtool's expanding notation)" }
        for tokenText in tokens where (try? token.wholeMatch(in: String(tokenText))) == nil {
            return "'\(tokenText)' is not promtool notation (a number, 'a+bxN', 'axN', '_', '_xN' or 'stale')"
        }
        return nil
    }
}
