import Hummingbird

/// Serves the generated site (kiosk mode) to the GET and HEAD requests no route answers: a folder's `index.html`,
/// a folder named without its `/` redirected there, and nothing that `SitePath` or `SiteFolder` refuses.
///
/// In place of Hummingbird's `FileMiddleware`, which took the content type from the name before checking it
/// (`/ballots.json%00.html` was a page), answered a `..` with an error counted as `unavailable`, redirected
/// `/%2Fen` to `//en/` (another host to a browser), and followed links out of the folder.
struct SiteMiddleware: RouterMiddleware {
    typealias Context = CollectorContext

    let services: CollectorServices
    let folder: SiteFolder
    let files = FileIO()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound && (request.method == .get || request.method == .head) {
            return try await serve(request, context: context)
        }
    }

    private func serve(_ request: Request, context: Context) async throws -> Response {
        let path: SitePath
        switch SitePath.parse(request.uri.path) {
        case .success(let parsed): path = parsed
        case .failure(let refusal): return services.refuse(refusal, request: request)
        }
        switch folder.entry(path) {
        case .nothing:
            return services.refuse(Refusal(.notFound), request: request)
        case .folderWithoutSlash:
            // The path as sent, which `SitePath` found to start with one `/` and hold no empty name.
            return .redirect(to: request.uri.path + "/", type: .permanent)
        case .file(let realPath, let size, let name):
            let headers: HTTPFields = [.contentType: Self.contentType(name), .contentLength: String(size)]
            guard request.method == .get else { return Response(status: .ok, headers: headers) }
            return Response(status: .ok, headers: headers, body: try await files.loadFile(path: realPath, context: context))
        }
    }

    /// By the extension of the decoded name; a name without a known one is bytes, which `nosniff` keeps from being a page.
    static func contentType(_ name: String) -> String {
        let known = name.lastIndex(of: ".").flatMap { MediaType.getMediaType(forExtension: String(name[name.index(after: $0)...])) }
        return known?.description ?? "application/octet-stream"
    }
}
