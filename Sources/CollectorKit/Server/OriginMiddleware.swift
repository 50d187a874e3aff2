import Hummingbird

/// CORS for the allowed origins only, and a refusal for posts that a page on any other origin makes.
struct OriginMiddleware: RouterMiddleware {
    typealias Context = CollectorContext

    let services: CollectorServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers.value(.origin) else { return try await next(request, context) }
        let allowed = services.origins.allows(origin, authority: request.head.authority)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .noContent)
            if allowed {
                response.headers[.accessControlAllowMethods] = "GET, POST"
                response.headers[.accessControlAllowHeaders] = "Content-Type"
                response.headers[.accessControlMaxAge] = "600"
                SecurityHeaders.allowOrigin(origin, in: &response.headers)
            }
            return response
        }
        if !allowed, request.method == .post {
            return services.refuse(Refusal(.originNotAllowed, field: "origin"), request: request)
        }
        var response = try await next(request, context)
        if allowed { SecurityHeaders.allowOrigin(origin, in: &response.headers) }
        return response
    }
}
