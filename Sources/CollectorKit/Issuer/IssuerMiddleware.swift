import Hummingbird

/// Around every route of the issuer: CORS for the `--site` origins (preflights answered, a post from another
/// origin refused), errors thrown below turned into JSON refusals, and the security headers.
struct IssuerMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let issuer: CredentialIssuer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = await answer(request, context: context, next: next)
        if let origin = request.headers[.origin], issuer.origins.allows(origin, authority: nil) {
            SecurityHeaders.allowOrigin(origin, in: &response.headers)
        }
        IssuerAnswers.apply(to: &response.headers)
        return response
    }

    private func answer(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async -> Response {
        if let origin = request.headers[.origin] {
            if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
                var response = Response(status: .noContent)
                if issuer.origins.allows(origin, authority: nil) {
                    response.headers[.accessControlAllowMethods] = "GET, POST"
                    response.headers[.accessControlAllowHeaders] = "Content-Type"
                    response.headers[.accessControlMaxAge] = "600"
                }
                return response
            }
            if request.method == .post, !issuer.origins.allows(origin, authority: nil) {
                return IssuerAnswers.refusal(IssuerRefusal(status: 403, code: "origin_not_allowed",
                                                           message: "Pages of this origin may not ask this issuer for credentials or filings (--site).",
                                                           field: "origin")).response
            }
        }
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound || error.status == .methodNotAllowed {
            var response = IssuerAnswers.refusal(IssuerRefusal(status: 404, code: "not_found", message: "No such address on this issuer.")).response
            response.status = error.status
            return response
        } catch {
            context.logger.error("request failed: \(type(of: error))")
            return IssuerAnswers.refusal(.unavailable).response
        }
    }
}
