import Foundation
import Hummingbird
import Logging

/// `sitegen serve`: builds, serves the output with Hummingbird, watches content and theme, re-renders what
/// a change touches, and tells open pages to reload. A failed build keeps the server and the last good site.
public final class DevServer: @unchecked Sendable {
    let builder: SiteBuilder
    let host: String
    let port: Int
    let state = BuildState()

    public init(options: BuildOptions, host: String, port: Int) {
        builder = SiteBuilder(options: options)
        self.host = host
        self.port = port
    }

    public func run() async throws {
        // Watch before the first build, so a file saved while it runs is rebuilt right after, not missed.
        let watchRoots = [builder.options.contentDirectory] + ThemeLoader.layers(for: builder.options.theme ?? "default", options: builder.options)
        let initial = FileWatcher.make(roots: watchRoots)
        rebuild(changed: nil)
        // A thread of its own: waiting on the watcher blocks, which the server's executors must never do.
        let watcher = Thread { [self] in
            var source = initial
            while true {
                let changed = source.changes(waiting: 0.25)
                if !changed.isEmpty { rebuild(changed: changed) }
            }
        }
        watcher.start()
        let app = Application(router: makeRouter(), configuration: .init(address: .hostname(host, port: port), serverName: "sitegen"),
                              onServerRunning: { [host, port] channel in print("serving on http://\(host):\(channel.localAddress?.port ?? port)/ (Ctrl-C to stop)") },
                              logger: Logger(label: "sitegen"))
        try await app.runService()
    }

    /// Builds after a change: only the touched pages when the builder can, else everything.
    func rebuild(changed: [URL]?) {
        do {
            let report: BuildReport
            if let changed, let incremental = try builder.rebuild(changed: changed) {
                report = incremental
            } else {
                report = try builder.build()
            }
            state.succeeded()
            for warning in report.warnings { print(warning.description) }
            print(report.summary)
        } catch let failure as BuildFailure {
            state.failed(failure.diagnostics.filter { $0.severity == .error })
            for diagnostic in failure.diagnostics { print(diagnostic.description) }
            print("build failed; still serving the last good site")
        } catch {
            state.failed([Diagnostic(.error, file: builder.options.contentDirectory.path, "\(error)")])
            print("build failed: \(error)")
        }
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let state = self.state
        let output = builder.options.outputDirectory.path
        router.get("__sitegen/live.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: LiveReloadScript.source)))
        }
        router.get("__sitegen/events") { request, _ in
            let seen = request.uri.queryParameters.get("v") ?? ""
            let deadline = Date().addingTimeInterval(25)
            while String(state.snapshot.version) == seen, state.snapshot.errors.isEmpty, Date() < deadline {
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: state.json())))
        }
        let files = StaticFileResponder(root: output)
        // "**" needs at least one path component, so the root page has routes of its own.
        for path: RouterPath in ["/", "**"] {
            router.get(path) { request, _ in files.respond(to: request.uri.path) }
            router.head(path) { request, _ in files.respond(to: request.uri.path) }
        }
        return router
    }
}
