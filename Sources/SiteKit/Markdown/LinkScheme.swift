import Foundation

/// The schemes a link or image written in Markdown may use: web pages, mail and phone numbers, or a path on
/// the site. Anything else (`javascript:`, `vbscript:`, `data:`, `file:`...) can run script or stand in for a page.
enum LinkScheme {
    static let allowed: Set<String> = ["http", "https", "mailto", "tel"]

    /// The scheme that makes `destination` refused, lowercased, or nil when the destination is allowed.
    /// `destination` is cmark's, with character references and backslash escapes already decoded once, as the
    /// browser reads the attribute cmark writes. Browsers drop tabs and newlines anywhere in a URL and controls
    /// and spaces at its ends, so `java\tscript:` runs; every invisible character is dropped here before the
    /// scheme is read, which refuses more than a browser would run, never less.
    static func refused(_ destination: String) -> String? {
        let visible = String(destination.unicodeScalars.filter { !isInvisible($0) })
        guard let colon = visible.firstIndex(of: ":") else { return nil }
        let scheme = visible[..<colon]
        // A `/`, `?` or `#` before the colon makes it a path (`a/b:c`), and a URL scheme is ASCII letters first.
        guard let first = scheme.unicodeScalars.first, first.isASCII, CharacterSet.letters.contains(first),
              scheme.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return nil }
        let name = scheme.lowercased()
        return allowed.contains(name) ? nil : name
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isWhitespace
            || scalar.properties.generalCategory == .format
    }
}
