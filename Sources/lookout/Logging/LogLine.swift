#if canImport(Glibc)
import Glibc
#endif

/// One field of a structured log line.
struct LogField: Sendable, Hashable {
    /// A field value; numbers stay numbers in JSON.
    enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int)
        case number(Double)
        case bool(Bool)
    }

    let key: String
    let value: Value

    init(_ key: String, _ value: String) { self.init(key, .string(value)) }
    init(_ key: String, _ value: Int) { self.init(key, .integer(value)) }
    init(_ key: String, _ value: Double) { self.init(key, .number(value)) }
    init(_ key: String, _ value: Bool) { self.init(key, .bool(value)) }
    init(_ key: String, _ value: Value) {
        self.key = key
        self.value = value
    }
}

/// Renders structured log lines. Pure and deterministic: the same input gives the same
/// bytes, with `time`, `level` and `msg` first and the fields in the order given.
enum LogLine {
    /// The line (with its trailing newline) for `message` at `level`, stamped `time`.
    static func render(time: String, level: LogLevel, message: String, fields: [LogField], format: LogFormat) -> String {
        var line = ""
        line.reserveCapacity(160)
        switch format {
        case .logfmt:
            line += "time=" + time + " level=" + level.name + " msg="
            appendLogfmt(message, to: &line)
            for field in fields {
                line += " " + field.key + "="
                switch field.value {
                case .string(let text): appendLogfmt(text, to: &line)
                case .integer(let number): line += String(number)
                case .number(let number): line += formatted(number)
                case .bool(let flag): line += flag ? "true" : "false"
                }
            }
        case .json:
            line += "{\"time\":\"" + time + "\",\"level\":\"" + level.name + "\",\"msg\":"
            line += JSONText.quoted(message)
            for field in fields {
                line += ","
                line += JSONText.quoted(field.key)
                line += ":"
                switch field.value {
                case .string(let text): line += JSONText.quoted(text)
                case .integer(let number): line += String(number)
                case .number(let number): line += number.isFinite ? formatted(number) : "null"
                case .bool(let flag): line += flag ? "true" : "false"
                }
            }
            line += "}"
        }
        line += "\n"
        return line
    }

    /// A number with at most six decimals and no trailing zeros (`0.000412`, `12.5`, `3`).
    static func formatted(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number > 0 ? "+Inf" : "-Inf") }
        let micros = (number * 1_000_000).rounded()
        guard abs(micros) < 9e15 else { return String(number) }
        let whole = Int(micros) / 1_000_000
        var fraction = abs(Int(micros) % 1_000_000)
        let sign = micros < 0 && whole == 0 ? "-" : ""
        guard fraction != 0 else { return sign + String(whole) }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
    }

    /// A logfmt value: bare when it is a non-empty run of safe characters, else quoted
    /// with `"`, `\` and control characters escaped.
    private static func appendLogfmt(_ value: String, to line: inout String) {
        let bare = !value.isEmpty && value.utf8.allSatisfy { $0 > 0x20 && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "\"") && $0 != 0x7F }
        guard !bare else {
            line += value
            return
        }
        line += JSONText.quoted(value)
    }

    /// The wall-clock time as RFC 3339 in UTC with milliseconds: `2026-01-31T23:59:07.125Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2)
            + "T" + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2)
            + "." + pad(Int32(now.tv_nsec / 1_000_000), 3) + "Z"
    }
}
