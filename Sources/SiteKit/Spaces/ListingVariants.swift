import Foundation

/// The linked pages that filter, sort and paginate a proposals listing, so everything works without
/// JavaScript; with it, the page filters instantly from the cards' data attributes.
enum ListingVariants {
    /// One page of a listing: a filter (dimension and value), a sort order and a page number.
    struct Variant {
        var dimension: String?
        var value: String?
        var sort = "recent"
        var page = 1

        func path() -> String {
            var path = ""
            if let dimension, let value { path += "\(dimension)/\(value)/" }
            if sort != "recent" { path += "sort/\(sort)/" }
            if page > 1 { path += "page/\(page)/" }
            return path
        }
    }

    static let sorts = ["recent", "supported", "random"]

    static func sorted(_ cards: [[String: Any]], by sort: String) -> [[String: Any]] {
        switch sort {
        case "supported": cards.sorted { ($0["supports"] as? Int ?? 0, $0["date_sort"] as? Int ?? 0) > ($1["supports"] as? Int ?? 0, $1["date_sort"] as? Int ?? 0) }
        case "random": cards.sorted { ($0["random"] as? Int ?? 0) < ($1["random"] as? Int ?? 0) }
        default: cards.sorted { ($0["date_sort"] as? Int ?? 0) > ($1["date_sort"] as? Int ?? 0) }
        }
    }

    /// Every variant the listing links to, with the cards each shows.
    static func variants(cards: [[String: Any]], pageSize: Int) -> [(Variant, [[String: Any]], Int)] {
        var result: [(Variant, [[String: Any]], Int)] = []
        func paginate(_ variant: Variant, _ subset: [[String: Any]]) {
            let pages = max(1, (subset.count + pageSize - 1) / pageSize)
            for page in 1...pages {
                var current = variant
                current.page = page
                result.append((current, Array(subset.dropFirst((page - 1) * pageSize).prefix(pageSize)), pages))
            }
        }
        for sort in sorts { paginate(Variant(sort: sort), sorted(cards, by: sort)) }
        for (dimension, field) in [("category", "category_id"), ("scope", "scope_id"), ("state", "state")] {
            let values = Set(cards.compactMap { $0[field] as? String }.filter { !$0.isEmpty }).sorted()
            for value in values {
                paginate(Variant(dimension: dimension, value: value), sorted(cards.filter { $0[field] as? String == value }, by: "recent"))
            }
        }
        return result
    }

    /// Fills the first page's context: its slice of cards, the filter and sort links, the page links.
    static func addFilters(to context: inout [String: Any], _ instance: PageInstance, cards: [[String: Any]], pageSize: Int, environment env: RenderEnvironment) {
        apply(Variant(), cards: sorted(cards, by: "recent"), all: cards, pageCount: max(1, (cards.count + pageSize - 1) / pageSize),
              pageSize: pageSize, to: &context, instance, env: env)
    }

    static func apply(_ variant: Variant, cards: [[String: Any]], all: [[String: Any]], pageCount: Int, pageSize: Int,
                      to context: inout [String: Any], _ instance: PageInstance, env: RenderEnvironment) {
        let strings = env.strings(for: instance.language.code)
        let base = instance.url
        context["listing"] = Array(cards.prefix(pageSize))
        context["listing_all_count"] = all.count
        let collation = Collation(language: instance.language.code)
        var filters: [[String: Any]] = []
        for (dimension, field, labelField) in [("category", "category_id", "category"), ("scope", "scope_id", "scope"), ("state", "state", "state_label")] {
            var seen: [String: String] = [:]
            for card in all { if let value = card[field] as? String, !value.isEmpty { seen[value] = card[labelField] as? String ?? value } }
            guard !seen.isEmpty else { continue }
            let options = seen.sorted { $0.value == $1.value ? $0.key < $1.key : collation.precedes($0.value, $1.value) }.map { value, label -> [String: Any] in
                ["label": label, "value": value, "url": base + "\(dimension)/\(value)/", "current": variant.dimension == dimension && variant.value == value]
            }
            filters.append(["dimension": dimension, "label": strings?.text("filter_\(dimension)") ?? dimension, "options": options,
                            "all_url": base, "all_current": variant.dimension != dimension])
        }
        context["filters"] = filters
        context["has_filters"] = !filters.isEmpty
        context["has_sorts"] = variant.dimension == nil
        context["sorts"] = variant.dimension == nil ? sorts.map { sort -> [String: Any] in
            ["label": strings?.text("sort_\(sort)") ?? sort, "value": sort, "url": base + Variant(sort: sort).path(), "current": variant.sort == sort]
        } : []
        if pageCount > 1 {
            context["pagination"] = [
                "pages": (1...pageCount).map { page -> [String: Any] in
                    var target = variant
                    target.page = page
                    return ["number": page, "url": base + target.path(), "current": page == variant.page]
                },
                "label": strings?.text("pagination_label") ?? "",
            ]
        }
        if variant.dimension != nil || variant.sort != "recent" || variant.page > 1 {
            context["variant_path"] = variant.path()
        }
    }

    /// The extra pages of a proposals listing: every variant but the first.
    static func pages(for instance: PageInstance, context: [String: Any], pageSize: Int, environment env: RenderEnvironment) -> [(String, [String: Any])] {
        guard let cards = context["proposals"] as? [[String: Any]] else { return [] }
        return variants(cards: cards, pageSize: pageSize).dropFirst().map { variant, slice, pageCount in
            var variantContext = context
            apply(variant, cards: slice, all: cards, pageCount: pageCount, pageSize: pageSize, to: &variantContext, instance, env: env)
            var page = variantContext["page"] as? [String: Any] ?? [:]
            page["url"] = instance.url + variant.path()
            page.removeValue(forKey: "permalink")
            variantContext["page"] = page
            variantContext["alternates"] = [[String: Any]]()
            return (instance.outputPath.dropLast("index.html".count) + variant.path() + "index.html", variantContext)
        }
    }
}
