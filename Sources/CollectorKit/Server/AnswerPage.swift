import Model

/// The small HTML page that answers a form posted without JavaScript, in the participant's language.
enum AnswerPage {
    static func stored(_ receipt: Receipt, title: String, language: String, back: String) -> String {
        page(language: language, heading: Messages.text(.storedTitle, language: language), title: title, body: """
            <p>\(escape(Messages.text(.receiptLabel, language: language))): <code>\(escape(receipt.receipt))</code></p>
            <p>\(escape(Messages.text(.keepReceipt, language: language)))</p>
            """, back: back)
    }

    static func refused(_ refusal: Refusal, title: String, language: String, back: String) -> String {
        var body = "<p role=\"alert\">\(escape(Messages.message(refusal.code, language: language)))</p>"
        if let field = refusal.field {
            body += "\n<p>\(escape(Messages.text(.fieldLabel, language: language))): <code>\(escape(field))</code></p>"
        }
        return page(language: language, heading: Messages.text(.refusedTitle, language: language), title: title, body: body, back: back)
    }

    private static func page(language: String, heading: String, title: String, body: String, back: String) -> String {
        """
        <!doctype html>
        <html lang="\(escape(language))" dir="\(direction(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(heading)) – \(escape(title))</title>
        </head>
        <body>
        <main>
        <h1>\(escape(heading))</h1>
        <p>\(escape(title))</p>
        \(body)
        <p><a href="\(escape(back))">\(escape(Messages.text(.back, language: language)))</a></p>
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

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
