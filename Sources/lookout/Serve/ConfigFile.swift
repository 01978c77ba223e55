import Foundation

/// The `lookout serve` config file: one JSON object whose keys are setting names.
///
/// ```json
/// {"host": "0.0.0.0", "port": 9180, "log_level": "info", "log_format": "json",
///  "shutdown_grace": 10, "max_connections": 1024, "event_loops": 2, "synthetic_series": 0}
/// ```
/// Every key is optional; an unknown key is an error (a typo would otherwise be ignored
/// silently).
enum ConfigFile {
    /// A JSON value at the top level of the config object.
    enum Value: Sendable, Equatable, CustomStringConvertible, Decodable {
        case string(String)
        case integer(Int)
        case number(Double)
        case bool(Bool)
        /// `null`, an array or an object: never a valid setting.
        case other

        /// Decodes through ``JSONValue`` (one JSON decoder for the whole config file) and keeps
        /// the scalars a setting can be.
        init(from decoder: any Decoder) throws {
            switch try JSONValue(from: decoder) {
            case .bool(let flag): self = .bool(flag)
            case .integer(let number): self = .integer(number)
            case .number(let number): self = .number(number)
            case .string(let text): self = .string(text)
            case .null, .array, .object: self = .other
            }
        }

        /// The value as setting text if it has the JSON type the setting needs.
        func text(as type: SettingSpec.JSONType) -> String? {
            switch (self, type) {
            case (.string(let text), .string): text
            case (.integer(let number), .integer), (.integer(let number), .number): String(number)
            case (.number(let number), .number): String(number)
            default: nil
            }
        }

        var description: String {
            switch self {
            case .string(let text): "the string \"\(text)\""
            case .integer(let number): "the number \(number)"
            case .number(let number): "the number \(number)"
            case .bool(let flag): "\(flag)"
            case .other: "null, an array or an object"
            }
        }
    }

    /// The keys and values of the config file at `path` with contents `bytes`.
    ///
    /// - Throws: ``CommandLineError`` if it is not a JSON object or has an unknown key.
    static func parse(_ bytes: [UInt8], path: String) throws(CommandLineError) -> [String: Value] {
        // JSON text is UTF-8 (RFC 8259). Checked first: Foundation validates strings only as
        // it decodes them, in dictionary order, so invalid bytes in a nested key otherwise
        // gave a different error from run to run.
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw CommandLineError("config file '\(path)' is not UTF-8 text")
        }
        // Parsed whole first, for the same reason: unescaped control characters in a nested
        // string were also found only when their key's turn came.
        guard (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil else {
            throw CommandLineError("config file '\(path)' is not a JSON object of settings (The given data was not valid JSON.)")
        }
        let values: [String: Value]
        do {
            values = try JSONDecoder().decode([String: Value].self, from: Data(bytes))
        } catch {
            throw CommandLineError("config file '\(path)' is not a JSON object of settings (\(Self.reason(error)))")
        }
        let known = SettingSpec.all.map(\.key) + [RateLimitSettings.key]
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw CommandLineError("config file '\(path)': unknown key '\(unknown)'; known keys: \(known.joined(separator: ", "))")
        }
        return values
    }

    /// Reads the file at `path`.
    static func read(_ path: String) throws(CommandLineError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandLineError("cannot read config file '\(path)': it does not exist or is not readable")
        }
        return Array(data)
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.underlyingError.map { "\($0)" } ?? context.debugDescription
        case DecodingError.typeMismatch: "the top level must be an object"
        default: "\(error)"
        }
    }
}
