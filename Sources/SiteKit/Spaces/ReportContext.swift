import Foundation
import Model

/// Reads `content/_reports/<name>/report.json`, the participation reports `collector report` writes.
enum ReportsLoader {
    static func load(_ files: [(file: String, name: String, data: Data)], sink: DiagnosticSink) -> [String: ParticipationReport] {
        var reports: [String: ParticipationReport] = [:]
        for (file, name, data) in files {
            do {
                reports[name] = try BallotManifest.decoder().decode(ParticipationReport.self, from: data)
            } catch {
                sink.error(file, "not a participation report: \(error)", hint: "write it with `collector report --out content/_reports/\(name)`")
            }
        }
        return reports
    }
}

/// A participation report as a page shows it: per space and per form, a chart over time and the same figures as a table.
enum ReportContext {
    static func add(to context: inout [String: Any], _ instance: PageInstance, name: String, environment env: RenderEnvironment) {
        guard let report = env.reports[name] else {
            env.sink.error(instance.document.file, "no participation report `\(name)` in content/_reports/",
                           hint: "write it with `collector report --out content/_reports/\(name)`, or fix `report:`")
            return
        }
        let code = instance.language.code
        let formats = env.formats[code]!
        let strings = env.strings(for: code)
        // Periods start at midnight UTC: their middle names the same calendar day in every time zone of the site.
        let day = { (start: Date) in formats.date(start.addingTimeInterval(12 * 3600)) }
        let periodLabel = { (start: Date) in
            report.period == .week ? strings?.text("report_week_of", ["date": day(start)]) ?? day(start) : day(start)
        }
        let chart = { (periods: [PeriodCounts]) in
            BarChart.svg(periods.map { (periodLabel($0.start), Double(Self.value($0.accepted)), false) }, valueFormat: { formats.number(Int($0)) })
        }
        let rows = { (periods: [PeriodCounts]) in
            periods.map { ["period": periodLabel($0.start), "accepted": Self.text($0.accepted, formats), "rejected": Self.text($0.rejected, formats)] }
        }
        let spaceTitle = { (space: String) in env.site.instance(ContentKey(directory: space, name: "_index"), code)?.document.meta.title ?? space }
        context["report"] = [
            "csv_url": env.site.basePath + ReportContext.csvPath(name),
            "about": strings?.text("report_about", ["date": day(report.to.addingTimeInterval(-86_400)), "min": formats.number(report.minimum)]) ?? "",
            "spaces": report.spaces.map { space -> [String: Any] in
                var item: [String: Any] = [
                    "title": spaceTitle(space.space), "accepted": Self.text(space.accepted, formats), "rejected": Self.text(space.rejected, formats),
                    "participants": Self.text(space.participants, formats), "chart": chart(space.periods), "rows": rows(space.periods),
                ]
                let population = env.spaces.spaces[ContentKey(directory: space.space, name: "_index")]?.scopes.compactMap(\.population).reduce(0, +) ?? 0
                if population > 0 {
                    item["share"] = strings?.text("report_share", ["share": Self.share(space.participants, of: population, formats),
                                                                   "population": formats.number(population)]) ?? ""
                }
                return item
            },
            "forms": report.forms.map { form -> [String: Any] in
                var item: [String: Any] = [
                    "title": form.title[code] ?? form.title[env.site.config.defaultLanguage.code] ?? form.form, "id": form.form,
                    "accepted": Self.text(form.accepted, formats), "rejected": Self.text(form.rejected, formats),
                    "participants": Self.text(form.participants, formats), "chart": chart(form.periods), "rows": rows(form.periods),
                ]
                let reached = form.thresholds.compactMap { threshold in
                    threshold.reachedAt.map { strings?.text("report_threshold_reached", ["count": formats.number(threshold.count), "date": formats.date($0)]) ?? "" }
                }
                if !reached.isEmpty { item["thresholds"] = reached }
                if let started = form.started, case .count(let begun) = started, begun > 0, case .count(let done) = form.accepted {
                    item["completion"] = strings?.text("report_completion", ["started": formats.number(begun),
                                                                             "share": formats.number((Double(done) * 1000 / Double(begun)).rounded() / 10) + " %"]) ?? ""
                } else if let started = form.started {
                    item["completion"] = strings?.text("report_completion", ["started": Self.text(started, formats), "share": "–"]) ?? ""
                }
                return item
            },
        ] as [String: Any]
    }

    /// Where a report's CSV is published, relative to the site's root.
    static func csvPath(_ name: String) -> String { "reports/" + name + ".csv" }

    /// Participants as a share of the population of the space's scopes; a hidden count gives only a bound.
    private static func share(_ count: ReportCount, of population: Int, _ formats: Formats) -> String {
        let percent = { (value: Int) in formats.number((Double(value) * 1000 / Double(population)).rounded() / 10) + " %" }
        switch count {
        case .count(let value): return percent(value)
        case .fewerThan(let minimum): return "< " + percent(minimum)
        }
    }

    /// A hidden count charts as zero: the bar must not hint at the number.
    private static func value(_ count: ReportCount) -> Int {
        if case .count(let value) = count { return value }
        return 0
    }

    private static func text(_ count: ReportCount, _ formats: Formats) -> String {
        switch count {
        case .count(let value): formats.number(value)
        case .fewerThan(let minimum): "< " + formats.number(minimum)
        }
    }
}
