import Foundation
import Hummingbird

/// Which origins may call the collector from a browser: the allowed list, plus the collector's own origin (kiosk mode).
struct OriginPolicy: Sendable {
    let allowed: Set<String>

    init(allowedOrigins: [String]) {
        allowed = Set(allowedOrigins.compactMap(Self.origin))
    }

    /// `scheme://host[:port]` of `url`, lowercased, or nil when it has none.
    static func origin(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        return scheme + "://" + host + (components.port.map { ":\($0)" } ?? "")
    }

    /// Whether a page on `origin` may call this collector, reached at `authority` (the request's `Host`).
    func allows(_ origin: String, authority: String?) -> Bool {
        let normalized = Self.origin(origin) ?? origin.lowercased()
        if allowed.contains(normalized) { return true }
        // Same origin: the page was served by this collector (kiosk mode).
        guard let host = authority else { return false }
        return normalized == "http://" + host.lowercased() || normalized == "https://" + host.lowercased()
    }

    /// `url` if the answer page may link to it: a path on this origin, or a URL on an allowed origin.
    func returnLink(_ url: String?, request: Request) -> String? {
        guard let url, !url.isEmpty else { return nil }
        if url.hasPrefix("/") && !url.hasPrefix("//") && !url.hasPrefix("/\\") { return url }
        guard let origin = Self.origin(url), origin.hasPrefix("http"), allows(origin, authority: request.head.authority) else { return nil }
        return url
    }
}
