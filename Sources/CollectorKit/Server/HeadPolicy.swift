import HTTPTypes

/// What the collector decides from a request's head alone, before any body is read: whether the page it comes
/// from may call the collector, whom it comes from, and whether that client is over the rate limit.
///
/// One policy for both paths a request can take: the router's middleware (`HeadPolicyMiddleware`) and the
/// submission handler on the event loop (`SubmissionChannelHandler`), which had each written it out and could drift.
struct HeadPolicy: Sendable {
    let services: CollectorServices

    /// Whom the request comes from, the origin its answer grants CORS to (a refusal's too, so that the page's
    /// script can read it), and the refusal, if any.
    struct Decision {
        var client: String?
        var corsOrigin: String?
        var refusal: Reply?
    }

    /// In order: a post from a page on an origin not allowed, then the rate limit on the API (`/v1/`).
    /// `headers` are read only to word a refusal in the participant's language.
    func admit(method: HTTPRequest.Method, path: String, origin: String?, authority: String?, peer: String?,
               forwardedFor: [String], headers: () -> HTTPFields) -> Decision {
        var decision = Decision(client: services.clientAddress(peer: peer, forwardedFor: forwardedFor))
        if let origin {
            if services.origins.allows(origin, authority: authority) {
                decision.corsOrigin = origin
            } else if method == .post {
                decision.refusal = services.refusalReply(Refusal(.originNotAllowed, field: "origin"), headers: headers())
                return decision
            }
        }
        if path.hasPrefix("/v1/"), let wait = services.rateLimitWait(address: decision.client) {
            decision.refusal = services.refusalReply(Refusal(.rateLimited), headers: headers(), retryAfter: wait)
        }
        return decision
    }
}
