import Model

/// The printable sheet of voting codes (`codes.html`): one card per code, eight to an A4 page, none split by a page break.
public enum CodeSheet {
    public static func header(rollID: String, count: Int, words: CardWords) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(MarkupEscape.escape(words.language))" dir="\(words.direction.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(MarkupEscape.escape(words.title)): \(MarkupEscape.escape(rollID)) (\(count))</title>
        <style>
        @page { size: A4; margin: 10mm; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, "DejaVu Sans", sans-serif; margin: 0; color: #000; }
        main { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
        .card { border: 1px dashed #444; padding: 3mm 5mm; height: 64mm; overflow: hidden; break-inside: avoid; page-break-inside: avoid; }
        .card p { margin: 0 0 2mm; }
        .title { font-weight: 700; font-size: 11pt; }
        .site { font-weight: 700; overflow-wrap: anywhere; }
        .deadline { font-size: 10pt; }
        .label { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.08em; }
        .code { font: 700 12pt/1.3 ui-monospace, "DejaVu Sans Mono", monospace; letter-spacing: 0.02em; }
        .how { font-size: 9pt; line-height: 1.35; }
        .roll { font-size: 8pt; color: #444; }
        @media screen { body { max-width: 210mm; margin: 1rem auto; padding: 0 1rem; } }
        </style>
        </head>
        <body>
        <main>

        """
    }

    public static func card(_ code: VotingCode, rollID: String, details: CardDetails, words: CardWords) -> String {
        let title = details.title.map { "<p class=\"title\">\(MarkupEscape.escape($0))</p>\n" } ?? ""
        let site = details.address.map { "<p class=\"site\">\(MarkupEscape.escape(words.voteAt)) \(MarkupEscape.escape($0))</p>\n" } ?? ""
        let deadline = details.deadline.map { "<p class=\"deadline\">\(MarkupEscape.escape(words.until)) \(MarkupEscape.escape($0))</p>\n" } ?? ""
        return """
        <section class="card">
        \(title)\(site)\(deadline)<p class="label">\(MarkupEscape.escape(words.label))</p>
        <p class="code">\(code.grouped)</p>
        <p class="how">\(MarkupEscape.escape(words.how))</p>
        <p class="roll">\(MarkupEscape.escape(words.roll)) \(MarkupEscape.escape(rollID))</p>
        </section>

        """
    }

    public static let footer = "</main>\n</body>\n</html>\n"
}
