import Foundation
import Model

/// The files of an audit bundle (docs/AUDIT.md): per form a folder that recounts its result without the database.
enum BundleFormat {
    static let settingsFile = "bundle.json"
    static let ballotsFile = "ballots.jsonl"
    static let manifestFile = "manifest.json"
    static let rollFile = "roll.txt"
    static let resultFile = "result.json"
    static let answersFile = "answers.csv"

    /// `bundle.json`: what the count used besides the files, so a recount writes the same bytes.
    struct Settings: Codable, Equatable {
        /// v3: canonical JSON everywhere, the manifest's hash and the documents the recount follows, by their hashes;
        /// v4: the collectors' signed heads beside their logs.
        static let currentFormat = "audit/v4"
        var format = currentFormat
        var form: String
        var countedAt: Date
        var revote: RevotePolicy
        var tolerance: Double
        var auditURL: String?
        /// The manifest's `hash` (docs/COUNTING.md), which `manifest.json` must give.
        var manifestHash: String
        /// SHA-256 (hex) of each document in the folder, by file name.
        var documents: [String: String]

        enum CodingKeys: String, CodingKey {
            case format, form, revote, tolerance, documents
            case countedAt = "counted_at"
            case auditURL = "audit_url"
            case manifestHash = "manifest_hash"
        }
    }

    /// One line of `ballots.jsonl`: a ballot without the address hash or identity fields.
    struct Ballot: Codable, Equatable {
        var receipt: String
        var ballot: String
        var publicKey: String
        var signature: String
        /// The arrival the count used.
        var receivedAt: String
        /// Other collectors' files' arrival times for it, when they differ.
        var alsoReceived: [String]?
        /// Open forms: the keyed digest of the normalised identity fields (`IdentityEvidence`), or why they were refused.
        var identityDigest: String?
        var identityRefused: String?
        var verdict: Verdict
        var detail: String?

        enum CodingKeys: String, CodingKey {
            case receipt, ballot, signature, verdict, detail
            case publicKey = "public_key"
            case receivedAt = "received_at"
            case alsoReceived = "also_received"
            case identityDigest = "identity_digest"
            case identityRefused = "identity_refused"
        }

        /// The record `verify` reads: no identity, no address hash, no collector.
        func record(form: String) -> SubmissionRecord {
            SubmissionRecord(receipt: receipt, form: form, ballot: ballot, publicKey: publicKey, signature: signature, identity: nil,
                             receivedAt: receivedAt, collectorID: "", clientHash: "")
        }

        /// Every arrival, as sightings that say nothing else.
        var sightings: [Sighting] {
            ([receivedAt] + (alsoReceived ?? [])).map { Sighting(receivedAt: $0, collectorID: "", clientHash: "", identity: nil, source: "") }
        }

        var identity: PublishedIdentity { PublishedIdentity(digest: identityDigest, refused: identityRefused) }
    }

    /// A bundle file's JSON decoded, refusing any member named twice: which one counts would depend on the reader
    /// (Foundation keeps the first, most libraries the last), so a recount refuses it (docs/COUNTING.md section 1).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        _ = try CanonicalJSON.compact(json: data)
        return try decoder().decode(type, from: data)
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
