import Foundation
import Model

/// `verify` on a database: judge every submission and store the verdicts; `tally` reuses them while they hold.
public enum VerifyRun {
    /// Verifies every submission in `db` and stores the verdicts there.
    public static func run(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> Verification {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector verify " + CollectorVersion.current)
        return try verifyAndStore(database, inputs: inputs, settings: settings)
    }

    /// The stored verdicts when they were made from the same inputs, else a fresh verification (then stored).
    public static func current(db path: String, inputs: TellerInputs, settings: VerifySettings) throws -> (verification: Verification, reused: Bool) {
        let database = try CollectorDatabase.openForWriting(path, createdBy: "collector tally " + CollectorVersion.current)
        let store = VerdictStore(database: database)
        let fingerprint = inputs.fingerprint(settings: settings, submissions: try store.submissionsState())
        guard let stored = try store.load(fingerprint: fingerprint) else {
            return (try verifyAndStore(database, inputs: inputs, settings: settings), false)
        }
        let records = try database.submissions()
        let verdicts = records.map { stored[$0.receipt] ?? BallotVerdict(.valid) }
        let ballots = parseCounted(records, verdicts: verdicts)
        return (Verification(records: records, verdicts: verdicts, ballots: ballots), true)
    }

    private static func verifyAndStore(_ database: CollectorDatabase, inputs: TellerInputs, settings: VerifySettings) throws -> Verification {
        let store = VerdictStore(database: database)
        let state = try store.submissionsState()
        let records = try database.submissions()
        let present = Set(records.map(\.form))
        try inputs.rolls.checkCovers(inputs.manifest.forms.filter { present.contains($0.id) })
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: settings).verify(records)
        try store.save(verification, fingerprint: inputs.fingerprint(settings: settings, submissions: state))
        return verification
    }

    /// The ballots of the valid records, parsed on every core (they parsed when they were verified).
    private static func parseCounted(_ records: [SubmissionRecord], verdicts: [BallotVerdict]) -> [CanonicalBallot?] {
        var ballots = [CanonicalBallot?](repeating: nil, count: records.count)
        let workers = ProcessInfo.processInfo.activeProcessorCount * 16
        let chunk = max(1, (records.count + workers - 1) / workers)
        ballots.withUnsafeMutableBufferPointer { buffer in
            let output = buffer
            DispatchQueue.concurrentPerform(iterations: (records.count + chunk - 1) / chunk) { part in
                for index in (part * chunk)..<min(records.count, (part + 1) * chunk) where verdicts[index].verdict == .valid {
                    output[index] = try? CanonicalBallot.parse(records[index].ballot)
                }
            }
        }
        return ballots
    }
}
