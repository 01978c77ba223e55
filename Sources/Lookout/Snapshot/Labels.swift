/// A set of label name/value pairs, stored pre-rendered as the exposition formats write
/// them (`method="GET",status="200"`, escaped, without braces).
///
/// Series keep their labels in this form so exposition copies bytes instead of escaping
/// strings on every scrape. Values are any UTF-8; names are validated.
public struct Labels: Sendable, Hashable, CustomStringConvertible {
    /// The rendered, escaped pairs without braces; empty for no labels.
    let rendered: [UInt8]

    init(rendered: [UInt8]) {
        self.rendered = rendered
    }

    /// No labels.
    public static let empty = Labels(rendered: [])

    /// Labels from `(name, value)` pairs, in the order given.
    ///
    /// - Throws: ``MetricError/Code/invalidLabelName`` for an invalid or `__`-prefixed
    ///   name, ``MetricError/Code/duplicateLabelName`` for a repeated one.
    public init(_ pairs: KeyValuePairs<String, String>) throws(MetricError) {
        try self.init(names: pairs.map(\.key), values: pairs.map(\.value))
    }

    /// Labels from parallel `names` and `values` arrays.
    ///
    /// - Throws: as ``init(_:)``, and ``MetricError/Code/labelCountMismatch`` when the
    ///   arrays differ in length.
    public init(names: [String], values: [String]) throws(MetricError) {
        guard names.count == values.count else {
            throw MetricError(.labelCountMismatch, metric: "", "\(names.count) label names but \(values.count) values")
        }
        var seen = Set<String>()
        for name in names {
            guard MetricNaming.isValidLabelName(name) else {
                throw MetricError(.invalidLabelName, metric: "", "label name '\(name)' must match [a-zA-Z_][a-zA-Z0-9_]* and not start with '__'")
            }
            guard seen.insert(name).inserted else {
                throw MetricError(.duplicateLabelName, metric: "", "label name '\(name)' appears twice")
            }
        }
        self.rendered = Labels.render(names: names, values: values)
    }

    /// Renders already-validated names with `values`, leaving ``LabelKey/padding`` zeroed
    /// bytes of capacity past the end for word-sized loads during lookups.
    static func render<Values: Collection<String>>(names: [String], values: Values) -> [UInt8] {
        var bytes: [UInt8] = []
        let estimate = names.reduce(0) { $0 + $1.utf8.count + 4 } + values.reduce(0) { $0 + $1.utf8.count * 2 }
        bytes.reserveCapacity(estimate + LabelKey.padding)
        for (index, (name, value)) in zip(names, values).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(TextEscaping.quote)
            TextEscaping.appendLabelValue(value, to: &bytes)
            bytes.append(TextEscaping.quote)
        }
        return [UInt8](unsafeUninitializedCapacity: bytes.count + LabelKey.padding) { buffer, initialized in
            _ = buffer.initialize(fromContentsOf: bytes)
            buffer.baseAddress!.advanced(by: bytes.count).initialize(repeating: 0, count: LabelKey.padding)
            initialized = bytes.count
        }
    }

    /// Whether there are no labels.
    public var isEmpty: Bool { rendered.isEmpty }

    /// The pairs, in order, with values unescaped.
    public var pairs: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var index = rendered.startIndex
        while index < rendered.endIndex {
            guard let equals = rendered[index...].firstIndex(of: UInt8(ascii: "=")) else { break }
            let name = String(decoding: rendered[index..<equals], as: UTF8.self)
            var cursor = equals + 2 // skip `="`
            let valueStart = cursor
            while cursor < rendered.endIndex, rendered[cursor] != TextEscaping.quote {
                cursor += rendered[cursor] == TextEscaping.backslash ? 2 : 1
            }
            result.append((name, TextEscaping.unescapeLabelValue(rendered[valueStart..<cursor])))
            index = cursor + 2 // skip `",`
        }
        return result
    }

    /// The value of the label `name`, if present.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// `{name="value",...}`, or an empty string for no labels.
    public var description: String {
        rendered.isEmpty ? "" : "{" + String(decoding: rendered, as: UTF8.self) + "}"
    }
}
