import Foundation
import Model

/// The choices that make `import` order-independent and unsteerable: whichever file comes first, and whatever a
/// hostile file holds, the same rows end up in the target.
enum ImportOrder {
    /// The signed fields, which make two rows of one receipt the same submission. Where, when and with which identity
    /// fields it arrived are sightings (`Sighting`), kept beside it.
    static func content(_ record: SubmissionRecord) -> [String] {
        [record.form, record.ballot, record.publicKey, record.signature]
    }

    static func precedes(_ a: [String], _ b: [String]) -> Bool {
        a.lexicographicallyPrecedes(b) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Why a row cannot be what it claims, or nil. Checked before it may take a receipt: a row that fails here never
    /// displaces anything.
    static func refusal(_ record: SubmissionRecord) -> String? {
        guard let signature = Base64URL.decode(record.signature), signature.count == SignedBallot.signatureLength else {
            return "the signature is not 64 bytes of base64url"
        }
        guard SignedBallot.receipt(ofSignature: signature) == record.receipt else { return "the receipt is not the SHA-256 of the signature" }
        guard let ballot = try? CanonicalBallot.parse(record.ballot) else { return "the ballot is not canonical" }
        guard ballot.form == record.form else { return "the row's form `\(record.form)` is not the ballot's `\(ballot.form)`" }
        return refusal(Sighting(record))
    }

    /// Why a sighting cannot be what a collector writes, or nil: an arrival time that is not one, or fields longer
    /// than any collector makes (a detail listing a hostile file's megabytes would stop the count).
    static func refusal(_ sighting: Sighting) -> String? {
        guard sighting.receivedAt.utf8.count <= 40, ReceivedTime.parse(sighting.receivedAt) != nil else {
            return "received_at is not an ISO 8601 UTC time"
        }
        guard sighting.collectorID.utf8.count <= 200 else { return "the collector id is longer than 200 bytes" }
        guard sighting.clientHash.utf8.count <= 200 else { return "the client hash is longer than 200 bytes" }
        guard (sighting.identity?.utf8.count ?? 0) <= 16_384 else { return "the identity fields are longer than 16 KiB" }
        return nil
    }

    /// Of two contents under one receipt (so one signature), the one that stays in `submissions`: the one whose
    /// signature verifies (at most one can), else the smaller.
    static func prefers(_ a: SubmissionRecord, over b: SubmissionRecord) -> Bool {
        let (aValid, bValid) = (signatureVerifies(a), signatureVerifies(b))
        if aValid != bValid { return aValid }
        return precedes(content(a), content(b))
    }

    private static func signatureVerifies(_ record: SubmissionRecord) -> Bool {
        guard let key = Base64URL.decode(record.publicKey), let signature = Base64URL.decode(record.signature) else { return false }
        return SignedBallot(text: record.ballot, publicKey: key, signature: signature).isSignatureValid
    }
}
