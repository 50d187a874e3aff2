import Foundation
import Model

/// The roll files given to a teller's command, by roll id.
public struct Rolls: Sendable {
    public let files: [RollFile]
    private let index: KeyIndex

    public init(_ files: [RollFile]) throws {
        var seen = Set<String>()
        for file in files where !seen.insert(file.rollID).inserted {
            throw TellerError("two roll files are for roll `\(file.rollID)`; pass each roll once")
        }
        self.init(sorted: files.sorted { $0.rollID < $1.rollID })
    }

    private init(sorted files: [RollFile]) {
        self.files = files
        index = KeyIndex(files)
    }

    /// No roll at all.
    public static let none = Rolls(sorted: [])

    /// Reads each `--roll` file; an error names the file and line.
    public static func load(_ paths: [String]) throws -> Rolls {
        try Rolls(paths.map { try file($0) })
    }

    /// Reads one roll file given with `flag` (`--roll`, or the issuer's `--codes`); an error names the flag, the file and line.
    public static func file(_ path: String, flag: String = "--roll") throws -> RollFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw TellerError("\(flag) \(path): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw TellerError("\(flag) \(path): not UTF-8 text") }
        do {
            return try RollFile.parse(text)
        } catch {
            throw TellerError("\(flag) \(path): \(error.description) (the format is in docs/BALLOT.md, \"Roll file\")")
        }
    }

    /// Each roll's keys, made on first use: a verifier takes them once, so no ballot's check waits on the index's lock.
    var keys: RollKeys { index.keys }

    /// The size of each roll, for turnout.
    func size(_ rollID: String?) -> Int? { files.first { $0.rollID == rollID }?.count }

    /// Refuses to verify ballots of a `roll` form whose roll was not given.
    func checkCovers(_ forms: [FormSpec]) throws {
        for form in forms where form.eligibility == .roll {
            guard let roll = form.roll else { throw TellerError("form `\(form.id)` is voted with codes but names no roll in the manifest") }
            guard files.contains(where: { $0.rollID == roll }) else {
                throw TellerError("form `\(form.id)` is voted with codes of roll `\(roll)`: pass its roll.txt with --roll (written by `collector credentials --roll \(roll)`)")
            }
        }
    }
}

/// Each roll's keys as bytes, sorted, with where each two-byte prefix starts: a check searches the few keys of its
/// prefix, where a search of the whole million missed the cache at each of its twenty steps.
struct RollKeys: Sendable {
    private let rolls: [String: (keys: [Bytes32], starts: [Int32])]

    /// Each roll's keys, in any order: placed by their prefix, then each prefix's few sorted, on every core (a sort
    /// of the whole million on one core kept the other idle before the first ballot).
    init(_ rolls: [String: [Bytes32]]) {
        self.rolls = rolls.mapValues { keys in
            var starts = [Int32](repeating: 0, count: 65_537)
            for key in keys { starts[key.prefix16 + 1] += 1 }
            for prefix in 0..<65_536 { starts[prefix + 1] += starts[prefix] }
            var next = starts
            var placed = [Bytes32](repeating: .zero, count: keys.count)
            for key in keys {
                placed[Int(next[key.prefix16])] = key
                next[key.prefix16] += 1
            }
            placed.withUnsafeMutableBufferPointer { buffer in
                let output = buffer
                DispatchQueue.concurrentPerform(iterations: 64) { part in
                    for prefix in (part * 1024)..<((part + 1) * 1024) {
                        output[Int(starts[prefix])..<Int(starts[prefix + 1])].sort()
                    }
                }
            }
            return (placed, starts)
        }
    }

    /// Whether roll `rollID` is one of these.
    func holds(_ rollID: String) -> Bool { rolls[rollID] != nil }

    /// Whether `key` is on roll `rollID`.
    func contains(_ key: Bytes32, roll rollID: String) -> Bool {
        guard let roll = rolls[rollID] else { return false }
        let end = Int(roll.starts[key.prefix16 + 1])
        var (low, high) = (Int(roll.starts[key.prefix16]), end)
        while low < high {
            let middle = (low + high) / 2
            if roll.keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < end && roll.keys[low] == key
    }
}

/// Each roll's keys as bytes, sorted, made when first asked for: a million keys take 32 MB so, where strings took a
/// million allocations and a hash set twice the room; and a count from the stored count input never asks.
private final class KeyIndex: @unchecked Sendable {
    private let files: [RollFile]
    private let lock = NSLock()
    private var made: RollKeys?

    init(_ files: [RollFile]) { self.files = files }

    var keys: RollKeys {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let keys = RollKeys(Dictionary(uniqueKeysWithValues: files.map { ($0.rollID, $0.keys) }))
        made = keys
        return keys
    }
}
