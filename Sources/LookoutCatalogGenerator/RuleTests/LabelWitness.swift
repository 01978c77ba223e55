import LookoutCatalog

/// Finds label values that satisfy or violate PromQL label matchers, so SLO rule tests can
/// be generated from the SLO's selectors (`code=~"5.."` → a bad series with `code="500"`
/// and a good one with `code="ok"`).
///
/// Regular expressions are matched with Swift's `Regex`, which agrees with RE2 on the
/// simple patterns label matchers use; a pattern Swift cannot parse yields `nil`.
enum LabelWitness {
    /// Whether `value` satisfies `match` (PromQL regexes are fully anchored), or `nil` if
    /// the pattern cannot be evaluated.
    static func satisfies(_ value: String, _ match: LabelMatch) -> Bool? {
        switch match.operator {
        case .equal: return value == match.value
        case .notEqual: return value != match.value
        case .regex, .notRegex:
            guard let regex = try? Regex(match.value) else { return nil }
            let matched = (try? regex.wholeMatch(in: value)) != nil
            return match.operator == .regex ? matched : !matched
        }
    }

    /// A value satisfying every match in `required` and, if given, violating `violated`;
    /// `nil` if none of the candidates works.
    static func value(satisfying required: [LabelMatch], violating violated: LabelMatch? = nil) -> String? {
        var candidates: [String] = []
        for match in required + (violated.map { [$0] } ?? []) {
            switch match.operator {
            case .equal, .notEqual: candidates.append(match.value)
            case .regex, .notRegex: if let example = example(of: match.value) { candidates.append(example) }
            }
        }
        candidates += ["ok", "500", "x", "0", "other", "lookout_test", ""]
        for candidate in candidates {
            let meetsAll = required.allSatisfy { satisfies(candidate, $0) == true }
            let breaks = violated.map { satisfies(candidate, $0) == false } ?? true
            if meetsAll && breaks { return candidate }
        }
        return nil
    }

    /// A string the RE2 `pattern` matches, built from its first alternative: `.` as `0`,
    /// a class as its first member, optional atoms dropped, `{n}` repeated. Good enough for
    /// label patterns; the caller verifies the result.
    static func example(of pattern: String) -> String? {
        let characters = Array(pattern)
        var index = 0
        return sequence(characters, &index)
    }

    private static func sequence(_ characters: [Character], _ index: inout Int) -> String? {
        var output = ""
        var lastAtomStart = output.endIndex
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "|":
                // Keep the first alternative: skip to the end of this group.
                var depth = 0
                while index < characters.count {
                    if characters[index] == "(" { depth += 1 }
                    if characters[index] == ")" { if depth == 0 { return output }; depth -= 1 }
                    if characters[index] == "\\" { index += 1 }
                    index += 1
                }
                return output
            case ")":
                return output
            case "^", "$":
                index += 1
                continue
            case "(":
                index += 1
                if index + 1 < characters.count, characters[index] == "?", characters[index + 1] == ":" { index += 2 }
                lastAtomStart = output.endIndex
                guard let inner = sequence(characters, &index) else { return nil }
                output += inner
                index += 1 // the ")"
            case "[":
                lastAtomStart = output.endIndex
                guard let member = classMember(characters, &index) else { return nil }
                output.append(member)
            case "\\":
                lastAtomStart = output.endIndex
                index += 1
                guard index < characters.count else { return nil }
                switch characters[index] {
                case "d": output += "0"
                case "w": output += "a"
                case "s": output += " "
                default: output.append(characters[index])
                }
                index += 1
            case ".":
                lastAtomStart = output.endIndex
                output += "0"
                index += 1
            case "?", "*":
                output.removeSubrange(lastAtomStart...)
                index += 1
                if index < characters.count, characters[index] == "?" { index += 1 }
            case "+":
                index += 1
                if index < characters.count, characters[index] == "?" { index += 1 }
            case "{":
                guard let close = characters[index...].firstIndex(of: "}") else { return nil }
                let bounds = String(characters[(index + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
                guard let minimum = bounds.first.flatMap({ Int($0) }) else { return nil }
                let atom = String(output[lastAtomStart...])
                output.removeSubrange(lastAtomStart...)
                output += String(repeating: atom, count: minimum)
                index = close + 1
            default:
                lastAtomStart = output.endIndex
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// The first member of the class starting at `index` (or, for `[^...]`, a common
    /// character outside it), leaving `index` after the `]`.
    private static func classMember(_ characters: [Character], _ index: inout Int) -> Character? {
        index += 1
        let negated = index < characters.count && characters[index] == "^"
        if negated { index += 1 }
        var members: [Character] = []
        var first = true
        while index < characters.count, characters[index] != "]" || first {
            var member = characters[index]
            if member == "\\", index + 1 < characters.count {
                index += 1
                member = characters[index] == "d" ? "0" : characters[index]
            }
            members.append(member)
            first = false
            index += 1
        }
        guard index < characters.count else { return nil }
        index += 1
        if negated { return "ax0_-.".first { !members.contains($0) } }
        return members.first
    }
}
