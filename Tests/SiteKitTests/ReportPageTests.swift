import Foundation
import Model
import XCTest
@testable import SiteKit

/// A `type: report` page: the participation report `collector report` wrote, as charts and tables, its CSV published.
final class ReportPageTests: XCTestCase {
    private func site(report: String = "weekly") throws -> SiteFixture {
        let form = FormSpec(id: "fund/needs/supports", kind: .supports, title: ["en": "Needs"], space: "fund", eligibility: .open)
        let monday = UTCSecond.parse("2026-11-02T00:00:00Z")!
        let rows = (0..<12).map { ReportRow(form: form.id, receivedAt: monday.addingTimeInterval(Double($0) * 3600), accepted: $0 != 11, voter: "k\($0)") }
        let starts = [StartCount(form: form.id, hour: monday, count: 20)]
        let json = String(decoding: try ResultFiles.json(ParticipationReport.make(rows: rows, starts: starts, forms: [form], from: monday,
                                                                                   to: monday.addingTimeInterval(14 * 86_400), period: .week, minimum: 5)), as: UTF8.self)
        return try SiteFixture(SiteFixture.site + """

        -- content/site.yaml --
        title:
          en: Fund
        base_url: https://example.org/
        default_language: en
        languages:
          - code: en
            name: English
          - code: fr
            name: Français
        -- content/fund/_index.en.md --
        ---
        title: Open-source fund
        kind: budget
        scopes:
          - {id: north, title: North, population: 300}
          - {id: south, title: South, population: 200}
        ---
        -- content/fund/needs/_index.en.md --
        ---
        title: Needs
        component: proposals
        supports:
          per_participant: 3
        ---
        -- content/fund/report.en.md --
        ---
        title: Weekly report
        type: report
        report: \(report)
        ---
        -- content/_reports/weekly/report.json --
        \(json)
        -- content/_reports/weekly/report.csv --
        scope,id,period_start,accepted,rejected
        """)
    }

    func testTheReportShowsEachWeekWithSmallCountsHiddenAndLinksItsCSV() throws {
        let fixture = try site()
        defer { fixture.remove() }
        try fixture.build()
        let page = try fixture.read("en/fund/report/index.html")
        XCTAssertContains(page, #"<tr><th scope="row">Week of November 2, 2026</th><td>11</td><td>&lt; 5</td></tr>"#)
        XCTAssertContains(page, #"<tr><th scope="row">Week of November 9, 2026</th><td>0</td><td>0</td></tr>"#)
        XCTAssertContains(page, "Accepted: 11 · Set aside: &lt; 5 · Participants: 11")
        XCTAssertContains(page, "<p>Participants are 2.2 % of the 500 people the space addresses.</p>")
        XCTAssertContains(page, "<p>Ballots begun: 20; submitted and accepted: 55 %.</p>")
        XCTAssertContains(page, #"<a href="/reports/weekly.csv" download>"#)
        XCTAssertTrue(fixture.exists("reports/weekly.csv"))
    }

    func testAPageNamingAMissingReportIsAnErrorNamingTheFile() throws {
        let fixture = try site(report: "monthly")
        defer { fixture.remove() }
        let messages = fixture.failingBuild().map(\.description)
        XCTAssertTrue(messages.contains { $0.contains("report.en.md") && $0.contains("no participation report `monthly`") }, "\(messages)")
    }
}
