import Foundation
import Model

/// The receipt a participant keeps: `{"receipt": "<hex>", "form": "<id>", "stored_at": "<ISO>", "log": {...}}`, the
/// log's proof that the collector holds it (docs/LOG.md).
struct Receipt: Sendable {
    let receipt: String
    let form: String
    let storedAt: String
    /// A ballot with the same key was already stored for the form (`StoreOutcome.replaces`).
    let replaces: Bool
    let log: LogProof?
}

/// Checks and stores a submission; the one path for the script's JSON and the no-JS form, so both make the same record.
struct SubmissionIntake: Sendable {
    let check: SubmissionCheck
    let store: SubmissionStore
    let metrics: CollectorMetrics
    let collectorID: String
    let environment: CollectorEnvironment
    let heads: LogHeads

    func accept(_ input: SubmissionInput, clientAddress: String?) async -> Result<Receipt, Refusal> {
        let record: SubmissionRecord
        switch prepare(input, clientAddress: clientAddress) {
        case .success(let checked): record = checked
        case .failure(let refusal): return .failure(refusal)
        }
        do {
            return .success(stored(receipt: record.receipt, form: record.form, try await store.store(record)))
        } catch {
            return .failure(Refusal(.unavailable))
        }
    }

    /// The row to store for `input`, or why it is refused; nothing is stored yet.
    func prepare(_ input: SubmissionInput, clientAddress: String?) -> Result<SubmissionRecord, Refusal> {
        let now = environment.now()
        let submission: Submission
        switch check.check(input, at: now) {
        case .success(let checked): submission = checked
        case .failure(let refusal): return .failure(refusal)
        }
        return .success(SubmissionRecord(
            receipt: submission.receipt,
            form: submission.form,
            ballot: submission.signed.text,
            publicKey: input.publicKey,
            signature: input.signature,
            identity: submission.identity.isEmpty ? nil : Self.json(submission.identity),
            receivedAt: Self.timestamp(now),
            collectorID: collectorID,
            // A credential ballot is anonymous: its address's digest would join it to the same person's other rows
            // (their named filing, their ballots on other forms), so none is kept; the issuer limits credentials instead.
            clientHash: check.form(submission.form)?.eligibility == .credential ? "" : store.hashAddress(clientAddress ?? "unknown")
        ))
    }

    /// The receipt of a record once the store has it, counted in the metrics.
    func stored(receipt: String, form: String, _ outcome: StoreOutcome) -> Receipt {
        metrics.recordAccepted(duplicate: outcome.duplicate)
        return Receipt(receipt: receipt, form: form, storedAt: outcome.storedAt, replaces: outcome.replaces, log: heads.proof(of: outcome.logEntry))
    }

    /// ISO 8601 UTC with milliseconds, so rows of one second keep their order when files are merged.
    static func timestamp(_ date: Date) -> String {
        UTCSecond.formatMilliseconds(date)
    }

    private static func json(_ values: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
