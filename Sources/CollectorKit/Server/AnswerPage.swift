import Model

/// The small HTML page that answers a form posted without JavaScript, in the participant's language.
enum AnswerPage {
    static func stored(_ receipt: Receipt, title: String, language: String, back: String) -> String {
        page(language: language, heading: Messages.text(.storedTitle, language: language), title: title, body: """
            <p>\(MarkupEscape.escape(Messages.text(.receiptLabel, language: language))) <code>\(MarkupEscape.escape(receipt.receipt))</code></p>
            <p>\(MarkupEscape.escape(Messages.text(.keepReceipt, language: language)))</p>
            """ + (receipt.replaces ? "\n<p>\(MarkupEscape.escape(Messages.text(.replaces, language: language)))</p>" : ""), back: back)
    }

    static func refused(_ refusal: Refusal, title: String, language: String, back: String) -> String {
        var body = "<p role=\"alert\">\(MarkupEscape.escape(Messages.message(refusal.code, language: language)))</p>"
        if let field = refusal.field {
            body += "\n<p>\(MarkupEscape.escape(Messages.text(.fieldLabel, language: language))) <code>\(MarkupEscape.escape(field))</code></p>"
        }
        return page(language: language, heading: Messages.text(.refusedTitle, language: language), title: title, body: body, back: back)
    }

    private static func page(language: String, heading: String, title: String, body: String, back: String) -> String {
        """
        <!doctype html>
        <html lang="\(MarkupEscape.escape(language))" dir="\(direction(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(MarkupEscape.escape(heading)) – \(MarkupEscape.escape(title))</title>
        </head>
        <body>
        <main>
        <h1>\(MarkupEscape.escape(heading))</h1>
        <p>\(MarkupEscape.escape(title))</p>
        \(body)
        <p><a href="\(MarkupEscape.escape(back))">\(MarkupEscape.escape(Messages.text(.back, language: language)))</a></p>
        </main>
        </body>
        </html>

        """
    }

    private static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"]

    static func direction(_ language: String) -> String {
        let primary = language.split(separator: "-").first.map { String($0).lowercased() } ?? ""
        return rightToLeft.contains(primary) ? "rtl" : "ltr"
    }
}
