/// Text made safe inside HTML or XML elements and quoted attributes: the one escape of every page, feed and sheet
/// the tools write by hand (`&#39;` rather than `&apos;`, which HTML 4 readers do not know).
public enum MarkupEscape {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
