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
        var format = "audit/v1"
        var form: String
        var countedAt: Date
        var revote: RevotePolicy
        var tolerance: Double
        var auditURL: String?

        enum CodingKeys: String, CodingKey {
            case format, form, revote, tolerance
            case countedAt = "counted_at"
            case auditURL = "audit_url"
        }
    }

    /// One line of `ballots.jsonl`: a ballot without the address hash or identity fields.
    struct Ballot: Codable, Equatable {
        var receipt: String
        var ballot: String
        var publicKey: String
        var signature: String
        var receivedAt: String
        var verdict: Verdict
        var detail: String?

        enum CodingKeys: String, CodingKey {
            case receipt, ballot, signature, verdict, detail
            case publicKey = "public_key"
            case receivedAt = "received_at"
        }

        /// The record `verify` reads: no identity, no address hash, no collector.
        var record: SubmissionRecord {
            SubmissionRecord(receipt: receipt, form: "", ballot: ballot, publicKey: publicKey, signature: signature, identity: nil,
                             receivedAt: receivedAt, collectorID: "", clientHash: "")
        }
    }

    static func lineEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
