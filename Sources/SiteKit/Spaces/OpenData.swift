import Foundation
import Model

/// Per space and language, its proposals, projects, petitions and results as JSON and CSV, and its
/// calendar as iCalendar: equal access to the information the pages show.
enum OpenData {
    static func files(environment env: RenderEnvironment) -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        let site = env.site
        for (spaceKey, space) in env.spaces.spaces.sorted(by: { $0.key < $1.key }) {
            let collections = env.spaces.collections.keys.filter { env.spaces.space(of: $0) == spaceKey }.sorted()
            for language in site.config.languages {
                let code = language.code
                var rows: [[String: String]] = []
                for collection in collections {
                    for item in env.spaces.items[collection] ?? [] {
                        guard let instance = site.instance(item, code) else { continue }
                        rows.append(row(instance, collection: collection, env: env))
                    }
                }
                let results = env.forms.forms.filter { $0.space == spaceKey.directory }.compactMap { env.results[$0.id] }
                let document: [String: Any] = [
                    "space": spaceKey.directory, "language": code, "kind": space.kind.rawValue,
                    "title": site.instance(spaceKey, code)?.document.meta.title ?? "",
                    "url": PageContext.absolute(site.url(of: spaceKey, in: code) ?? "", site: site),
                    "phases": space.phases.map { ["id": $0.id, "title": $0.title, "start": Formats.iso($0.start), "end": Formats.iso($0.end)] },
                    "items": rows,
                    "results": results.compactMap { try? JSONSerialization.jsonObject(with: BallotManifest.encoder().encode($0)) },
                ]
                let json = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
                let folder = code + "/" + SpaceContext.dataPath(spaceKey)
                files.append((folder + "data.json", String(decoding: json, as: UTF8.self)))
                files.append((folder + "data.csv", csv(rows)))
            }
            files.append((SpaceContext.dataPath(spaceKey) + "calendar.ics", calendar(spaceKey, space, env: env)))
        }
        for (collection, settings) in env.spaces.collections where settings == .meetings {
            for item in env.spaces.items[collection] ?? [] {
                guard let instance = site.instance(item, site.config.defaultLanguage.code), let event = meetingEvent(instance, env: env) else { continue }
                files.append((SpaceContext.dataPath(item) + item.name + ".ics", ICalendar.file([event], name: instance.document.meta.title, stamp: env.now)))
            }
        }
        return files
    }

    static let columns = ["kind", "id", "title", "url", "category", "scope", "state", "cost", "count", "selected"]

    static func row(_ instance: PageInstance, collection: ContentKey, env: RenderEnvironment) -> [String: String] {
        var row = ["id": instance.key.name, "title": instance.document.meta.title, "url": PageContext.absolute(instance.url, site: env.site)]
        switch instance.document.meta.item {
        case .proposal(let fields)?:
            row["kind"] = "proposal"
            row["category"] = fields.category ?? ""
            row["scope"] = fields.scope ?? ""
            row["state"] = fields.state.rawValue
            row["count"] = env.results[FormCatalog.id(collection, "supports")]?.options.first { $0.id == instance.key.name }.map { String($0.votes) } ?? ""
        case .project(let fields)?:
            row["kind"] = "project"
            row["category"] = fields.category ?? ""
            row["scope"] = fields.scope ?? ""
            row["cost"] = String(fields.cost)
            let outcome = env.results[FormCatalog.id(collection, "vote")]?.options.first { $0.id == instance.key.name }
            row["count"] = outcome.map { String($0.votes) } ?? ""
            row["selected"] = outcome?.selected.map { $0 ? "yes" : "no" } ?? ""
        case .petition(let fields)?:
            row["kind"] = "petition"
            row["state"] = fields.state.rawValue
            row["category"] = fields.committee ?? ""
            row["count"] = env.results[FormCatalog.id(instance.key, "sign")]?.signatures.map(String.init) ?? ""
        case .meeting?:
            row["kind"] = "meeting"
        case nil:
            row["kind"] = "page"
        }
        return row
    }

    /// RFC 4180 CSV with a header, lines ending in CRLF.
    static func csv(_ rows: [[String: String]]) -> String {
        ([CSVWriter.record(columns)] + rows.map { row in CSVWriter.record(columns.map { row[$0] ?? "" }) }).joined(separator: "\r\n") + "\r\n"
    }

    static func meetingEvent(_ instance: PageInstance, env: RenderEnvironment) -> ICalendar.Event? {
        guard case .meeting(let fields)? = instance.document.meta.item else { return nil }
        let location = [fields.place, fields.address, fields.onlineURL].compactMap { $0 }.joined(separator: ", ")
        return ICalendar.Event(uid: "\(instance.key.description)@\(env.site.absoluteBase)", start: fields.start, end: fields.end, allDayZone: nil,
                               summary: instance.document.meta.title, location: location.isEmpty ? nil : location,
                               url: PageContext.absolute(instance.url, site: env.site), description: instance.document.meta.description)
    }

    static func calendar(_ key: ContentKey, _ space: SpaceSettings, env: RenderEnvironment) -> String {
        let site = env.site
        let main = site.config.defaultLanguage.code
        var events = space.phases.map { phase in
            ICalendar.Event(uid: "\(key.directory)/\(phase.id)@\(site.absoluteBase)", start: phase.start, end: phase.end, allDayZone: site.config.timeZone,
                            summary: phase.title, location: nil, url: PageContext.absolute(site.url(of: key, in: main) ?? "", site: site), description: phase.description)
        }
        for (collection, settings) in env.spaces.collections where settings == .meetings && env.spaces.space(of: collection) == key {
            for item in env.spaces.items[collection] ?? [] {
                if let instance = site.instance(item, main), let event = meetingEvent(instance, env: env) { events.append(event) }
            }
        }
        return ICalendar.file(events, name: site.instance(key, main)?.document.meta.title ?? key.directory, stamp: env.now)
    }
}
