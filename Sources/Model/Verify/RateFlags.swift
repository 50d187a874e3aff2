import Foundation

/// Limits beyond which ballots of one form are flagged for a person to look at (never dropped); nil is no limit.
public struct RateLimits: Equatable, Sendable {
    /// Flag every ballot from a client address that sent more than this many.
    public var perAddress: Int?
    /// Flag every ballot whose email domain appears on more than this many.
    public var perEmailDomain: Int?
    /// Flag a ballot received less than this many seconds after it was issued.
    public var fastestSeconds: Double?

    public init(perAddress: Int? = nil, perEmailDomain: Int? = nil, fastestSeconds: Double? = nil) {
        self.perAddress = perAddress
        self.perEmailDomain = perEmailDomain
        self.fastestSeconds = fastestSeconds
    }
}

/// What the rate filters look at in one ballot.
public struct RateSample: Sendable {
    /// The salted hash of the client's address, when known.
    public var addressHash: String?
    /// The lowercased domain of the identity's email field, when the form asks one.
    public var emailDomain: String?
    public var issued: Date
    public var receivedAt: Date?

    public init(addressHash: String?, emailDomain: String?, issued: Date, receivedAt: Date?) {
        self.addressHash = addressHash
        self.emailDomain = emailDomain
        self.issued = issued
        self.receivedAt = receivedAt
    }
}

/// The UK petitions site's criteria for suspicious signing: many from one address, many from one domain, too fast.
public enum RateFlags {
    /// The flags of each sample, in input order; samples are the ballots of one form.
    public static func flags(_ samples: [RateSample], limits: RateLimits) -> [[BallotFlag]] {
        var addresses: [String: Int] = [:]
        var domains: [String: Int] = [:]
        for sample in samples {
            if let hash = sample.addressHash { addresses[hash, default: 0] += 1 }
            if let domain = sample.emailDomain { domains[domain, default: 0] += 1 }
        }
        return samples.map { sample in
            var flags: [BallotFlag] = []
            if let limit = limits.perAddress, let hash = sample.addressHash, addresses[hash]! > limit { flags.append(.sameAddress) }
            if let limit = limits.perEmailDomain, let domain = sample.emailDomain, domains[domain]! > limit { flags.append(.sameDomain) }
            if let limit = limits.fastestSeconds, let received = sample.receivedAt, received.timeIntervalSince(sample.issued) < limit {
                flags.append(.tooFast)
            }
            return flags
        }
    }

    /// The domain of an email address, lowercased; nil when it is not one.
    public static func emailDomain(_ address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...].lowercased()
        return domain.isEmpty ? nil : domain
    }
}
