import CMarkGFM
import Foundation

/// Replaces a node of cmark's tree with the text a reader sees, so what it carried cannot act on the page.
enum HarmlessNode {
    /// Raw HTML becomes visible text, so a pasted `<script>` is shown, never run.
    static func replaceHTML(_ node: OpaquePointer) {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_literal(text, literal.hasSuffix("\n") ? String(literal.dropLast()) : literal)
        if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
            guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else { return }
            cmark_node_append_child(paragraph, text)
            cmark_node_replace(node, paragraph)
        } else {
            cmark_node_replace(node, text)
        }
        cmark_node_free(node)
    }

    /// A link keeps its words without their destination; an image becomes its text alternative. Frees `node`
    /// and, for an image, its children.
    static func replaceLink(_ node: OpaquePointer) {
        if cmark_node_get_type(node) == CMARK_NODE_IMAGE {
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(text, MarkdownRenderer.plainText(of: node))
            cmark_node_replace(node, text)
        } else {
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_insert_before(node, child)
            }
            cmark_node_unlink(node)
        }
        cmark_node_free(node)
    }
}
