import Foundation
import Model

/// Machine-readable companions of the site: sitemap with hreflang alternates, Atom feeds, robots.txt.
enum Feeds {
    static let sitemapLimit = 50_000

    /// One `sitemap.xml`, or an index of numbered sitemaps past the protocol's 50 000 URLs per file.
    static func sitemaps(_ site: ResolvedSite) -> [(path: String, text: String)] {
        let entries = site.instances.filter { !$0.isFallback }
        var files: [(String, String)] = []
        let chunks = stride(from: 0, to: max(entries.count, 1), by: sitemapLimit).map { Array(entries[$0..<min($0 + sitemapLimit, entries.count)]) }
        for (number, chunk) in chunks.enumerated() {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
            for instance in chunk {
                xml += "<url><loc>\(MarkupEscape.escape(PageContext.absolute(instance.url, site: site)))</loc>"
                if let date = instance.document.meta.date { xml += "<lastmod>\(Formats.iso(date))</lastmod>" }
                for alternate in PageContext.alternates(instance, site: site) {
                    xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(alternate["hreflang"]!)\" href=\"\(MarkupEscape.escape(alternate["href"] as! String))\"/>"
                }
                xml += "</url>\n"
            }
            xml += "</urlset>\n"
            files.append((chunks.count == 1 ? "sitemap.xml" : "sitemap-\(number + 1).xml", xml))
        }
        if chunks.count > 1 {
            var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for (path, _) in files { index += "<sitemap><loc>\(MarkupEscape.escape(site.absoluteBase + path))</loc></sitemap>\n" }
            files.append(("sitemap.xml", index + "</sitemapindex>\n"))
        }
        return files
    }

    /// An Atom feed per language of the news items written in it, newest first.
    static func atom(_ site: ResolvedSite, language: String, title: String, now: Date) -> String {
        let items = site.instances
            .filter { $0.language.code == language && !$0.isFallback && $0.document.meta.type == .news }
            .sorted { ($0.document.meta.date ?? .distantPast) > ($1.document.meta.date ?? .distantPast) }
            .prefix(50)
        let feedURL = site.absoluteBase + language + "/feed.xml"
        let updated = items.first?.document.meta.date ?? now
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language)\">\n"
        xml += "<title>\(MarkupEscape.escape(title))</title>\n<id>\(MarkupEscape.escape(feedURL))</id>\n"
        xml += "<link rel=\"self\" href=\"\(MarkupEscape.escape(feedURL))\"/>\n<link href=\"\(MarkupEscape.escape(site.absoluteBase + language + "/"))\"/>\n"
        xml += "<updated>\(Formats.iso(updated))</updated>\n"
        for item in items {
            let meta = item.document.meta
            let link = PageContext.absolute(item.url, site: site)
            xml += "<entry><title>\(MarkupEscape.escape(meta.title))</title><id>\(MarkupEscape.escape(link))</id><link href=\"\(MarkupEscape.escape(link))\"/>"
            xml += "<updated>\(Formats.iso(meta.date ?? now))</updated>"
            if let author = meta.author { xml += "<author><name>\(MarkupEscape.escape(author))</name></author>" }
            if let summary = meta.summary ?? meta.description { xml += "<summary>\(MarkupEscape.escape(summary))</summary>" }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    static func robots(_ site: ResolvedSite) -> String {
        "User-agent: *\nAllow: /\nSitemap: \(site.absoluteBase)sitemap.xml\n"
    }
}
