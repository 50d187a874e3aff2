import ArgumentParser
import CollectorKit
import Foundation
import Logging
import Model

/// `collector serve`: takes the participants' submissions over HTTP and stores them durably in SQLite.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive submissions for the forms of a manifest and store them in a SQLite file.",
        discussion: "SIGTERM or SIGINT stops taking connections, commits what is queued, then exits."
    )


    @Option(help: "The site's ballot manifest (written by sitegen).")
    var manifest = "public/ballots.json"

    @Option(help: ArgumentHelp("The collector's words in the site's languages (written by sitegen; default: collector.json beside --manifest).",
                               discussion: "Answers, refusals and the no-JS answer pages are worded from it; the collector does not start without it.",
                               valueName: "file"))
    var messages: String?

    @Option(help: "SQLite database file, created if missing.")
    var db = "collector.sqlite"

    @Option(help: ArgumentHelp("Secret key of the client-address hashes, made on first start (default: beside --db, its extension replaced by .address-key).",
                               discussion: "Kept out of the database and readable by its owner only; collectors behind one load balancer share one file, so that an address hashes alike in each.",
                               valueName: "file"))
    var addressKey: String?

    @Option(help: ArgumentHelp("Ed25519 key that signs the receipt log's tree heads, made on first start (default: beside --db, its extension replaced by .log-key).",
                               discussion: "Its public half is printed at start and served at /v1/log/head; publish it where participants and tellers find it (docs/LOG.md). Keep the file: heads signed by another key prove nothing about the earlier ones.",
                               valueName: "file"))
    var logKey: String?

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port).")
    var port = 8080

    @Option(help: ArgumentHelp("Also serve this generated site from the same origin (kiosk mode).",
                               discussion: "Its pages may post when reached by address (http://192.168.1.10:8080) or as localhost; reached by a name, add that origin with --allowed-origin."))
    var site: String?

    @Flag(help: ArgumentHelp("With --site: a shared polling-station computer, where one browser serves a queue of participants.",
                             discussion: "The pages keep nothing between participants (no key, receipt or reaction in the browser's storage), show that the computer is shared with an \"I have finished\" button, and clear themselves after --kiosk-idle seconds without input, announced before (docs/BALLOT.md, Kiosk mode)."))
    var kiosk = false

    @Option(help: "With --kiosk: seconds without input after which the page is cleared for the next participant.")
    var kioskIdle = 120

    @Option(help: "Name written into every stored row (default: this machine's host name).")
    var collectorId: String?

    @Option(help: "Origin whose pages may submit (repeatable; default: the manifest's site).")
    var allowedOrigin: [String] = []

    @Option(help: ArgumentHelp("A load balancer in front of the collector, as an address or a CIDR network (repeatable).",
                               discussion: "A request from one names its client in X-Forwarded-For: the rightmost address there that is not a trusted proxy is the client, for rate limits and the stored address hash (docs/DESIGN.md, Beyond one machine). Without it every peer is its own client.",
                               valueName: "cidr"))
    var trustedProxy: [String] = []

    @Option(help: "Requests per second per client address, refilled continuously (0: no limit).")
    var rateLimit: Double = 5

    @Option(help: "Requests a client address may make at once before the rate limit applies.")
    var rateBurst = 20

    @Option(help: "Largest request body, in bytes.")
    var bodyLimit = 64 * 1024

    @Option(help: ArgumentHelp("A public roll (roll.txt from `collector credentials`, repeatable): its forms refuse a code not on it at once.",
                               discussion: "`verify` checks every key against the roll again; a form whose roll is not given takes any well-formed code."))
    var roll: [String] = []

    @Option(help: "Seconds of clock skew allowed around a form's opening and closing times.")
    var tolerance: Double = 60

    @Flag(help: "Check each signature before storing (otherwise the tellers' offline step).")
    var verifySignatures = false

    @Option(help: "Least seconds between two recomputations of the running counts.")
    var countsInterval: Double = 5

    @Option(help: "Send no-JS posts here after storing (303 with ?receipt=&form=) instead of the answer page.")
    var receiptPage: String?

    @Option(help: "Seconds after which an idle or stalled connection is closed; a request's body must arrive whole within it of its head.")
    var idleTimeout = 30

    @Option(help: "Connections held at once; one more is answered 503 (busy) and closed.")
    var maxConnections = 4096

    @Option(help: ArgumentHelp("Run the clock from this UTC time instead of now, e.g. 2026-11-26T12:00:00Z: it decides which forms are open and the received_at of each row.",
                               discussion: "For rehearsals and tests of a site built with the same `sitegen build --clock`; never for a real vote.",
                               valueName: "time"))
    var clock: String?

    @OptionGroup var log: LogOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard bodyLimit >= 1024 else { throw ValidationError("--body-limit must be at least 1024 bytes") }
        guard rateLimit >= 0, rateBurst >= 0 else { throw ValidationError("--rate-limit and --rate-burst cannot be negative") }
        if let clock, UTCSecond.parse(clock) == nil {
            throw ValidationError("--clock \(clock): write a UTC time to the second, e.g. 2026-11-26T12:00:00Z")
        }
        if kiosk, site == nil { throw ValidationError("--kiosk serves the site to a shared computer: pass --site public as well") }
        guard (10...3600).contains(kioskIdle) else {
            throw ValidationError("--kiosk-idle \(kioskIdle): give 10 to 3600 seconds, long enough to read a ballot and short enough that the next participant finds a clear page")
        }
    }

    func run() async throws {
        log.bootstrap()
        let logger = Logger(label: "collector")
        let manifest = try loadManifest()
        let words: Messages
        do {
            words = try MessagesFile.load(messages ?? MessagesFile.beside(manifest: self.manifest))
        } catch {
            throw ValidationError("\(error)")
        }
        let metrics = CollectorMetrics()
        var environment = CollectorEnvironment()
        if let start = clock.flatMap(UTCSecond.parse) {
            let running = RunningClock(startingAt: start)
            environment.now = { running.now() }
            logger.warning("the clock runs from \(UTCSecond.format(start)), not from the real time (--clock)")
        }
        let keyPath = addressKey ?? AddressKey.defaultPath(database: db)
        let logKeyPath = logKey ?? LogKey.defaultPath(database: db)
        let collectorID = collectorId ?? ProcessInfo.processInfo.hostName
        guard (1...1024).contains(collectorID.utf8.count) else {
            throw ValidationError("--collector-id: \(collectorID.utf8.count) bytes; name the collector in 1 to 1024 bytes (it is in every row and log entry)")
        }
        if let site {
            do {
                try KioskSiteCheck.check(site: site, database: db, addressKey: keyPath, logKey: logKeyPath)
            } catch {
                throw ValidationError(error.description)
            }
        }
        let key: AddressKey
        do {
            key = try AddressKey(file: keyPath, randomBytes: environment.randomBytes)
        } catch {
            throw ValidationError("--address-key \(error)")
        }
        let signingKey: LogKey
        do {
            signingKey = try LogKey(file: logKeyPath, randomBytes: environment.randomBytes)
        } catch {
            throw ValidationError("--log-key \(error)")
        }
        let store: SubmissionStore
        do {
            let failures = StorageFailureLog(logger: logger)
            store = try SubmissionStore(path: db, addressKey: key, logPublicKey: signingKey.publicKeyText, onFailure: { failures.record($0, $1) },
                                        onCommit: { size, seconds in metrics.recordCommit(batchSize: size, seconds: seconds) })
            try store.keepHead(signedBy: signingKey, collectorID: collectorID, at: environment.now())
        } catch {
            throw ValidationError("--db \(db): \(error)")
        }
        var configuration = CollectorConfiguration(
            collectorID: collectorID,
            logKey: signingKey,
            messages: words,
            allowedOrigins: allowedOrigin.isEmpty ? [manifest.site] : allowedOrigin,
            siteDirectory: site,
            bodyLimit: bodyLimit,
            rateLimit: RateLimit(perSecond: rateLimit, burst: rateBurst),
            tolerance: tolerance,
            verifySignatures: verifySignatures,
            countsInterval: countsInterval,
            receiptPage: receiptPage
        )
        configuration.maxConnections = maxConnections
        configuration.rolls = try intakeRolls(manifest, logger: logger)
        configuration.kiosk = kiosk ? KioskSettings(idleSeconds: kioskIdle) : nil
        do {
            configuration.trustedProxies = try TrustedProxies(trustedProxy)
        } catch {
            throw ValidationError("--trusted-proxy \(error.text): write an address or a network in CIDR form, e.g. 10.0.0.0/8 or fd00::/8")
        }
        if let available = FileLimit.raise(toHold: maxConnections), available < maxConnections {
            logger.warning("--max-connections \(maxConnections): this process may open only \(available) files; raise `ulimit -n` (or LimitNOFILE= in its systemd unit)")
        }
        let host = self.host
        let app = CollectorServer.application(manifest: manifest, configuration: configuration, store: store, metrics: metrics,
                                              environment: environment, host: host, port: port, idleTimeout: .seconds(idleTimeout),
                                              logger: logger) { port in
            // Scripts and tests read this line to learn the port (with --port 0).
            print("collector listening on http://\(host):\(port)")
            fflush(stdout)
        }
        logger.info("serving \(manifest.forms.count) forms from \(self.manifest) into \(db)")
        logger.info("the receipt log's tree heads are signed by \(signingKey.publicKeyText) (key file \(logKeyPath))")
        try await app.runService()
        await store.close()
        do {
            try store.keepHead(signedBy: signingKey, collectorID: collectorID, at: environment.now())
        } catch {
            logger.error("could not keep the receipt log's last signed head in \(db); start and stop the collector on it again to sign one",
                         metadata: ["error": "\(error)"])
        }
        if let failure = store.failure {
            logger.error("stopped after a storage failure; nothing was acknowledged after it", metadata: ["error": "\(failure)"])
        } else {
            logger.info("stopped; every queued submission is committed")
        }
    }

    /// The `--roll` files, each the roll of some form of the manifest; the forms voted with codes of a roll not
    /// given are named in the log, as they take any well-formed code until `verify`.
    private func intakeRolls(_ manifest: BallotManifest, logger: Logger) throws -> Rolls {
        let named = Set(manifest.forms.filter { $0.eligibility == .roll }.compactMap(\.roll))
        let rolls: Rolls
        do {
            rolls = try Rolls(roll.map { path in
                let file = try Rolls.file(path)
                guard named.contains(file.rollID) else {
                    throw TellerError("--roll \(path): roll `\(file.rollID)` is not the roll of any form in \(self.manifest) (its forms vote with "
                                      + (named.isEmpty ? "no roll" : named.sorted().map { "`\($0)`" }.joined(separator: ", ")) + "); pass the roll.txt of this site's vote")
                }
                return file
            })
        } catch {
            throw ValidationError("\(error)")
        }
        let given = Set(rolls.files.map(\.rollID))
        let unchecked = manifest.forms.filter { form in form.eligibility == .roll && !given.contains(form.roll ?? "") }
        if !unchecked.isEmpty {
            logger.notice("forms \(unchecked.map(\.id).joined(separator: ", ")) take any well-formed voting code until `verify`: pass their roll.txt with --roll to refuse a code not on it at once")
        }
        return rolls
    }

    private func loadManifest() throws -> BallotManifest {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: manifest))
        } catch {
            throw ValidationError("--manifest \(manifest): cannot read the file (run `sitegen build` first, or pass --manifest)")
        }
        let loaded: BallotManifest
        do {
            loaded = try BallotManifest.decoder().decode(BallotManifest.self, from: data)
        } catch {
            throw ValidationError("--manifest \(manifest): not a ballot manifest: \(error)")
        }
        do {
            _ = try loaded.issuerKeys()
            _ = try loaded.filerKeys()
        } catch {
            throw ValidationError("--manifest \(manifest): \(error)")
        }
        return loaded
    }
}
