import CMarkGFM
import Foundation
import Model

/// A destination written in Markdown (link or image), handed to the link resolver with its line.
struct MarkdownReference {
    let destination: String
    let isImage: Bool
    /// Line inside the Markdown body (1-based).
    let line: Int
    /// The scheme `LinkScheme` refuses, when it does: the link is then rendered as its text whatever `resolve` says.
    let refusedScheme: String?
}

/// Markdown to HTML through cmark-gfm: GFM tables, strikethrough, autolinks, task lists, footnotes, heading
/// anchors, internal links rewritten, links of a refused scheme shown as their text, and raw HTML shown as
/// text unless the site allows it.
enum MarkdownRenderer {
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]
    private static let parseOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    private static let renderOptions = CMARK_OPT_UNSAFE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_FOOTNOTES

    /// Renders `markdown`; `resolve` returns the URL to write for a reference, or nil to keep it as written.
    static func render(_ markdown: String, allowHTML: Bool, resolve: (MarkdownReference) -> String?) -> String {
        _ = registered
        guard let parser = cmark_parser_new(parseOptions) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        let extensions = cmark_parser_get_syntax_extensions(parser)

        var links: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                links.append(node)
            } else if type == CMARK_NODE_HEADING {
                headings.append(node)
            } else if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                rawHTML.append(node)
            }
        }
        cmark_iter_free(iterator)

        let lines = LineIndex(markdown)
        var refused: [OpaquePointer] = []
        for node in links {
            guard let url = cmark_node_get_url(node).map({ String(cString: $0) }), !url.isEmpty else { continue }
            let reference = MarkdownReference(destination: url, isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                                              line: lines.line(of: url, near: blockLine(of: node)), refusedScheme: LinkScheme.refused(url))
            let rewritten = resolve(reference)
            if reference.refusedScheme != nil {
                refused.append(node)
            } else if let rewritten {
                cmark_node_set_url(node, rewritten)
            }
        }
        if !allowHTML {
            for node in rawHTML { HarmlessNode.replaceHTML(node) }
        }
        // Innermost first: replacing a node frees its children, and an image's description may hold a link.
        for node in refused.reversed() { HarmlessNode.replaceLink(node) }
        var anchors = AnchorNames()
        for node in headings {
            let id = anchors.claim(Slug.make(plainText(of: node)))
            guard let rendered = cmark_render_html(node, renderOptions, extensions) else { continue }
            let html = String(cString: rendered)
            free(rendered)
            guard let replacement = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            cmark_node_set_literal(replacement, html.replacingCharacters(in: html.index(html.startIndex, offsetBy: 3)..<html.index(html.startIndex, offsetBy: 3), with: " id=\"\(id)\""))
            cmark_node_replace(node, replacement)
            cmark_node_free(node)
        }
        guard let output = cmark_render_html(document, renderOptions, extensions) else { return "" }
        defer { free(output) }
        var html = String(cString: output)
        // strstr on the C string: Foundation's String.contains took 6% of a whole build.
        if strstr(output, taskBox) != nil { html = labelTaskItems(html) }
        if strstr(output, alignedCell) != nil { html = classifyAlignedCells(html) }
        return html
    }

    private static let taskBox = "<input type=\"checkbox\""
    private static let alignedCell = " style=\"text-align: "

    /// The pages' Content-Security-Policy refuses `style` attributes, so an aligned column's cells carry a class
    /// the theme's stylesheet aligns (`align-left`, `align-center`, `align-right`).
    private static let alignedCellStyle = try! NSRegularExpression(pattern: #"<(th|td) style="text-align: (left|center|right)">"#)

    static func classifyAlignedCells(_ html: String) -> String {
        alignedCellStyle.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "<$1 class=\"align-$2\">")
    }

    /// A task list's box is a form control: without a label, a screen reader announces "checkbox" and nothing
    /// else (WCAG 1.3.1, 4.1.2). The item's text on the box's line becomes its label.
    private static let taskItem = try! NSRegularExpression(
        pattern: #"(<input type="checkbox"(?: checked="")? disabled="" />)([^\n]*?)(?=</li>|</p>|\n)"#)

    static func labelTaskItems(_ html: String) -> String {
        return taskItem.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "<label>$1$2</label>")
    }

    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                text += String(cString: literal)
            }
        }
        cmark_iter_free(iterator)
        return text
    }

    /// cmark gives positions to blocks only; an inline's line is found from its enclosing block.
    private static func blockLine(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line }
            current = cmark_node_parent(candidate)
        }
        return 1
    }
}

/// Heading ids unique within a page: a repeated heading gets `-1`, `-2`.
struct AnchorNames {
    private var used: [String: Int] = [:]

    mutating func claim(_ base: String) -> String {
        let name = base.isEmpty ? "section" : base
        guard let count = used[name] else {
            used[name] = 0
            return name
        }
        used[name] = count + 1
        return claim("\(name)-\(count + 1)")
    }
}

/// Finds the line of a link destination in the source, starting from its block's first line.
struct LineIndex {
    private let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    func line(of needle: String, near start: Int) -> Int {
        guard start >= 1, start <= lines.count else { return max(start, 1) }
        for index in (start - 1)..<lines.count where lines[index].contains(needle) {
            return index + 1
        }
        return start
    }
}
