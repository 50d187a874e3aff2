@testable import CollectorKit
import Foundation
import Model

/// Signed records, databases, rolls and manifests for the tellers' tests, all made by hand.
enum TellerFixtures {
    static let now = Fixtures.now

    static func key(_ seed: UInt8) -> VotingKey { VotingKey(seed: [UInt8](repeating: seed, count: 32))! }

    /// A stored row for a ballot signed by `key`, received `after` seconds after it was issued.
    static func record(_ form: FormSpec, _ items: [BallotItem], key: VotingKey, nonce: UInt8, issued: Date = now, after: TimeInterval = 30,
                       identity: String? = nil, clientHash: String = "hash-1", collector: String = "c1", credential: [UInt8]? = nil) -> SubmissionRecord {
        let ballot = CanonicalBallot(form: form.id, items: items, nonce: [UInt8](repeating: nonce, count: 16), issued: issued, credential: credential)
        return signedRecord(form: form.id, text: ballot.text, key: key, received: issued.addingTimeInterval(after), identity: identity,
                            clientHash: clientHash, collector: collector)
    }

    /// A row for any text signed by `key`, so tests can store what a collector would refuse.
    static func signedRecord(form: String, text: String, key: VotingKey, received: Date = now, identity: String? = nil,
                             clientHash: String = "hash-1", collector: String = "c1") -> SubmissionRecord {
        let signature = try! key.privateKey.signature(for: Data(text.utf8))
        return SubmissionRecord(receipt: SignedBallot.receipt(ofSignature: Array(signature)), form: form, ballot: text, publicKey: key.publicKey,
                                signature: Base64URL.encode(signature), identity: identity, receivedAt: SubmissionIntake.timestamp(received),
                                collectorID: collector, clientHash: clientHash)
    }

    /// Writes a fixture string of `-- path --` sections under `root`.
    static func writeFiles(_ files: String, under root: URL) throws {
        for section in files.components(separatedBy: "-- ").dropFirst() {
            guard let end = section.range(of: " --\n") else { continue }
            let url = root.appendingPathComponent(String(section[..<end.lowerBound]))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try String(section[end.upperBound...]).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("teller-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A collector file holding `records`.
    static func database(_ records: [SubmissionRecord], in directory: URL = temporaryDirectory(), name: String = "collector.sqlite") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try CollectorFile.write(records, to: path)
        return path
    }

    static func inputs(_ forms: [FormSpec], rolls: [RollFile] = []) throws -> TellerInputs {
        let manifest = try BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en", forms: forms).sealed()
        return TellerInputs(manifest: manifest, manifestData: try BallotManifest.encoder(pretty: true).encode(manifest), rolls: try Rolls(rolls))
    }

    /// Writes the inputs as the files the command line reads; returns the manifest path and the roll paths.
    static func files(_ inputs: TellerInputs, in directory: URL) throws -> (manifest: String, rolls: [String]) {
        let manifest = directory.appendingPathComponent("ballots.json")
        try inputs.manifestData.write(to: manifest)
        let rolls = try inputs.rolls.files.map { roll -> String in
            let url = directory.appendingPathComponent(roll.rollID + ".txt")
            try Data(roll.text.utf8).write(to: url)
            return url.path
        }
        return (manifest.path, rolls)
    }

    /// Every row of a table, sorted, to compare databases by content.
    static func dump(_ path: String, table: String = "submissions") -> [[String?]] {
        TestDatabase(path: path).rows("SELECT receipt, form_id, ballot, public_key, signature, identity, received_at, collector_id, client_hash FROM \(table)")
            .sorted { $0.map { $0 ?? "" }.lexicographicallyPrecedes($1.map { $0 ?? "" }) }
    }
}
