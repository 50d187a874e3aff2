import Foundation
import Hummingbird

/// Which origins may call the collector from a browser: the allowed list, plus in kiosk mode the collector's own
/// origin when it is reached by address.
///
/// `Host` is the client's word: a page on `evil.example`, its name pointed at the collector's address (DNS
/// rebinding), sends `Origin` and `Host` that agree. So a name is allowed only from the list; only an address
/// (`127.0.0.1:8080`, `[::1]:8080`) or `localhost` counts as the collector's own, which no other site can be.
struct OriginPolicy: Sendable {
    let allowed: Set<String>
    /// Whether this collector serves the site itself (`--site`), and so its own pages may post to it.
    let servesSite: Bool

    init(allowedOrigins: [String], servesSite: Bool) {
        allowed = Set(allowedOrigins.compactMap(Self.origin))
        self.servesSite = servesSite
    }

    /// `scheme://host[:port]` of `url`, lowercased, or nil when it has none.
    static func origin(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        return scheme + "://" + host + (components.port.map { ":\($0)" } ?? "")
    }

    /// `url`'s origin when a policy header can name it as a source: nothing in it may end the directive or the header.
    static func policySource(_ url: String) -> String? {
        guard let origin = origin(url), origin.hasPrefix("http://") || origin.hasPrefix("https://"),
              origin.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:[]/".unicodeScalars.contains($0)) })
        else { return nil }
        return origin
    }

    /// Whether a page on `origin` may call this collector, reached at `authority` (the request's `Host`).
    func allows(_ origin: String, authority: String?) -> Bool {
        let normalized = Self.origin(origin) ?? origin.lowercased()
        if allowed.contains(normalized) { return true }
        guard servesSite, let authority = authority?.lowercased(), Self.isAddress(authority) else { return false }
        return normalized == "http://" + authority || normalized == "https://" + authority
    }

    /// Whether `authority` (host and optional port) names a machine by address, not by a name DNS could move.
    private static func isAddress(_ authority: String) -> Bool {
        var host = Substring(authority)
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return false }
            host = host[host.index(after: host.startIndex)..<end]
            var address = in6_addr()
            return inet_pton(AF_INET6, String(host), &address) == 1
        }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        var address = in_addr()
        return host == "localhost" || inet_pton(AF_INET, String(host), &address) == 1
    }

    /// `url` if the answer page may link to it: a path on this origin, or a URL on an allowed origin.
    ///
    /// Browsers drop tabs and line breaks from a URL and read `\` as `/`, so `/\t/evil.example` would leave the site:
    /// a link with either, or with any space or control character, is not taken at all.
    func returnLink(_ url: String?, request: Request) -> String? {
        returnLink(url, authority: request.head.authority)
    }

    /// `returnLink` for a request reaching this server at `authority` (its `Host`).
    func returnLink(_ url: String?, authority: String?) -> String? {
        guard let url, !url.isEmpty, url.utf8.count <= 2048, url.unicodeScalars.allSatisfy(Self.isLinkCharacter) else { return nil }
        if url.hasPrefix("/") { return url.hasPrefix("//") ? nil : url }
        guard let origin = Self.origin(url), origin.hasPrefix("http://") || origin.hasPrefix("https://"),
              allows(origin, authority: authority)
        else { return nil }
        return url
    }

    private static func isLinkCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value > 0x20 && scalar.value < 0x7F && scalar != "\\" }
        let category = scalar.properties.generalCategory
        return !scalar.properties.isWhitespace && category != .control && category != .format
    }
}
