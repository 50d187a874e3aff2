import Model
import Mustache

/// The HTML escape of every `{{value}}` in the theme's templates: MarkupEscape on bytes, where the library's own
/// escape looked up each Character in a dictionary and took a tenth of a whole build.
struct EscapingContentType: MustacheContentType {
    static let name = "SITEKIT_HTML"
    /// Put before each template's text; the same line, so parse errors keep their line numbers.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"
    static let registered: Void = { MustacheContentTypes.register(EscapingContentType(), named: name) }()

    func escapeText(_ text: String) -> String { MarkupEscape.escape(text) }
}
