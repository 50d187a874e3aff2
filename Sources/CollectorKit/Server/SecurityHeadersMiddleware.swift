import Hummingbird

/// Puts the security headers on every answer and turns any error thrown below into a JSON answer, so even
/// a 404 for an unknown path or an unexpected failure leaves with the same headers and never with internals.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = CollectorContext

    let services: CollectorServices

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
        SecurityHeaders.apply(to: &response.headers, path: request.uri.path, documents: services.documentFields, site: services.siteFields)
        return response
    }
}
