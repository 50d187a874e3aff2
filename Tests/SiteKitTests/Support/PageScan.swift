import Foundation

/// What in a built page would run or style outside the Content-Security-Policy the theme declares: inline
/// scripts, event handler attributes, `javascript:` URLs, style elements and attributes, or no policy at all.
enum PageScan {
    private static let tag = try! NSRegularExpression(pattern: #"<[a-zA-Z][^>]*>"#)
    private static let handler = try! NSRegularExpression(pattern: #"\son[a-z]+\s*="#, options: .caseInsensitive)
    private static let styleAttribute = try! NSRegularExpression(pattern: #"\sstyle\s*="#, options: .caseInsensitive)
    private static let scriptURL = try! NSRegularExpression(pattern: #"=\s*["']?\s*(javascript|vbscript|data):"#, options: .caseInsensitive)

    static let policyStart = "<meta http-equiv=\"Content-Security-Policy\" content=\""

    static func problems(in html: String) -> [String] {
        var found: [String] = []
        guard let start = html.range(of: policyStart), let end = html[start.upperBound...].firstIndex(of: "\"") else { return ["no Content-Security-Policy meta"] }
        let policy = html[start.upperBound..<end]
        if !policy.contains("script-src 'self'") || policy.contains("unsafe-inline") { found.append("a policy that allows inline script: \(policy)") }
        if let script = html.range(of: "<script"), script.lowerBound < start.lowerBound { found.append("a script before the policy") }
        for match in tag.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let text = String(html[Range(match.range, in: html)!])
            let range = NSRange(text.startIndex..., in: text)
            let lower = text.lowercased()
            if lower.hasPrefix("<script"), !lower.contains(" src="), !lower.contains("type=\"application/json\"") { found.append("inline script: \(text)") }
            if lower.hasPrefix("<style") { found.append("style element: \(text)") }
            if handler.firstMatch(in: text, range: range) != nil { found.append("event handler: \(text)") }
            if styleAttribute.firstMatch(in: text, range: range) != nil { found.append("style attribute: \(text)") }
            if scriptURL.firstMatch(in: text, range: range) != nil { found.append("script URL: \(text)") }
        }
        return found
    }
}
