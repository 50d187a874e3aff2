import Crypto
import Foundation

/// A log entry with its collector's Ed25519 signature: the answer to an accepted ballot, and what proves it was.
public struct CountersignedReceipt: Equatable, Sendable {
    /// Put before the leaf in the signed message, so this signature can never pass for a tree head's or a ballot's.
    public static let domain = Array("consultation-receipt-v1\n".utf8)

    public let entry: LogEntry
    public let signature: [UInt8]

    public init(entry: LogEntry, signature: [UInt8]) {
        self.entry = entry
        self.signature = signature
    }

    /// The entry signed with the collector's key.
    public init(entry: LogEntry, signingKey: Curve25519.Signing.PrivateKey) throws {
        self.init(entry: entry, signature: Array(try signingKey.signature(for: Self.message(for: entry))))
    }

    /// The domain, then the entry's leaf bytes.
    public static func message(for entry: LogEntry) -> [UInt8] {
        domain + entry.leafBytes
    }

    /// Whether `publicKey`, the collector's, signed this entry.
    public func isSignatureValid(publicKey: Curve25519.Signing.PublicKey) -> Bool {
        publicKey.isValidSignature(signature, for: Self.message(for: entry))
    }
}

extension CountersignedReceipt: Codable {
    enum CodingKeys: String, CodingKey {
        case index
        case receipt
        case receivedMilliseconds = "received_ms"
        case collectorID = "collector_id"
        case signature
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        entry = LogEntry(
            index: try container.decode(UInt64.self, forKey: .index),
            receipt: try container.decodeHash(forKey: .receipt),
            receivedMilliseconds: try container.decode(UInt64.self, forKey: .receivedMilliseconds),
            collectorID: try container.decodeCollectorID(forKey: .collectorID)
        )!  // decodeCollectorID has refused every id the initialiser would.
        signature = try container.decodeSignature(forKey: .signature)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.index, forKey: .index)
        try container.encode(entry.receipt.hex, forKey: .receipt)
        try container.encode(entry.receivedMilliseconds, forKey: .receivedMilliseconds)
        try container.encode(entry.collectorID, forKey: .collectorID)
        try container.encode(Base64URL.encode(signature), forKey: .signature)
    }
}
