import Foundation
import Model

/// How `verify` judges ballots; every field goes into the fingerprint that lets `tally` reuse stored verdicts.
public struct VerifySettings: Equatable, Sendable {
    public var revote: RevotePolicy
    /// Seconds of clock skew allowed around a form's window, as `collector serve --tolerance`.
    public var tolerance: TimeInterval
    public var limits: RateLimits

    public init(revote: RevotePolicy = .last, tolerance: TimeInterval = 60, limits: RateLimits = RateLimits()) {
        self.revote = revote
        self.tolerance = tolerance
        self.limits = limits
    }

    var fingerprintText: String {
        "revote=\(revote.rawValue) tolerance=\(tolerance) address=\(limits.perAddress.map(String.init) ?? "-") "
            + "domain=\(limits.perEmailDomain.map(String.init) ?? "-") fastest=\(limits.fastestSeconds.map { "\($0)" } ?? "-")"
    }
}
