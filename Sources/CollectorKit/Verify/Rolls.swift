import Foundation
import Model

/// The roll files given to a teller's command, by roll id.
public struct Rolls: Sendable {
    public let files: [RollFile]
    /// Each roll's keys as bytes, sorted: a million keys take 32 MB so, where strings took a million allocations
    /// and a hash set twice the room.
    private let keys: [String: [Bytes32]]

    public init(_ files: [RollFile]) throws {
        var keys: [String: [Bytes32]] = [:]
        for file in files {
            guard keys[file.rollID] == nil else { throw TellerError("two roll files are for roll `\(file.rollID)`; pass each roll once") }
            keys[file.rollID] = file.keys.sorted()
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

    /// Whether `key` is on roll `rollID`.
    func contains(_ key: Bytes32, roll rollID: String) -> Bool {
        guard let keys = keys[rollID] else { return false }
        var (low, high) = (0, keys.count)
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key
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
