import XCTest
@testable import Model

final class CSVWriterTests: XCTestCase {
    /// Values a participant or a hand-made ballot may send: line breaks of every kind, quotes, commas, and a quote or
    /// comma followed by a combining mark (one Character with it, so a Character test does not see them).
    static let hostile = ["line one\r\nline two", "carriage\rreturn", "line\nfeed", "say \"no\"", "a, b", "\"\u{301}", ",\u{301}",
                          "café ☕ 日本", " padded\t", "=1+1", "-1", "", "plain"]

    func testAFieldIsQuotedByItsBytesNotItsCharacters() {
        XCTAssertEqual(CSVWriter.record(["a\r\nb", "c"]), "\"a\r\nb\",c", "\"\\r\\n\" is one Character, equal to neither CR nor LF")
        XCTAssertEqual(ResultFiles.csv([TextAnswer(receipt: "r", question: "q", text: "a\r\nb")]),
                       Data("receipt,question,answer\r\nr,q,\"a\r\nb\"\r\n".utf8))
        XCTAssertEqual(CSVWriter.record(["\"\u{301}", ",\u{301}"]), "\"\"\"\u{301}\",\",\u{301}\"")
        XCTAssertEqual(CSVWriter.record(["x\ry", "x\ny", "a,b", "say \"no\""]), "\"x\ry\",\"x\ny\",\"a,b\",\"say \"\"no\"\"\"")
        XCTAssertEqual(CSVWriter.record(["café ☕", "=1+1", "-1", "", "plain"]), "café ☕,=1+1,-1,,plain", "written as given")
        XCTAssertEqual(CSVWriter.record([" padded", "tab\t", "in side"]), "\" padded\",\"tab\t\",in side")
        XCTAssertEqual(CSVWriter.record([""]), "\"\"", "a record of one empty field is not a blank line")
        XCTAssertEqual(CSVWriter.record(["a;b", "a,b"], separator: ";"), "\"a;b\";a,b")
    }

    func testTheCommaReaderReadsBackWhatTheWriterWrites() throws {
        let rows = Self.hostile.enumerated().map { [String($0.offset), $0.element, "end"] }
        for ending in ["\r\n", "\n"] {
            let text = ([["id", "value", "last"]] + rows).map { CSVWriter.record($0) + ending }.joined()
            let table = try CommaSeparatedValues(text, file: "t.csv")
            XCTAssertEqual(table.header, ["id", "value", "last"])
            XCTAssertEqual(table.rows.map(\.fields), rows)
        }
        let column = try CommaSeparatedValues(["value", "", "x"].map { CSVWriter.record([$0]) + "\r\n" }.joined() + "\r\n", file: "c.csv")
        XCTAssertEqual(column.rows.map(\.fields), [[""], ["x"]], "the quoted empty field is a row; the blank line is not")
    }
}
