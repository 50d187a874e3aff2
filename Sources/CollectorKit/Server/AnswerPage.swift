import Model

/// The page that answers a form posted without JavaScript: the site's answer page in the participant's language
/// (`CollectorLanguage.page`), its slots filled with escaped text.
struct AnswerPage {
    let messages: Messages
    let language: String

    func stored(_ receipt: Receipt, title: String, back: String) -> String {
        page(heading: text(.storedTitle), title: title, body: """
            <p>\(escaped(.receiptLabel)) <code>\(MarkupEscape.escape(receipt.receipt))</code></p>
            <p>\(escaped(.keepReceipt))</p>
            """ + (receipt.replaces ? "\n<p>\(escaped(.replaces))</p>" : ""), back: back)
    }

    func refused(_ refusal: Refusal, title: String, back: String) -> String {
        var body = "<p role=\"alert\">\(MarkupEscape.escape(messages.message(refusal.code, language: language)))</p>"
        if let field = refusal.field {
            body += "\n<p>\(escaped(.fieldLabel)) <code>\(MarkupEscape.escape(field))</code></p>"
        }
        return page(heading: text(.refusedTitle), title: title, body: body, back: back)
    }

    private func text(_ key: Messages.PageText) -> String { messages.text(key, language: language) }

    private func escaped(_ key: Messages.PageText) -> String { MarkupEscape.escape(text(key)) }

    /// The shell checked at start holds each slot once, so the two replacements touch only the slots.
    private func page(heading: String, title: String, body: String, back: String) -> String {
        let main = """
            <h1>\(MarkupEscape.escape(heading))</h1>
            <p>\(MarkupEscape.escape(title))</p>
            \(body)
            <p><a href="\(MarkupEscape.escape(back))">\(escaped(.back))</a></p>
            """
        return messages.page(language)
            .replacingOccurrences(of: CollectorLanguage.titleSlot, with: MarkupEscape.escape(heading + " – " + title))
            .replacingOccurrences(of: CollectorLanguage.mainSlot, with: main)
    }
}
