/// URL slugs and heading anchors: lowercase, letters and digits of any script, words joined by `-`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else if character == "-" || character == "_" || character.isWhitespace || character.isPunctuation || character.isSymbol {
                pendingDash = true
            }
        }
        return result
    }

    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } && !slug.hasPrefix("-")
    }
}
