import HTTPTypes

/// The headers on every answer of the collector, whichever path wrote it.
///
/// Three sets, by what the browser does with the answer: the API's data (JSON, the metrics' text) is never
/// rendered, so it gets what OWASP's REST guidance lists for API answers and no more; the API's documents
/// (the no-JS form's answer pages, its redirects) and the site's own pages (kiosk mode) also get the
/// document-only headers. The busiest answer, a submission's receipt, is then a quarter shorter.
enum SecurityHeaders {
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    private static let frameOptions = HTTPField.Name("X-Frame-Options")!
    private static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!

    /// Whether `path` is the collector's own API rather than a page of the site it serves (kiosk mode).
    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/v1/") || path == "/metrics" || path == "/healthz"
    }

    /// Whether an answer of this media type is data a browser never renders as a page.
    static func isData(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        return contentType.hasPrefix("application/json") || contentType.hasPrefix("text/plain")
    }

    /// `documents` are `documentFields(siteOrigin:)` for the site this collector serves, `site` its
    /// `siteFields(connecting:)`.
    static func apply(to headers: inout HTTPFields, path: String, documents: [HTTPField], site: [HTTPField]) {
        for field in fields(for: path, contentType: headers[.contentType], documents: documents, site: site) { headers[fields: field.name] = [field] }
    }

    /// The fields `apply` sets, for an answer built from scratch that holds none of them yet.
    static func fields(for path: String, contentType: String?, documents: [HTTPField], site: [HTTPField]) -> [HTTPField] {
        guard isAPI(path) else { return site }
        return isData(contentType) ? dataFields : documents
    }

    /// Never rendered, never cached; `frame-ancestors` and `X-Frame-Options` keep old and new browsers from framing it.
    static let dataFields = [
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: frameOptions, value: "DENY"),
        HTTPField(name: .contentSecurityPolicy, value: "default-src 'none'; frame-ancestors 'none'"),
        HTTPField(name: .cacheControl, value: "no-store"),
    ]

    private static let documentCommon = [
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: frameOptions, value: "DENY"),
        HTTPField(name: openerPolicy, value: "same-origin"),
    ]

    /// The collector's own pages (the no-JS answer pages) run no script, post nowhere and tell no other site where
    /// the participant came from; they are the site's layout, so they load its stylesheet, images and fonts from the
    /// site's origin (`siteOrigin`, e.g. `https://consult.example.org`) or, serving the site (kiosk mode), their own.
    static func documentFields(siteOrigin: String?) -> [HTTPField] {
        let sources = (["'self'"] + (siteOrigin.map { [$0] } ?? [])).joined(separator: " ")
        return documentCommon + [
            HTTPField(name: referrerPolicy, value: "no-referrer"),
            HTTPField(name: .contentSecurityPolicy, value: "default-src 'none'; style-src \(sources); img-src \(sources) data:; font-src \(sources); "
                                                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
            HTTPField(name: .cacheControl, value: "no-store"),
        ]
    }

    // The generated site's own pages (kiosk mode) post their forms to the collector: under `no-referrer` the
    // browser would send `Origin: null` and the origin check would refuse every post; `same-origin` still tells
    // other sites nothing. Participants' words (proposal titles, comments) are in the site's pages and data files:
    // with scripts only from the site's own files, words that ever reach a page as markup still run nothing.
    // `wasm-unsafe-eval` lets site search (Pagefind) compile its WebAssembly, and lets no text run as a script;
    // `data:` images are Pagefind's icons. The theme's own `<meta>` policy applies too: a browser obeys both.
    // The pages' scripts also ask the credential issuers the manifest names (`origins`) for credentials.
    static func siteFields(connecting origins: [String]) -> [HTTPField] {
        let connect = origins.isEmpty ? "" : "connect-src " + (["'self'"] + origins).joined(separator: " ") + "; "
        return documentCommon + [
            HTTPField(name: referrerPolicy, value: "same-origin"),
            HTTPField(name: .contentSecurityPolicy, value: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; " + connect
                                                        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
        ]
    }

    /// CORS for an allowed origin.
    static func allowOrigin(_ origin: String, in headers: inout HTTPFields) {
        for field in allowOriginFields(origin) { headers[fields: field.name] = [field] }
    }

    static func allowOriginFields(_ origin: String) -> [HTTPField] {
        [HTTPField(name: .accessControlAllowOrigin, value: origin), HTTPField(name: .vary, value: "Origin")]
    }
}
