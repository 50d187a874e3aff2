import Foundation
@testable import Model
import XCTest

final class ParticipationReportTests: XCTestCase {
    private let petition = FormSpec(id: "house/trains/sign", kind: .petition, title: ["en": "Night trains"], space: "house", eligibility: .open,
                                    thresholds: [Threshold(count: 6, consequence: [:]), Threshold(count: 100, consequence: [:])])
    private let supports = FormSpec(id: "fund/needs/supports", kind: .supports, title: ["en": "Needs"], space: "fund", eligibility: .open)

    private func day(_ text: String) -> Date { UTCSecond.parse(text + "T00:00:00Z")! }

    private func rows() -> [ReportRow] {
        // Week of Monday 2026-11-02: 6 signatures by 5 keys (one signs twice), 1 set aside; week of 11-09: 3; a row before `from`.
        var rows = (0..<6).map { ReportRow(form: petition.id, receivedAt: day("2026-11-02").addingTimeInterval(Double($0) * 3600), accepted: true, voter: "k\(min($0, 4))") }
        rows.append(ReportRow(form: petition.id, receivedAt: day("2026-11-03"), accepted: false, voter: "bad"))
        rows += (0..<3).map { ReportRow(form: petition.id, receivedAt: day("2026-11-10"), accepted: true, voter: "w\($0)") }
        rows.append(ReportRow(form: petition.id, receivedAt: day("2026-10-01"), accepted: true, voter: "early"))
        rows += (0..<7).map { ReportRow(form: supports.id, receivedAt: day("2026-11-11"), accepted: true, voter: "s\($0)") }
        return rows
    }

    func testWeeksSmallCountsParticipantsAndThresholds() throws {
        let report = ParticipationReport.make(rows: rows(), forms: [petition, supports], from: day("2026-11-04"), to: day("2026-11-16"),
                                              period: .week, minimum: 5)
        let trains = try XCTUnwrap(report.forms.first { $0.form == petition.id })
        XCTAssertEqual(trains.periods.map(\.start), [day("2026-11-02"), day("2026-11-09")], "weeks start on Monday, even before `from`")
        // `from` is 11-04: the week of 11-02 keeps none of its rows (all were on 11-02 and 11-03).
        XCTAssertEqual(trains.periods.map(\.accepted), [.count(0), .fewerThan(5)])
        XCTAssertEqual(trains.accepted, .fewerThan(5))
        let all = ParticipationReport.make(rows: rows(), forms: [petition, supports], from: day("2026-11-02"), to: day("2026-11-16"),
                                           period: .week, minimum: 5)
        let counted = try XCTUnwrap(all.forms.first { $0.form == petition.id })
        XCTAssertEqual(counted.periods.map(\.accepted), [.count(6), .fewerThan(5)])
        XCTAssertEqual(counted.periods.map(\.rejected), [.fewerThan(5), .count(0)])
        XCTAssertEqual(counted.accepted, .count(9))
        XCTAssertEqual(counted.participants, .count(8), "one key signed twice")
        XCTAssertEqual(counted.thresholds, [ThresholdReached(count: 6, reachedAt: day("2026-11-02").addingTimeInterval(5 * 3600)),
                                            ThresholdReached(count: 100, reachedAt: nil)])
        XCTAssertEqual(all.spaces.map(\.space), ["fund", "house"])
        XCTAssertEqual(all.spaces.first?.accepted, .count(7))
    }

    func testDaysAndTheCSVAndJSONSpellingOfHiddenCounts() throws {
        let report = ParticipationReport.make(rows: rows(), forms: [supports], from: day("2026-11-10"), to: day("2026-11-12"), period: .day, minimum: 10)
        XCTAssertEqual(report.forms.first?.periods.map(\.accepted), [.count(0), .fewerThan(10)])
        XCTAssertEqual(report.csv, "scope,id,period_start,accepted,rejected\r\n"
            + "form,fund/needs/supports,2026-11-10T00:00:00Z,0,0\r\nform,fund/needs/supports,2026-11-11T00:00:00Z,< 10,0\r\n"
            + "space,fund,2026-11-10T00:00:00Z,0,0\r\nspace,fund,2026-11-11T00:00:00Z,< 10,0\r\n")
        let json = String(decoding: try ResultFiles.json(report), as: UTF8.self)
        XCTAssertTrue(json.contains(#""accepted": "< 10""#), json)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        XCTAssertEqual(try decoder.decode(ParticipationReport.self, from: Data(json.utf8)), report)
    }
}
