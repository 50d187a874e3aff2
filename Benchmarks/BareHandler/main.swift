import Hummingbird

// The benchmark's baseline: a Hummingbird POST handler that reads the body and answers 200, nothing else,
// built with the same compiler settings as the collector. Usage: bench-bare PORT
let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8081
let router = Router()
router.post("/v1/submissions") { request, _ -> Response in
    _ = try await request.body.collect(upTo: 64 * 1024)
    return Response(status: .ok)
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
