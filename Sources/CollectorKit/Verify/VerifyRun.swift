import Foundation
import Model

/// `verify` on a database: judge every submission and store the verdicts; `tally` reuses them while they hold.
public enum VerifyRun {
    /// Verifies every submission in `db`, a chunk at a time, and stores the verdicts there.
    public static func run(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> VerdictList {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector verify " + CollectorVersion.current)
        return try verifyAndStore(database, inputs: inputs, settings: settings)
    }

    /// What `tally` counts: as `verify` stored it with the verdicts when they were made from these inputs, else from a
    /// fresh verification (then stored).
    public static func countInput(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> (input: CountInput, reused: Bool) {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector tally " + CollectorVersion.current)
        let store = CountInputStore(database: database)
        let fingerprint = inputs.fingerprint(settings: settings, submissions: try VerdictStore(database: database).submissionsState())
        if let input = try store.load(fingerprint: fingerprint, manifest: inputs.manifest) { return (input, true) }
        _ = try verifyAndStore(database, inputs: inputs, settings: settings)
        guard let input = try store.load(fingerprint: fingerprint, manifest: inputs.manifest) else {
            throw TellerError("\(path): the count input just stored cannot be read back; check the disk, then run `collector verify` again")
        }
        return (input, false)
    }

    /// The stored verdicts when they were made from the same inputs, else a fresh verification (then stored); the
    /// submissions held in memory, as publishing and exports need them whole. With stored verdicts every check runs
    /// again but the signatures', whose outcome they hold.
    public static func current(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> (verification: Verification, reused: Bool) {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector tally " + CollectorVersion.current)
        let store = VerdictStore(database: database)
        let fingerprint = inputs.fingerprint(settings: settings, submissions: try store.submissionsState())
        let verifier = try verifier(database, inputs: inputs, settings: settings)
        let (records, sightings) = (try database.submissions(), try database.sharedSightings())
        let identities = IdentityEvidence.fields(digestKey: try database.identityDigestKey())
        if let stored = try store.load(fingerprint: fingerprint) {
            let bad = Set(stored.filter { $0.value.verdict == .badSignature }.keys)
            let verification = verifier.verify(records, sightings: sightings, identities: identities, signatures: .known(bad: bad))
            if zip(verification.records, verification.verdicts).allSatisfy({ $1 == stored[$0.receipt] ?? BallotVerdict(.valid) }) {
                return (verification, true)
            }
        }
        let verification = verifier.verify(records, sightings: sightings, identities: identities)
        try store.save(verification.list, manifest: inputs.manifest, fingerprint: fingerprint)
        return (verification, false)
    }

    private static func verifier(_ database: CollectorDatabase, inputs: TellerInputs, settings: VerifySettings) throws -> BallotVerifier {
        let present = Set(try database.rows("SELECT DISTINCT form_id FROM submissions").compactMap { $0[0] })
        try inputs.rolls.checkCovers(inputs.manifest.forms.filter { present.contains($0.id) })
        return BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: settings)
    }

    private static func verifyAndStore(_ database: CollectorDatabase, inputs: TellerInputs, settings: VerifySettings) throws -> VerdictList {
        let store = VerdictStore(database: database)
        let fingerprint = inputs.fingerprint(settings: settings, submissions: try store.submissionsState())
        let verifier = try verifier(database, inputs: inputs, settings: settings)
        let (sightings, key) = (try database.sharedSightings(), try database.identityDigestKey())
        // The chunks are read on a thread of their own: nothing else uses the connection until the last is read.
        let list = try verifier.verify(chunks: try database.chunks(), sightings: sightings, identities: .fields(digestKey: key))
        try store.save(list, manifest: inputs.manifest, fingerprint: fingerprint)
        return list
    }
}
