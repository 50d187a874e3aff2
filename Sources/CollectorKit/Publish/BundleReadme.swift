import Foundation
import Model

/// The words of an audit bundle: what each file is and the one command that recounts.
enum BundleReadme {
    static func text(form: FormSpec, count: FormCount) -> String {
        let p = count.result.participation
        return """
        # Audit bundle of `\(form.id)`

        \(p.submitted) ballots were submitted: \(p.valid) counted, \(p.rejected) rejected. Recount from these files alone:

        ```sh
        collector tally --bundle . --out recount
        cmp result.json recount/\(form.id).json && echo "same result"
        ```

        | file | what it holds |
        | --- | --- |
        | `\(BundleFormat.ballotsFile)` | every ballot of the form, one JSON object per line by receipt: the signed canonical text, the public key, the signature, when it was received, and the verdict with its reason (no address, no identity fields) |
        | `\(BundleFormat.manifestFile)` | the site's ballot manifest the count used (`public/ballots.json`) |
        | `\(BundleFormat.rollFile)` | the public roll, for forms voted with codes |
        | `\(BundleFormat.resultFile)` | the published result |
        | `\(BundleFormat.answersFile)` | free-text answers, when the form has them: every one word for word, by receipt (the same texts are inside the signed ballots of `\(BundleFormat.ballotsFile)`) |
        | `\(BundleFormat.settingsFile)` | when it was counted, with which settings, the manifest's hash and each document's SHA-256 |
        | `COUNTING.md` | the rules of the count, every verdict and every result byte, enough to write a recount of your own |
        | `BALLOT.md` | the ballot's canonical text, its signature and receipt, the roll file |
        | `AUDIT.md` | what this bundle proves, what it cannot, and who learns what |

        The recount derives every verdict from these files alone and stops, naming the ballot, where it differs from
        the one written: each signature and roll entry, the receipt (the SHA-256 of the signature), the arrival (a
        time in `received_at` or `also_received` inside the form's window, and not before the ballot's `issued`),
        the form's rules, one ballot per key (the last issued with `--revote last`) and, on open forms, one per
        `identity_digest` (a keyed digest of the signer's normalised identity fields, which are not published).
        Then it compares its result with `result.json`, byte for byte. `COUNTING.md` specifies all of it, so a recount
        need not use this collector at all.

        What is public here: every ballot's signed text, so every free-text answer as its participant typed it
        (a survey's written answers, a proposal's or a comment's title and text), beside the receipt and the key that
        signed it; never a voting code, an address or an identity field. Whoever can tie a key or a receipt to a person
        (the holder of the printed codes, a participant who shows their receipt) can read that person's answers.

        """
    }

    static func top(forms: [String]) -> String {
        """
        # Audit bundles

        One folder per form. Recount all of them:

        ```sh
        collector tally --bundle . --out recount
        ```

        \(forms.map { "- [`\($0)`](\($0)/README.md)" }.joined(separator: "\n"))

        """
    }

    /// A page that lists the folder's files, so the link from a result page opens on any static host.
    static func index(form: FormSpec, files: [String]) -> String {
        let title = "Audit bundle of " + MarkupEscape.escape(form.id)
        let items = files.map { "<li><a href=\"\(MarkupEscape.escape($0))\">\(MarkupEscape.escape($0))</a></li>" }.joined()
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(title)</title></head>"
            + "<body><h1>\(title)</h1><p>Recount: <code>collector tally --bundle . --out recount</code></p><ul>\(items)</ul></body></html>\n"
    }
}
