import Foundation
import XCTest

/// Issue 21, point 10: README's "Commands" lists every option each command's `--help` prints.
final class DocumentedCommandsTests: XCTestCase {
    private static let commands: [(executable: String, arguments: [String])] = [
        ("sitegen", ["build"]), ("sitegen", ["serve"]), ("sitegen", ["check"]), ("sitegen", ["new"]),
        ("collector", ["serve"]), ("collector", ["credentials"]), ("collector", ["import"]), ("collector", ["verify"]),
        ("collector", ["tally"]), ("collector", ["export"]), ("collector", ["publish"]), ("collector", ["report"]),
        ("collector", ["opinions"]), ("collector", ["audit", "receipt"]), ("collector", ["issuer", "key"]), ("collector", ["issuer", "serve"]),
    ]

    /// The options a `--help` lists: each `--name` that starts an entry of its OPTIONS part (indented by two spaces;
    /// deeper lines are explanations, which may name other options).
    private func options(inHelp help: String) -> Set<String> {
        guard let start = help.range(of: "OPTIONS:") else { return [] }
        var names: Set<String> = []
        for line in help[start.upperBound...].split(separator: "\n") where line.hasPrefix("  -") {
            let option = line.dropFirst(2).hasPrefix("-v, ") ? line.dropFirst(6) : line.dropFirst(2)
            guard option.hasPrefix("--") else { continue }
            names.insert(String(option.prefix { !$0.isWhitespace }))
        }
        names.remove("--help")
        return names
    }

    func testReadmeListsEveryOptionOfEveryCommand() throws {
        let readme = try String(contentsOf: CommandLineRun.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "## Commands\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        for (executable, arguments) in Self.commands {
            let binary = CollectorProcess.executable.deletingLastPathComponent().appendingPathComponent(executable)
            let help = try CommandLineRun(arguments + ["--help"], executable: binary)
            let listed = options(inHelp: help.output + help.errors)
            XCTAssertFalse(listed.isEmpty, "\(executable) \(arguments.joined(separator: " ")) --help lists no option")
            let lines = section.split(separator: "\n").filter { $0.contains("\(executable) \(arguments.joined(separator: " "))") || $0.hasPrefix(" ") }
            for option in listed.sorted() where !lines.contains(where: { $0.contains(option + " ") || $0.contains(option + "]") || $0.hasSuffix(option) }) {
                XCTFail("README's Commands does not list \(executable) \(arguments.joined(separator: " ")) \(option)")
            }
        }
    }
}
