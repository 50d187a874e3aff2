import Foundation

/// What one build is asked to do; every path and the clock are given, so tests control them.
public struct BuildOptions: Sendable {
    public var contentDirectory: URL
    public var outputDirectory: URL
    /// A theme name (looked up in the project's and the built-in themes) or a theme folder.
    public var theme: String?
    public var includeDrafts = false
    public var strict = false
    public var baseURL: String?
    /// Overrides site.yaml's `collector_url`: a kiosk on another port, a rehearsal against a test collector.
    public var collectorURL: String?
    public var verbose = false
    public var liveReload = false
    public var runPagefind = true
    /// The build's notion of now: decides publish/expire dates and the current phase.
    public var now: Date = Date()
    /// Folders searched for a theme by name after the project's own `themes/`.
    public var themeSearchPaths: [URL] = BuiltInThemes.searchPaths

    public init(contentDirectory: URL, outputDirectory: URL) {
        self.contentDirectory = contentDirectory
        self.outputDirectory = outputDirectory
    }

    /// The project folder: the one holding `content/`, whose `themes/` overrides the built-in ones.
    var projectDirectory: URL { contentDirectory.deletingLastPathComponent() }
}

/// Where the themes that ship with sitegen live: `SITEGEN_THEMES`, else the checkout this binary was built from.
public enum BuiltInThemes {
    public static var searchPaths: [URL] {
        var paths: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SITEGEN_THEMES"], !env.isEmpty {
            paths.append(URL(fileURLWithPath: env))
        }
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        paths.append(checkout.appendingPathComponent("themes"))
        return paths
    }
}
