import Foundation
import Model
@testable import SiteKit
import XCTest

/// The CSV files the count and the site publish, as Python's csv module reads them: each value comes back whole.
final class CSVInPythonTests: XCTestCase {
    /// What a free-text answer or a hand-made ballot may hold (a quote or comma with a combining mark is one Character).
    private let hostile = ["line one\r\nline two", "carriage\rreturn", "line\nfeed", "say \"no\"", "a, b", "\"\u{301}", ",\u{301}",
                           "café ☕ 日本", " padded\t", "=1+1", "", "plain"]

    func testAnswersCSVReadsBackInPython() throws {
        let answers = hostile.enumerated().map { TextAnswer(receipt: String(format: "%064x", $0.offset), question: "say", text: $0.element) }
        XCTAssertEqual(try pythonRows(ResultFiles.csv(answers)), [["receipt", "question", "answer"]] + answers.map { [$0.receipt, $0.question, $0.text] })
    }

    func testOpenDataCSVReadsBackInPython() throws {
        let rows = hostile.map { ["kind": "proposal", "id": "p", "title": $0, "category": $0] }
        XCTAssertEqual(try pythonRows(Data(OpenData.csv(rows).utf8)),
                       [OpenData.columns] + rows.map { row in OpenData.columns.map { row[$0] ?? "" } })
    }

    /// The rows of `csv` as Debian's python3 reads them from a file opened with `newline=''`, as its documentation asks.
    private func pythonRows(_ csv: Data) throws -> [[String]] {
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else { throw XCTSkip("no /usr/bin/python3") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try csv.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return try JSONDecoder().decode([[String]].self, from: data)
    }
}
