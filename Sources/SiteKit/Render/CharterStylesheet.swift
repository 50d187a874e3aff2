import Foundation

/// A space's colours as a stylesheet of its own, which its pages link: their Content-Security-Policy refuses
/// inline styles. Named by a hash of its text, so a page and the build find the same name apart.
enum CharterStylesheet {
    static func css(_ style: SpaceStyle) -> String? {
        guard !style.colors.isEmpty else { return nil }
        return ":root{" + style.colors.sorted { $0.key < $1.key }.map { "--color-\($0.key):\($0.value)" }.joined(separator: ";") + "}\n"
    }

    /// Path inside the output, e.g. `assets/charter.1a2b3c4d5e.css`.
    static func path(of css: String) -> String {
        "assets/" + AssetPipeline.hashedName("charter.css", data: Data(css.utf8))
    }

    /// Every space's stylesheet, once each (spaces may share a charter).
    static func files(_ site: ResolvedSite) -> [(path: String, data: Data)] {
        var files: [String: Data] = [:]
        for instance in site.instances where instance.language.code == site.config.defaultLanguage.code {
            guard let style = instance.document.meta.style, let css = css(style) else { continue }
            files[path(of: css)] = Data(css.utf8)
        }
        return files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
