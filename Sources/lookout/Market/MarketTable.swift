import LookoutBybit

/// Rows of one market command's answer, rendered as an aligned table, CSV or JSON.
///
/// Decimals keep the exchange's digits in every format (JSON writes them as strings);
/// times are milliseconds in CSV and JSON (CSV adds a `<name>_utc` column) and ISO 8601
/// UTC in the table. A missing value is empty in CSV, `null` in JSON and `-` in the table.
struct MarketTable {
    /// One value.
    enum Cell {
        case text(String)
        case decimal(ExactDecimal?)
        case integer(Int64?)
        case time(Int64?)
        case bool(Bool)
    }

    /// The output formats.
    enum Format: String {
        case table, csv, json
    }

    /// Column names in snake_case, e.g. `last_price`.
    var columns: [String]
    var rows: [[Cell]]

    func render(_ format: Format) -> String {
        switch format {
        case .csv: csv()
        case .json: json()
        case .table: table()
        }
    }

    private func csv() -> String {
        var header: [String] = []
        for (index, column) in columns.enumerated() {
            header.append(column)
            if case .time? = rows.first?[index] { header.append(column + "_utc") }
        }
        var text = header.joined(separator: ",") + "\n"
        for row in rows {
            var fields: [String] = []
            for cell in row {
                switch cell {
                case .text(let value): fields.append(Self.csvQuoted(value))
                case .decimal(let value): fields.append(value?.description ?? "")
                case .integer(let value): fields.append(value.map { String($0) } ?? "")
                case .time(let value): fields += [value.map { String($0) } ?? "", value.map(BybitTimestamp.format) ?? ""]
                case .bool(let value): fields.append(value ? "true" : "false")
                }
            }
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    private func json() -> String {
        var text = "["
        for (rowIndex, row) in rows.enumerated() {
            text += rowIndex == 0 ? "\n  {" : ",\n  {"
            for (index, cell) in row.enumerated() {
                if index > 0 { text += "," }
                text += JSONText.quoted(columns[index]) + ":"
                switch cell {
                case .text(let value): text += JSONText.quoted(value)
                case .decimal(let value): text += value.map { JSONText.quoted($0.description) } ?? "null"
                case .integer(let value), .time(let value): text += value.map { String($0) } ?? "null"
                case .bool(let value): text += value ? "true" : "false"
                }
            }
            text += "}"
        }
        return text + (rows.isEmpty ? "]\n" : "\n]\n")
    }

    private func table() -> String {
        let header = columns.map { $0.uppercased().replacingOccurrences(of: "_", with: " ") }
        var lines: [[String]] = [header]
        var numeric = [Bool](repeating: true, count: columns.count)
        for row in rows {
            lines.append(row.enumerated().map { index, cell in
                switch cell {
                case .text(let value): numeric[index] = false; return value
                case .decimal(let value): return value?.description ?? "-"
                case .integer(let value): return value.map { String($0) } ?? "-"
                case .time(let value): numeric[index] = false; return value.map(BybitTimestamp.format) ?? "-"
                case .bool(let value): numeric[index] = false; return value ? "yes" : "no"
                }
            })
        }
        let widths = columns.indices.map { index in lines.map { $0[index].count }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { index, value in
                let pad = String(repeating: " ", count: widths[index] - value.count)
                return numeric[index] ? pad + value : value + (index == line.count - 1 ? "" : pad)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    private static func csvQuoted(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
