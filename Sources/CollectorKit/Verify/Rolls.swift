import Foundation
import Model

/// The roll files given to a teller's command, by roll id.
public struct Rolls: Sendable {
    public let files: [RollFile]
    /// As bytes: a million keys as strings cost a million allocations.
    let keys: [String: Set<Bytes32>]

    public init(_ files: [RollFile]) throws {
        var keys: [String: Set<Bytes32>] = [:]
        for file in files {
            guard keys[file.rollID] == nil else { throw TellerError("two roll files are for roll `\(file.rollID)`; pass each roll once") }
            keys[file.rollID] = Set(file.keys)
        }
        self.files = files.sorted { $0.rollID < $1.rollID }
        self.keys = keys
    }

    /// Reads each `--roll` file; an error names the file and line.
    public static func load(_ paths: [String]) throws -> Rolls {
        try Rolls(paths.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw TellerError("--roll \(path): cannot read the file") }
            guard let text = String(data: data, encoding: .utf8) else { throw TellerError("--roll \(path): not UTF-8 text") }
            do {
                return try RollFile.parse(text)
            } catch let error as RollFileError {
                throw TellerError("--roll \(path): \(error.description) (the format is in docs/BALLOT.md, \"Roll file\")")
            }
        })
    }

    /// The size of each roll, for turnout.
    func size(_ rollID: String?) -> Int? { rollID.flatMap { keys[$0]?.count } }

    /// Refuses to verify ballots of a `roll` form whose roll was not given.
    func checkCovers(_ forms: [FormSpec]) throws {
        for form in forms where form.eligibility == .roll {
            guard let roll = form.roll else { throw TellerError("form `\(form.id)` is voted with codes but names no roll in the manifest") }
            guard keys[roll] != nil else {
                throw TellerError("form `\(form.id)` is voted with codes of roll `\(roll)`: pass its roll.txt with --roll (written by `collector credentials --roll \(roll)`)")
            }
        }
    }
}
