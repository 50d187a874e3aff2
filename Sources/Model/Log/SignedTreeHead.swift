import Crypto
import Foundation

/// A tree head with its collector's Ed25519 signature, which makes a root the collector cannot later deny.
public struct SignedTreeHead: Equatable, Sendable {
    /// Put before the tree head in the signed message, so this signature can never pass for a ballot's (`ballot/v1`).
    public static let domain = Array("consultation-tree-head-v1\n".utf8)

    public let head: TreeHead
    public let signature: [UInt8]

    public init(head: TreeHead, signature: [UInt8]) {
        self.head = head
        self.signature = signature
    }

    /// The head signed with the collector's key.
    public init(head: TreeHead, signingKey: Curve25519.Signing.PrivateKey) throws {
        self.init(head: head, signature: Array(try signingKey.signature(for: Self.message(for: head))))
    }

    /// The domain, then the head's bytes.
    public static func message(for head: TreeHead) -> [UInt8] {
        domain + head.bytes
    }

    /// Whether `publicKey`, the collector's, signed this head.
    public func isSignatureValid(publicKey: Curve25519.Signing.PublicKey) -> Bool {
        publicKey.isValidSignature(signature, for: Self.message(for: head))
    }
}

extension SignedTreeHead: Codable {
    enum CodingKeys: String, CodingKey {
        case treeSize = "tree_size"
        case rootHash = "root_hash"
        case timestampMilliseconds = "timestamp_ms"
        case collectorID = "collector_id"
        case signature
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        head = TreeHead(
            treeSize: try container.decode(UInt64.self, forKey: .treeSize),
            rootHash: try container.decodeHash(forKey: .rootHash),
            timestampMilliseconds: try container.decode(UInt64.self, forKey: .timestampMilliseconds),
            collectorID: try container.decodeCollectorID(forKey: .collectorID)
        )!  // decodeCollectorID has refused every id the initialiser would.
        signature = try container.decodeSignature(forKey: .signature)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(head.treeSize, forKey: .treeSize)
        try container.encode(head.rootHash.hex, forKey: .rootHash)
        try container.encode(head.timestampMilliseconds, forKey: .timestampMilliseconds)
        try container.encode(head.collectorID, forKey: .collectorID)
        try container.encode(Base64URL.encode(signature), forKey: .signature)
    }
}
