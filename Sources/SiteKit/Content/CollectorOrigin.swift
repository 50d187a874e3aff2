import Foundation

/// The origin of `collector_url` (or of a credential issuer's `url`), which the pages' Content-Security-Policy lets
/// forms post to and scripts fetch from.
enum CollectorOrigin {
    /// `https://vote.example.org` for `https://vote.example.org/v1/`, `http://127.0.0.1:8080` for a kiosk's
    /// collector; nil for anything that is not an absolute http(s) URL whose host a policy can name safely.
    static func of(_ url: String) -> String? {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
              var host = parts.host?.lowercased(), !host.isEmpty else { return nil }
        if host.contains(":") && !host.hasPrefix("[") { host = "[" + host + "]" }
        // The origin goes into an attribute and a policy: a character that ends either must not pass.
        guard host.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:[]".unicodeScalars.contains($0)) }) else { return nil }
        return scheme + "://" + host + (parts.port.map { ":\($0)" } ?? "")
    }

    /// Whether `url` is a place forms can post to: an absolute http(s) URL, or a path on the site's own origin.
    static func isValid(_ url: String) -> Bool {
        (url.hasPrefix("/") && !url.hasPrefix("//")) || of(url) != nil
    }
}
