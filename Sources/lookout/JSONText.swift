import LookoutHTTPTypes

/// JSON text for the CLI's own outputs (`lookout fetch --format json`, JSON log lines).
enum JSONText {
    /// `text` as a JSON string literal through the shared `JSONString` encoder, with DEL
    /// escaped too so that terminal output carries no control bytes.
    static func quoted(_ text: String) -> String {
        JSONString.quoted(text, escapingDelete: true)
    }
}
