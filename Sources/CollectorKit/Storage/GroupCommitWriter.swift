import Foundation
import Model
import NIOCore

/// The database's only writer: a thread that commits every waiting record in one transaction, so one fsync
/// serves a whole batch of concurrent requests (group commit). `WALSync` answers each batch once it is on disk;
/// meanwhile this thread inserts what arrives into the next transaction, and commits it as soon as `WALSync`
/// takes the previous one, so a batch's inserts are not on its requests' path to the disk.
///
/// A thread rather than an actor, because SQLite's calls block on the disk and must not hold a cooperative thread.
///
/// It keeps the WAL short: every `checkpointRows` rows it has `BackgroundCheckpointer` copy the WAL into the
/// database file, and once that is done copies the rest itself, between batches and after answering them, so
/// the next commit starts the WAL over. Without that last step a checkpoint beside a writer that never pauses
/// never catches up: the WAL grew without end (500 MB in six seconds of load).
///
/// Every commit's, insert's and checkpoint's result feeds `StorageLatch`: once the disk has failed, nothing more
/// is written, checkpointed or acknowledged.
final class GroupCommitWriter: @unchecked Sendable {
    /// A class: a job passes through the queue, the batch and the answers, and copying a record's fields at
    /// each step was a visible cost.
    private final class Job: Sendable {
        let record: SubmissionRecord
        /// Where `completion` runs: on this event loop, with the batch's other answers for it; nil: on the writer's thread.
        let loop: (any EventLoop)?
        let completion: @Sendable (Result<StoreOutcome, any Error>) -> Void

        init(record: SubmissionRecord, loop: (any EventLoop)?, completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void) {
            self.record = record
            self.loop = loop
            self.completion = completion
        }
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [Job] = []
    /// Ballots begun, per collector, form and hour, not yet written: counts, so nobody waits for their commit.
    private var starts: [StartKey: Int] = [:]
    private var stopping = false
    private var finished = false
    /// Whether the open transaction may commit: no committed batch waits for its sync to begin. What arrives
    /// while one waits goes into one later commit (that sync could not cover it anyway), so batches stay as large
    /// as with a sync in COMMIT. A box, so `WALSync` can be told how to set it before `self` exists.
    private let turn = Turn()
    private final class Turn: @unchecked Sendable {
        var free = true
    }
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []

    // Used only by the writer thread once it runs.
    private let connection: SQLiteConnection
    private let insert: SQLiteStatement
    private let lookup: SQLiteStatement
    private let sameKey: SQLiteStatement
    private let countStarts: SQLiteStatement
    private let maxBatch: Int
    /// While a batch waits for its sync, the writer is woken for every this many records rather than for each:
    /// one wake per record cost more than the inserts it moved out of the way (measured: 1 slower than 8 or 32).
    private static let wakeEvery = 8
    private let checkpointRows: Int
    private var rowsSinceCheckpoint = 0
    /// The open transaction: its records, in order, what each insert found, and when it began.
    private var inTransaction = false
    private var inserted: [Job] = []
    private var outcomes: [StoreOutcome] = []
    /// The open transaction's new rows as log entries, appended to the log once it commits, never before: a rolled
    /// back row must not stay a leaf, or leaf `i` would no longer be row `i + 1`.
    private var logged: [LogEntry] = []
    private var openLastRowID: Int64 = 0
    /// The last row id of the last committed transaction: what `openLastRowID` goes back to when one is rolled back,
    /// since SQLite gives its row ids out again and a stale one would let later rows count as durable before their sync.
    private var committedLastRowID: Int64
    private var openedAt: UInt64 = 0
    private let checkpointer: BackgroundCheckpointer
    private let walSync: WALSync
    private let latch: StorageLatch
    private let disk: StorageDisk
    /// The database file as SQLite names it, for the operator's messages.
    private let file: String
    private let durable: DurableRows
    private let log: ReceiptLog
    private let onCommit: @Sendable (_ batchSize: Int, _ seconds: Double) -> Void
    private let onFailure: @Sendable (_ records: Int, _ error: any Error) -> Void

    /// `checkpointRows`: rows committed between two checkpoints. Ten thousand rows make a WAL of up to about 80 MB
    /// under load; a checkpoint copies each page once however often the rows dirtied it, so three times fewer
    /// pages are copied than with a thousand (the receipt index is written in random places).
    init(connection: SQLiteConnection, maxBatch: Int, checkpointRows: Int, durable: DurableRows, latch: StorageLatch,
         disk: StorageDisk, log: ReceiptLog, onCommit: @escaping @Sendable (Int, Double) -> Void,
         onFailure: @escaping @Sendable (Int, any Error) -> Void) throws {
        self.connection = connection
        self.latch = latch
        self.disk = disk
        file = connection.filename
        self.maxBatch = maxBatch
        self.checkpointRows = checkpointRows
        self.durable = durable
        committedLastRowID = durable.upTo
        openLastRowID = committedLastRowID
        self.log = log
        self.onCommit = onCommit
        self.onFailure = onFailure
        insert = try connection.prepare("""
            INSERT INTO submissions (receipt, form_id, ballot, public_key, signature, identity, received_at, collector_id, client_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (receipt) DO NOTHING
            """)
        lookup = try connection.prepare("SELECT received_at, rowid, collector_id, public_key, ballot FROM submissions WHERE receipt = ?")
        sameKey = try connection.prepare("SELECT 1 FROM submissions WHERE form_id = ? AND public_key = ? LIMIT 1")
        countStarts = try connection.prepare("""
            INSERT INTO starts (collector_id, form_id, hour, count) VALUES (?, ?, ?, ?)
            ON CONFLICT (collector_id, form_id, hour) DO UPDATE SET count = count + excluded.count
            """)
        // Threads last: nothing above may fail after they start.
        checkpointer = try BackgroundCheckpointer(path: file, latch: latch, disk: disk)
        walSync = try WALSync(connection: connection, latch: latch, sync: disk.syncWAL) { [condition, turn] in
            condition.lock()
            turn.free = true
            condition.signal()
            condition.unlock()
        }
        let thread = Thread { [self] in self.run() }
        thread.start()
    }

    /// Returns once the record is durable (or was already stored).
    func store(_ record: SubmissionRecord) async throws -> StoreOutcome {
        try await withCheckedThrowingContinuation { continuation in
            store(record) { continuation.resume(with: $0) }
        }
    }

    /// Calls `completion` once the record is durable (or was already stored): on `loop` if given, so an event loop
    /// answers without a task of its own, and one hop to a loop carries every answer of a batch that is due there.
    func store(_ record: SubmissionRecord, on loop: (any EventLoop)? = nil,
               completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void) {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            if let loop { loop.execute { completion(.failure(StoreClosedError())) } } else { completion(.failure(StoreClosedError())) }
            return
        }
        jobs.append(Job(record: record, loop: loop, completion: completion))
        if turn.free || jobs.count >= Self.wakeEvery { condition.signal() }
        condition.unlock()
    }

    /// Counts a ballot begun; it is written with the next commit.
    func countStart(_ key: StartKey) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        starts[key, default: 0] += 1
        condition.signal()
    }

    var queueDepth: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count
    }

    /// Refuses new records, commits those already queued, and returns when the last batch is durable.
    func close() async {
        await withCheckedContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            if finished {
                continuation.resume()
                return
            }
            stopping = true
            closeWaiters.append(continuation)
            condition.signal()
        }
    }

    private func run() {
        nameCurrentThread("db-writer")
        while true {
            condition.lock()
            while !(canInsert || (inTransaction && turn.free) || canFinish) { condition.wait() }
            if canFinish {
                condition.unlock()
                finish()
                return
            }
            let room = maxBatch - inserted.count
            let taken: [Job]
            if jobs.count <= room {
                taken = jobs
                jobs = []
            } else {
                taken = Array(jobs.prefix(room))
                jobs.removeFirst(room)
            }
            let begun = starts
            starts = [:]
            condition.unlock()
            add(taken, starts: begun)
            if inTransaction && condition.withLock({ turn.free }) { commit() }
        }
    }

    /// Whether anything waits that the open transaction can still take. Under `condition`.
    private var canInsert: Bool { (!jobs.isEmpty && inserted.count < maxBatch) || !starts.isEmpty }

    /// Whether closing was asked for and everything taken before it is committed. Under `condition`.
    private var canFinish: Bool { stopping && jobs.isEmpty && starts.isEmpty && !inTransaction }

    /// Adds records to the open transaction (beginning one if needed) while the previous batch's sync runs, so
    /// that once its turn comes a batch only has its COMMIT left to write.
    private func add(_ taken: [Job], starts begun: [StartKey: Int]) {
        guard !taken.isEmpty || !begun.isEmpty else { return }
        // Once the disk has failed nothing more is written: it could become visible, and it could never be confirmed.
        if let failure = latch.failure {
            fail(taken, failure)
            return
        }
        // Jobs join `inserted` before their insert runs, so a failure answers each of them exactly once.
        var added = 0
        do {
            if !inTransaction {
                try connection.execute("BEGIN IMMEDIATE")
                inTransaction = true
                openedAt = DispatchTime.now().uptimeNanoseconds
            }
            for (key, count) in begun.sorted(by: { ($0.key.form, $0.key.hour) < ($1.key.form, $1.key.hour) }) {
                try countStarts.bind([key.collectorID, key.form, key.hour, String(count)])
                _ = try countStarts.step()
                countStarts.reset()
            }
            for job in taken {
                inserted.append(job)
                added += 1
                let record = job.record
                try sameKey.bind([record.form, record.publicKey])
                let replaces = try sameKey.step()
                sameKey.reset()
                _ = try insert.run(binding: [record.receipt, record.form, record.ballot, record.publicKey, record.signature,
                                             record.identity, record.receivedAt, record.collectorID, record.clientHash])
                if connection.changes == 1 {
                    openLastRowID = insert.lastInsertRowID
                    // The intake made the record, so its receipt, time and collector id are what a leaf holds.
                    guard let entry = LogRow.entry(rowID: openLastRowID, receipt: record.receipt, publicKey: record.publicKey, ballot: record.ballot,
                                                   receivedAt: record.receivedAt, collectorID: record.collectorID) else {
                        throw SQLiteError(code: 0, message: "row \(openLastRowID) cannot be logged: receipt, time or collector id of another form")
                    }
                    logged.append(entry)
                    outcomes.append(StoreOutcome(storedAt: record.receivedAt, duplicate: false, replaces: replaces, logEntry: entry))
                } else {
                    try lookup.bind([record.receipt])
                    guard try lookup.step(), let storedAt = lookup.text(0),
                          let entry = LogRow.entry(rowID: Int64(lookup.int(1)), receipt: record.receipt, publicKey: lookup.text(3) ?? "",
                                                   ballot: lookup.text(4) ?? "", receivedAt: storedAt, collectorID: lookup.text(2) ?? "") else {
                        throw SQLiteError(code: 0, message: "receipt \(record.receipt) is neither inserted nor found as a collector writes it")
                    }
                    lookup.reset()
                    outcomes.append(StoreOutcome(storedAt: storedAt, duplicate: true, replaces: false, logEntry: entry))
                }
            }
        } catch {
            let error = latch.written(error, file: file)
            rollBack(error)
            fail(Array(taken[added...]), error)
        }
    }

    /// Commits the open transaction and hands its batch to `WALSync`, which answers it once synced.
    private func commit() {
        if let failure = latch.failure {
            rollBack(failure)
            return
        }
        let batch = inserted
        let results = zip(batch, outcomes).map { ($0, Result<StoreOutcome, any Error>.success($1)) }
        let lastRowID = openLastRowID
        let start = openedAt
        do {
            try connection.execute("COMMIT")
        } catch {
            rollBack(latch.written(error, file: file))
            return
        }
        log.append(logged)
        logged = []
        committedLastRowID = lastRowID
        inTransaction = false
        inserted = []
        outcomes = []
        if !batch.isEmpty {
            condition.withLock { turn.free = false }
            walSync.afterSync { [self] failure in
                if let failure {
                    fail(batch, failure)
                } else {
                    durable.advance(to: lastRowID)
                    onCommit(batch.count, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    deliver(results)
                }
            }
        }
        rowsSinceCheckpoint += batch.count
        if checkpointer.claimFinished() {
            checkpoint()
        } else if rowsSinceCheckpoint >= checkpointRows {
            rowsSinceCheckpoint = 0
            checkpointer.request()
        }
    }

    /// Abandons the open transaction: every record in it is answered with `error`.
    private func rollBack(_ error: any Error) {
        insert.reset()
        lookup.reset()
        sameKey.reset()
        countStarts.reset()
        try? connection.execute("ROLLBACK")
        let failed = inserted
        inTransaction = false
        inserted = []
        outcomes = []
        logged = []
        openLastRowID = committedLastRowID
        fail(failed, error)
    }

    /// Waits for the last batch's sync, copies the WAL into the file and wakes those waiting in `close()`.
    private func finish() {
        walSync.stop()
        checkpointer.stop()
        checkpoint()
        condition.lock()
        finished = true
        let waiters = closeWaiters
        closeWaiters = []
        condition.unlock()
        waiters.forEach { $0.resume() }
    }

    /// Answers `jobs` with `error` and reports it.
    private func fail(_ jobs: [Job], _ error: any Error) {
        guard !jobs.isEmpty else { return }
        onFailure(jobs.count, error)
        deliver(jobs.map { ($0, .failure(error)) })
    }

    /// One hop per event loop, carrying the whole batch: each loop answers its own jobs.
    private func deliver(_ results: [(Job, Result<StoreOutcome, any Error>)]) {
        var loops: [any EventLoop] = []
        for (job, result) in results {
            guard let loop = job.loop else {
                job.completion(result)
                continue
            }
            if !loops.contains(where: { $0 === loop }) { loops.append(loop) }
        }
        for loop in loops {
            loop.execute {
                for (job, result) in results where job.loop === loop { job.completion(result) }
            }
        }
    }

    /// Copies the WAL into the database file; with no other writer it copies all of it, so the next commit
    /// starts the WAL over from its beginning. Never once the disk has failed: starting the WAL over could erase
    /// the only copy of rows already acknowledged.
    private func checkpoint() {
        guard latch.failure == nil else { return }
        var frames: Int32 = 0
        var copied: Int32 = 0
        _ = latch.checkpointed(disk.checkpoint(connection, &frames, &copied), file: file)
    }
}

/// Where a count of ballots begun goes: the collector, the form and the hour (`2026-11-26T15`).
struct StartKey: Hashable, Sendable {
    var collectorID: String
    var form: String
    var hour: String
}

/// The store is shutting down and takes no more records.
public struct StoreClosedError: Error {}
