import Foundation

/// How a collector runs: who it is, whom it answers, its limits.
public struct CollectorConfiguration: Sendable {
    /// Written into every row, so merged files still say where each submission arrived.
    public var collectorID: String
    /// Signs the log's tree heads (`--log-key`).
    public var logKey: LogKey
    /// Origins whose pages may post and read with CORS; the site's own origin in the manifest by default.
    public var allowedOrigins: [String]
    /// The generated site to serve from the same origin (kiosk mode), or nil.
    public var siteDirectory: String?
    /// Largest accepted request body, in bytes.
    public var bodyLimit: Int
    public var rateLimit: RateLimit
    /// Clock skew allowed around a form's opening and closing times, in seconds.
    public var tolerance: TimeInterval
    public var verifySignatures: Bool
    /// Least time between two recomputations of the running counts.
    public var countsInterval: TimeInterval
    /// Kiosk mode (`--kiosk`, with the site): the pages keep nothing between participants; nil on any other collector.
    public var kiosk: KioskSettings?
    /// Where no-JS posts are sent after storing (303, with `?receipt=` and `form=`), instead of the answer page.
    public var receiptPage: String?
    /// Connections held at once; one more is answered 503 `busy` and closed.
    public var maxConnections = 4096
    /// Load balancers whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    public var trustedProxies = TrustedProxies.none
    /// The public rolls checked at intake (`--roll`): a key not on its form's roll is refused at once.
    public var rolls = Rolls.none
    /// The words of answers and refusals, in the site's languages (`collector.json`, `--messages`).
    public var messages: Messages

    public init(collectorID: String, logKey: LogKey, messages: Messages, allowedOrigins: [String], siteDirectory: String? = nil, bodyLimit: Int = 64 * 1024,
                rateLimit: RateLimit = RateLimit(), tolerance: TimeInterval = 60, verifySignatures: Bool = false,
                countsInterval: TimeInterval = 5, receiptPage: String? = nil) {
        self.collectorID = collectorID
        self.logKey = logKey
        self.messages = messages
        self.allowedOrigins = allowedOrigins
        self.siteDirectory = siteDirectory
        self.bodyLimit = bodyLimit
        self.rateLimit = rateLimit
        self.tolerance = tolerance
        self.verifySignatures = verifySignatures
        self.countsInterval = countsInterval
        self.receiptPage = receiptPage
    }
}

/// A token bucket per client address: `burst` requests at once, refilled at `perSecond`; 0 turns it off.
public struct RateLimit: Sendable {
    public var perSecond: Double
    public var burst: Int

    public init(perSecond: Double = 5, burst: Int = 20) {
        self.perSecond = perSecond
        self.burst = burst
    }

    public var isEnabled: Bool { perSecond > 0 && burst > 0 }
}

/// The collector's clock and randomness, injected so tests control time, nonces and keys.
public struct CollectorEnvironment: Sendable {
    public var now: @Sendable () -> Date
    public var randomBytes: @Sendable (Int) -> [UInt8]

    public init(now: @escaping @Sendable () -> Date = { Date() },
                randomBytes: @escaping @Sendable (Int) -> [UInt8] = { count in
                    var generator = SystemRandomNumberGenerator()
                    return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
                }) {
        self.now = now
        self.randomBytes = randomBytes
    }
}
