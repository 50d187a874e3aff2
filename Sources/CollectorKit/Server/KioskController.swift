import Hummingbird

/// `GET /v1/kiosk`: whether this collector runs a shared polling-station computer (`serve --kiosk`), which the pages it
/// serves read to keep nothing between participants (themes/default/assets/js/kiosk.js, docs/BALLOT.md).
struct KioskController: Sendable {
    let services: CollectorServices

    struct Settings: Encodable {
        let kiosk: Bool
        /// Seconds without input after which the page is cleared for the next participant.
        let idleSeconds: Int?
        /// Seconds before that reset at which the page warns that it is coming.
        let warningSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case kiosk
            case idleSeconds = "idle_seconds"
            case warningSeconds = "warning_seconds"
        }
    }

    func settings(_ request: Request, context: CollectorContext) async -> Response {
        let kiosk = services.configuration.kiosk
        return Answers.json(Settings(kiosk: kiosk != nil, idleSeconds: kiosk?.idleSeconds, warningSeconds: kiosk?.warningSeconds))
    }
}

/// Kiosk mode's settings (`serve --kiosk`).
public struct KioskSettings: Sendable, Equatable {
    public var idleSeconds: Int

    public init(idleSeconds: Int) {
        self.idleSeconds = idleSeconds
    }

    /// A quarter of the idle time, at most 30 seconds: long enough to read the warning and answer it.
    public var warningSeconds: Int { min(30, max(5, idleSeconds / 4)) }
}
