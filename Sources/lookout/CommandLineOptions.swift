/// Hand-written parsing of `--name value`, `--name=value` and `--flag` arguments: the
/// root package has no dependencies, so no swift-argument-parser.
struct CommandLineOptions {
    /// What a subcommand accepts.
    struct Specification {
        /// Options that take a value, e.g. `port` for `--port 9100`.
        var valued: Set<String> = []
        /// Options that are flags, e.g. `verbose` for `--verbose`.
        var flags: Set<String> = []
        /// Whether positional arguments are allowed.
        var allowsPositionals = false
    }

    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `arguments` (without the program and subcommand names).
    /// - Throws: ``CommandLineError`` for an unknown option, a missing value or an
    ///   unexpected positional argument.
    init(_ arguments: [String], _ specification: Specification) throws(CommandLineError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                guard specification.allowsPositionals, !argument.hasPrefix("-") || argument == "-" else {
                    throw CommandLineError(argument.hasPrefix("-") ? "unknown option '\(argument)'" : "unexpected argument '\(argument)'")
                }
                positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if specification.flags.contains(name) {
                guard inlineValue == nil else { throw CommandLineError("option '--\(name)' takes no value") }
                flags.insert(name)
            } else if specification.valued.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else { throw CommandLineError("option '--\(name)' needs a value") }
                    value = arguments[index]
                    index += 1
                }
                values[name, default: []].append(value)
            } else {
                throw CommandLineError("unknown option '--\(name)'")
            }
        }
    }

    /// The last value given for `name`.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Whether the flag `name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `name` as an integer in `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(CommandLineError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw CommandLineError("option '--\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }
}

/// A usage error: printed as one line, exit status 2.
struct CommandLineError: Error, CustomStringConvertible {
    let description: String

    /// Control characters echoed from the input (a config key with a `\r`, found by
    /// `make fuzz`) are written escaped, so the message stays one readable line.
    init(_ description: String) {
        var line = ""
        for scalar in description.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: line += "\\u{\(String(scalar.value, radix: 16))}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        self.description = line
    }
}
