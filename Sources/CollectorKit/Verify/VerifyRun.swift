import Crypto
import Foundation
import Model

/// `verify` on a database: judge every submission and store the verdicts; `tally` reuses them while they hold.
public enum VerifyRun {
    /// Verifies every submission in `db` and stores the verdicts there.
    public static func run(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> Verification {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector verify " + CollectorVersion.current)
        return try verifyAndStore(database, inputs: inputs, settings: settings)
    }

    /// The stored verdicts when they were made from the same inputs, else a fresh verification (then stored). With
    /// stored verdicts every check runs again but the signatures', whose outcome they hold.
    public static func current(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> (verification: Verification, reused: Bool) {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector tally " + CollectorVersion.current)
        let store = VerdictStore(database: database)
        let fingerprint = inputs.fingerprint(settings: settings, submissions: try store.submissionsState())
        guard let stored = try store.load(fingerprint: fingerprint) else {
            return (try verifyAndStore(database, inputs: inputs, settings: settings), false)
        }
        let bad = Set(stored.filter { $0.value.verdict == .badSignature }.keys)
        let verification = try verify(database, inputs: inputs, settings: settings, signatures: .known(bad: bad))
        let same = zip(verification.records, verification.verdicts).allSatisfy { record, verdict in
            verdict == stored[record.receipt] ?? BallotVerdict(.valid)
        }
        guard same else { return (try verifyAndStore(database, inputs: inputs, settings: settings), false) }
        return (verification, true)
    }

    private static func verify(_ database: CollectorDatabase, inputs: TellerInputs, settings: VerifySettings,
                               signatures: SignatureCheck) throws -> Verification {
        let records = try database.submissions()
        let present = Set(records.map(\.form))
        try inputs.rolls.checkCovers(inputs.manifest.forms.filter { present.contains($0.id) })
        return BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: settings)
            .verify(records, sightings: try database.sightings(minimum: 2), identities: .fields(digestKey: try database.identityDigestKey()),
                    signatures: signatures)
    }

    private static func verifyAndStore(_ database: CollectorDatabase, inputs: TellerInputs, settings: VerifySettings) throws -> Verification {
        let store = VerdictStore(database: database)
        let state = try store.submissionsState()
        let verification = try verify(database, inputs: inputs, settings: settings, signatures: .verify)
        try store.save(verification, fingerprint: inputs.fingerprint(settings: settings, submissions: state))
        return verification
    }
}
