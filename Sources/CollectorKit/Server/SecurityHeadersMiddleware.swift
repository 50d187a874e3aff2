import Hummingbird

/// Puts the security headers on every answer and turns any error thrown below into a JSON answer, so even
/// a 404 for an unknown path or an unexpected failure leaves with the same headers and never with internals.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = CollectorContext

    let services: CollectorServices

    private static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
    private static let frameOptions = HTTPFields.Element.Name("X-Frame-Options")!
    private static let openerPolicy = HTTPFields.Element.Name("Cross-Origin-Opener-Policy")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            response = services.refuse(Refusal(.notFound), request: request)
        } catch let error as any HTTPResponseError where error.status == .methodNotAllowed {
            response = services.refuse(Refusal(.notFound), request: request)
            response.status = .methodNotAllowed
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            response = services.refuse(Refusal(.unavailable), request: request)
        }
        let path = request.uri.path
        let isAPI = path.hasPrefix("/v1/") || path == "/metrics" || path == "/healthz"
        response.headers[.xContentTypeOptions] = "nosniff"
        // The site's own pages (kiosk mode) post their forms here: with `no-referrer` the browser would send
        // `Origin: null` and the origin check would refuse every post; `same-origin` still tells other sites nothing.
        response.headers[Self.referrerPolicy] = isAPI ? "no-referrer" : "same-origin"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.openerPolicy] = "same-origin"
        if isAPI {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
            response.headers[.cacheControl] = "no-store"
        } else {
            // The generated site's own pages (kiosk mode): keep them from being framed or re-based.
            response.headers[.contentSecurityPolicy] = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
        }
        return response
    }
}
