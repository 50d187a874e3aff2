import Hummingbird

/// `HeadPolicy` for every request the router takes, with CORS: preflights answered for the allowed origins,
/// and the allowed origin granted on the answer.
struct HeadPolicyMiddleware: RouterMiddleware {
    typealias Context = CollectorContext

    let services: CollectorServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let origin = request.headers.value(.origin)
        if let origin, request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .noContent)
            if services.origins.allows(origin, authority: request.head.authority) {
                response.headers[.accessControlAllowMethods] = "GET, POST"
                response.headers[.accessControlAllowHeaders] = "Content-Type"
                response.headers[.accessControlMaxAge] = "600"
                SecurityHeaders.allowOrigin(origin, in: &response.headers)
            }
            return response
        }
        let decision = HeadPolicy(services: services).admit(
            method: request.method, path: request.uri.path, origin: origin, authority: request.head.authority,
            peer: context.remoteAddress, forwardedFor: request.headers[values: .xForwardedFor], headers: { request.headers })
        var response: Response
        if let refusal = decision.refusal { response = refusal.response } else { response = try await next(request, context) }
        if let allowed = decision.corsOrigin { SecurityHeaders.allowOrigin(allowed, in: &response.headers) }
        return response
    }
}
