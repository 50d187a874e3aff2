import Model

/// The choices that make `import` order-independent: whichever file comes first, the same rows end up in the target.
enum ImportOrder {
    /// Fields that make two rows of one receipt the same submission.
    static func content(_ record: SubmissionRecord) -> [String] {
        [record.form, record.ballot, record.publicKey, record.signature, record.identity ?? ""]
    }

    /// Where and when a submission arrived; a submission seen by several collectors keeps its earliest arrival.
    static func provenance(_ record: SubmissionRecord) -> [String] {
        [record.receivedAt, record.collectorID, record.clientHash]
    }

    static func precedes(_ a: [String], _ b: [String]) -> Bool {
        a.lexicographicallyPrecedes(b) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Of two contents under one receipt, the one that stays in `submissions`: one whose signature verifies, else the smaller.
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
