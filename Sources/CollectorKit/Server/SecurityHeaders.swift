import HTTPTypes

/// The headers on every answer of the collector, whichever path wrote it.
enum SecurityHeaders {
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    private static let frameOptions = HTTPField.Name("X-Frame-Options")!
    private static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!

    /// Whether `path` is the collector's own API rather than a page of the site it serves (kiosk mode).
    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/v1/") || path == "/metrics" || path == "/healthz"
    }

    static func apply(to headers: inout HTTPFields, path: String) {
        for field in fields(for: path) { headers[fields: field.name] = [field] }
    }

    /// The fields `apply` sets, for an answer built from scratch that holds none of them yet.
    static func fields(for path: String) -> [HTTPField] {
        isAPI(path) ? apiFields : siteFields
    }

    private static let common = [
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: frameOptions, value: "DENY"),
        HTTPField(name: openerPolicy, value: "same-origin"),
    ]

    // The site's own pages (kiosk mode) post their forms here: with `no-referrer` the browser would send
    // `Origin: null` and the origin check would refuse every post; `same-origin` still tells other sites nothing.
    private static let apiFields = common + [
        HTTPField(name: referrerPolicy, value: "no-referrer"),
        HTTPField(name: .contentSecurityPolicy, value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
        HTTPField(name: .cacheControl, value: "no-store"),
    ]

    // The generated site's own pages (kiosk mode): keep them from being framed or re-based.
    private static let siteFields = common + [
        HTTPField(name: referrerPolicy, value: "same-origin"),
        HTTPField(name: .contentSecurityPolicy, value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"),
    ]

    /// CORS for an allowed origin.
    static func allowOrigin(_ origin: String, in headers: inout HTTPFields) {
        for field in allowOriginFields(origin) { headers[fields: field.name] = [field] }
    }

    static func allowOriginFields(_ origin: String) -> [HTTPField] {
        [HTTPField(name: .accessControlAllowOrigin, value: origin), HTTPField(name: .vary, value: "Origin")]
    }
}
