import ArgumentParser
import CollectorKit
import Foundation
import Model

/// The options `verify`, `tally`, `export` and `publish` share: what to count and how to judge ballots.
struct TellerOptions: ParsableArguments {
    @Option(help: "The collector database (several collectors' files merged with `collector import`).")
    var db = "collector.sqlite"

    @Option(help: "The site's ballot manifest (written by sitegen).")
    var manifest = "public/ballots.json"

    @Option(help: "A public roll file (roll.txt from `collector credentials`); repeat for each roll.")
    var roll: [String] = []

    @Option(help: "Which of one key's valid ballots counts: last or first issued.")
    var revote: RevotePolicy = .last

    @Option(help: "Seconds of clock skew allowed around a form's window, as in `collector serve`.")
    var tolerance: Double = 60

    @Option(help: "Flag ballots from a client address that sent more than this many to one form.")
    var flagAddressOver: Int?

    @Option(help: "Flag ballots whose email domain appears on more than this many of one form.")
    var flagDomainOver: Int?

    @Option(help: "Flag ballots received less than this many seconds after they were issued.")
    var flagFasterThan: Double?

    var settings: VerifySettings {
        VerifySettings(revote: revote, tolerance: tolerance,
                       limits: RateLimits(perAddress: flagAddressOver, perEmailDomain: flagDomainOver, fastestSeconds: flagFasterThan))
    }

    func validate() throws {
        guard tolerance >= 0 else { throw ValidationError("--tolerance cannot be negative") }
        if let limit = flagAddressOver, limit < 1 { throw ValidationError("--flag-address-over must be at least 1") }
        if let limit = flagDomainOver, limit < 1 { throw ValidationError("--flag-domain-over must be at least 1") }
    }

    func inputs() throws -> TellerInputs { try TellerInputs.load(manifest: manifest, rolls: roll) }
}

extension RevotePolicy: ExpressibleByArgument {}
extension TallyRule: ExpressibleByArgument {}

/// `--counted-at` and `--audit-url`: how results are stamped.
struct StampOptions: ParsableArguments {
    @Option(help: "The time written as counted_at (ISO 8601, e.g. 2026-06-02T10:00:00Z); default: when the last submission arrived, so tally, publish and recounts agree.")
    var countedAt: String?

    @Option(help: "Site-relative folder where the audit bundles are published (e.g. audit/); each result links its form's bundle.")
    var auditUrl: String?

    func validate() throws {
        if let countedAt, UTCSecond.parse(countedAt) == nil {
            throw ValidationError("--counted-at must be an ISO 8601 UTC time to the second, e.g. 2026-06-02T10:00:00Z")
        }
        if let auditUrl, !auditUrl.hasSuffix("/") || auditUrl.hasPrefix("/") {
            throw ValidationError("--audit-url must be a site-relative folder ending in /, e.g. audit/")
        }
    }

    /// `--counted-at`, else when the last submission arrived (so a recount stamps the same), else now.
    func stamp(_ input: CountInput) -> CountStamp {
        CountStamp(countedAt: countedAt.flatMap(UTCSecond.parse) ?? input.lastArrival ?? Date(), auditURL: auditUrl)
    }
}

/// Runs a teller's command body: its errors go to stderr as one line and the exit status is 1, never a crash.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as TellerError {
        FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
        throw ExitCode.failure
    }
}
