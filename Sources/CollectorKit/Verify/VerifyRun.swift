import Foundation
import Model

/// `verify` on a database: judge every submission and store the verdicts; `tally` reuses them while they hold.
public enum VerifyRun {
    /// Verifies every submission in `db`, a chunk at a time, and stores the verdicts there.
    public static func run(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> VerdictList {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector verify " + CollectorVersion.current)
        return try verifyAndStore(database, inputs: inputs, settings: settings)
    }

    /// What `tally` counts, read a chunk at a time: each submission with its stored verdict, verified first when the
    /// stored verdicts were not made from these inputs. Only the valid ballots' choices are kept.
    public static func countInput(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> (input: CountInput, reused: Bool) {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector tally " + CollectorVersion.current)
        let store = VerdictStore(database: database)
        let fingerprint = inputs.fingerprint(settings: settings, submissions: try store.submissionsState())
        var reused = true
        var stored = try store.load(fingerprint: fingerprint)
        if stored == nil {
            _ = try verifyAndStore(database, inputs: inputs, settings: settings)
            stored = try store.load(fingerprint: fingerprint)
            reused = false
        }
        guard let verdicts = stored else { throw TellerError("\(path): the verdicts just stored cannot be read back") }
        let verifier = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: settings)
        let sightings = try database.sharedSightings()
        var input = CountInput(manifest: inputs.manifest)
        // `entry` reads only the forms: one empty input serves every thread.
        let entries = CountInput(manifest: inputs.manifest)
        // The chunks are read on a thread of their own: nothing else uses the connection until the last is read.
        let next = try database.chunks()
        while let chunk = try next() {
            var prepared = [CountInput.Entry?](repeating: nil, count: chunk.count)
            prepared.withUnsafeMutableBufferPointer { buffer in
                let output = buffer
                DispatchQueue.concurrentPerform(iterations: (chunk.count + 1023) / 1024) { part in
                    for index in (part * 1024)..<min(chunk.count, (part + 1) * 1024) {
                        let record = chunk[index]
                        let verdict = verdicts[record.receipt]?.verdict ?? .valid
                        let (counted, ballot) = verdict == .valid ? verifier.counted(record, sightings: sightings[record.receipt]) : (record, nil)
                        output[index] = entries.entry(counted, verdict: verdict, ballot: ballot)
                    }
                }
            }
            for entry in prepared { input.add(entry!) }
        }
        input.sortByReceipt()
        return (input, reused)
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
        try store.save(verification.list, fingerprint: fingerprint)
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
        try store.save(list, fingerprint: fingerprint)
        return list
    }
}
