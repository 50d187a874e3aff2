import Foundation
import Model

/// The participatory structure of the site: spaces, their collections and items, read from the
/// default-language files (dates, costs and rules are not translated; titles are).
struct SpaceIndex {
    /// Space `_index` key -> settings.
    var spaces: [ContentKey: SpaceSettings] = [:]
    /// Collection `_index` key -> settings.
    var collections: [ContentKey: CollectionSettings] = [:]
    /// Collection key -> its item keys, in display order.
    var items: [ContentKey: [ContentKey]] = [:]

    init(site: ResolvedSite) {
        let main = site.config.defaultLanguage.code
        for (key, languages) in site.lookup where key.isSection {
            guard let index = languages[main] ?? languages.values.first else { continue }
            let meta = site.instances[index].document.meta
            if let space = meta.space { spaces[key] = space }
            if let collection = meta.collection {
                collections[key] = collection
                items[key] = (site.children[key] ?? []).filter { !$0.isSection }
            }
        }
    }

    /// The nearest space holding `key` (itself when it is a space).
    func space(of key: ContentKey) -> ContentKey? {
        var current: ContentKey? = key.isSection ? key : key.parentSection
        while let section = current {
            if spaces[section] != nil { return section }
            current = section.parentSection
        }
        return nil
    }

    /// The collection an item belongs to.
    func collection(of key: ContentKey) -> ContentKey? {
        guard !key.isSection, let parent = key.parentSection, collections[parent] != nil else { return nil }
        return parent
    }

    /// Whether a plain section groups spaces (a city budget's wards, a district's publics).
    func isGroup(_ key: ContentKey, site: ResolvedSite) -> Bool {
        spaces[key] == nil && collections[key] == nil && (site.children[key] ?? []).contains { spaces[$0] != nil }
    }
}
